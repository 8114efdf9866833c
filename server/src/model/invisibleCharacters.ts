// Characters a terminal or an editor obeys instead of showing: C0 and C1 controls (escape sequences start with one:
// colours, titles, cursor moves, cleared lines) and bidirectional overrides, which reorder what is shown. Text from a
// server must not carry them onto a terminal (report/visibleText.ts shows them escaped) or into a file written for the
// user (volatileText.ts writes them as a wildcard).
export const INVISIBLE_CHARACTERS = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// The same characters, tested without `g` (no lastIndex): a replace with a function costs several times a test even
// when nothing matches, and almost every line is plain.
export const HAS_INVISIBLE_CHARACTER = new RegExp(INVISIBLE_CHARACTERS.source);

/** `text` with each of those characters shown as `\x1b` (or `\u202e`): on a terminal, in a log, in a comment. */
export function visibleText(text: string): string {
  if (!HAS_INVISIBLE_CHARACTER.test(text)) return text;
  return text.replace(INVISIBLE_CHARACTERS, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
