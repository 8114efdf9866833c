// Text from a server (or a file) shown on a terminal or in an editor's log: control characters and escape
// sequences would be obeyed by the terminal (colours, titles, cursor moves, cleared lines), so a server could
// forge or hide output. They are shown as `\x1b`, `\x07`, bidirectional overrides as `\u202e`.
const INVISIBLE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// The same characters, tested without `g` (no lastIndex): a replace with a function costs several times a test
// even when nothing matches, and almost every line a replay reports is plain.
const HAS_INVISIBLE = new RegExp(INVISIBLE.source);

export function visibleText(text: string): string {
  if (!HAS_INVISIBLE.test(text)) return text;
  return text.replace(INVISIBLE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
