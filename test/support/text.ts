// Inline transcripts in tests are written one line per argument, so a test reads like the file.

/** The lines joined with LF, no line break after the last (as an editor buffer often ends). */
export const lines = (...text: string[]): string => text.join('\n');

/** The lines each ended with LF, as a file written by a tool ends. */
export const fileLines = (...text: string[]): string => `${text.join('\n')}\n`;
