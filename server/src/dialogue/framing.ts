// Framing apart from meaning: line octets, where a command's verb ends (RFC 5321 §4.1.1), the DATA terminator and
// dot-stuffing (RFC 5321 §4.1.1.4, §4.5.2), and the octet counts of BDAT chunks (RFC 3030 §2).

export const CRLF = '\r\n';
/** Every line on the wire ends with CR LF (RFC 5321 §2.3.8). */
export const CRLF_OCTETS = 2;

/** Octets the text takes on the wire, without its CRLF. */
export function lineOctets(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The longest start of `text` that takes at most `octets` octets on the wire, no character cut in two. */
export function withinOctets(text: string, octets: number): string {
  if (text.length * 3 <= octets) return text;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= octets) return text;
  let end = octets;
  // Back to the start of the character the cut falls in: continuation octets are 10xxxxxx.
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}

/**
 * RFC 5321 §4.1.2: a command line is printable text and spaces; no address, domain or parameter value holds a control
 * character (a tab is tolerated as a space). NUL, a CR inside the line, ESC or DEL make it no command.
 */
export function holdsControlCharacter(command: string): boolean {
  return /[\x00-\x08\x0a-\x1f\x7f]/.test(command);
}

const isBlank = (code: number): boolean => code === 0x20 || code === 0x09;

/**
 * Where the verb of a command line stands (RFC 5321 §4.1.1: `VERB SP argument`): after any blanks, up to the next
 * blank, a space or a tab (lint's `command-whitespace` reports a tab and blanks before it). One reading for the
 * transcript's parser and for what imports, recordings, the proxy and the mock read on the wire, so that all pair
 * replies and frame chunks alike.
 */
export function commandVerbSpan(text: string): { start: number; end: number } {
  let start = 0;
  while (start < text.length && isBlank(text.charCodeAt(start))) start++;
  let end = start;
  while (end < text.length && !isBlank(text.charCodeAt(end))) end++;
  return { start, end };
}

/**
 * A command line's verb as written, and its argument (after one blank; undefined when nothing follows the verb);
 * `blankFirst` when the line starts with a blank, which on the wire leaves it no command (`wireCommand`).
 */
export function splitCommand(text: string): { verb: string; argument?: string; blankFirst: boolean } {
  const { start, end } = commandVerbSpan(text);
  const verb = text.slice(start, end);
  return end < text.length ? { verb, argument: text.slice(end + 1), blankFirst: start > 0 } : { verb, blankFirst: start > 0 };
}

/** RFC 5321 §4.1.1.4: the line holding only a period ends message content. */
export const END_OF_DATA = '.';

export function isEndOfData(line: string): boolean {
  return line === END_OF_DATA;
}

/** RFC 5321 §4.5.2: the dot the sender added before a content line that starts with one (1), or none (0). */
export function stuffedDots(line: string): 0 | 1 {
  return line.startsWith('..') ? 1 : 0;
}

/** A content line as the message holds it: the stuffed dot taken off. */
export function unstuffLine(line: string): string {
  return line.slice(stuffedDots(line));
}

/** Content (CRLF line ends) in wire form: a dot added before every line that starts with one. */
export function dotStuff(text: string): string {
  return text.replace(/(^|\r\n)\./g, '$1..');
}

/** Wire-form content (CRLF line ends) as the receiver keeps it: the first dot of every line that starts with one deleted. */
export function dotUnstuff(text: string): string {
  return text.replace(/(^|\r\n)\./g, '$1');
}

/** `BDAT <size> [LAST]` (RFC 3030 §2); `*` is the transcript's "count it at replay". Size undefined: unreadable. */
export interface BdatArgument {
  readonly size: number | '*' | undefined;
  readonly last: boolean;
}

const BDAT_ARGUMENT = /^(\d+|\*)(?:\s+(LAST))?\s*$/i;

export function parseBdatArgument(argument: string): BdatArgument {
  const match = BDAT_ARGUMENT.exec(argument);
  if (!match) return { size: undefined, last: false };
  return { size: match[1] === '*' ? '*' : Number(match[1]), last: match[2] !== undefined };
}

/**
 * A chunk being counted: `remaining` octets still declared (undefined: `*`, it runs to the next reply), `octets`
 * counted so far, `endsMidLine` when the count ended right after a line's text (that line's CRLF is not part of it).
 */
export interface ChunkCount {
  readonly remaining: number | undefined;
  readonly octets: number;
  readonly endsMidLine: boolean;
  readonly done: boolean;
}

export function startChunk(size: number | '*'): ChunkCount {
  return { remaining: size === '*' ? undefined : size, octets: 0, endsMidLine: false, done: size === 0 };
}

/** Counts one line of the chunk: its text plus CRLF, or only its text when that is exactly what remains. */
export function countChunkLine(chunk: ChunkCount, text: string): ChunkCount {
  const octets = lineOctets(text);
  // Written out, not spread from `chunk`: this runs for every line of a chunk, and a spread copy costs several times more.
  if (chunk.remaining === undefined) return { remaining: undefined, octets: chunk.octets + octets + CRLF_OCTETS, endsMidLine: false, done: false };
  if (chunk.remaining === octets) return { remaining: 0, octets: chunk.octets + octets, endsMidLine: true, done: true };
  const remaining = chunk.remaining - octets - CRLF_OCTETS;
  return { remaining, octets: chunk.octets + octets + CRLF_OCTETS, endsMidLine: false, done: remaining <= 0 };
}

/** The chunk holds exactly the octets its command declared (a `*` chunk always does). */
export function chunkComplete(chunk: ChunkCount): boolean {
  return chunk.remaining === undefined || chunk.remaining === 0;
}
