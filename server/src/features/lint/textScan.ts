// Scans of short texts (command arguments, reply lines) without a regex: lint reads every line of a file on each run,
// and a regex split or `matchAll` per line allocates a match per word.
export { startsWithIgnoringCase } from '../../dialogue/caseInsensitive';

/** What `\s` matches: ASCII space, tab and line breaks quickly, the other Unicode spaces by the regex. */
export function isWhiteSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return OTHER_SPACE.test(String.fromCharCode(code));
}

const OTHER_SPACE = /\s/;

/** The words of `text` between runs of white space: `text.trim().split(/\s+/)`, without the empty word. */
export function wordsOf(text: string): string[] {
  const words: string[] = [];
  forEachWord(text, 0, (start, end) => words.push(text.slice(start, end)));
  return words;
}

/** Calls `found` with the start and end offsets of each run of non-white-space from `from` on (as `/\S+/g`). */
export function forEachWord(text: string, from: number, found: (start: number, end: number) => void): void {
  let start = -1;
  for (let i = from; i < text.length; i++) {
    if (isWhiteSpace(text.charCodeAt(i))) {
      if (start >= 0) found(start, i);
      start = -1;
    } else if (start < 0) start = i;
  }
  if (start >= 0) found(start, text.length);
}

/**
 * A copy of `text` that keeps nothing else alive, for a key or value kept across lints: V8 makes a slice of a longer
 * string point into it, so a slice of a file's line would keep the whole file's text in memory.
 */
export function detachedCopy(text: string): string {
  return (text + ' ').slice(0, -1);
}

/** `/^[ \t]/.test(text)`: a folded header line's continuation (RFC 5322 §2.2.3). */
export function startsWithBlank(text: string): boolean {
  const code = text.charCodeAt(0);
  return code === 0x20 || code === 0x09;
}
