// One keyword line of an EHLO reply (RFC 5321 §4.1.1.1: `ehlo-keyword *( SP ehlo-param )`), read by a scan: every
// EHLO reply of a file is read on each lint, and a regex split per line cost more than the rest of the reading.

export interface EhloLine {
  /** As written, before any `=` (empty for a blank line). */
  readonly keyword: string;
  /** The parameters; `AUTH=PLAIN LOGIN` (the old draft form servers still write) gives PLAIN first. */
  readonly params: string[];
}

/** As `text.trim().split(/\s+/)`, the first word then split once more at `=`. */
export function readEhloLine(text: string): EhloLine {
  const words = wordsOf(text);
  const first = words.length > 0 ? words[0] : '';
  const equals = first.indexOf('=');
  if (equals < 0) return { keyword: first, params: words.slice(1) };
  // `split('=', 2)`: what stands between the first `=` and a second one is the inline parameter.
  const second = first.indexOf('=', equals + 1);
  const inline = first.slice(equals + 1, second < 0 ? first.length : second);
  const params = words.slice(1);
  if (inline !== '') params.unshift(inline);
  return { keyword: first.slice(0, equals), params };
}

/** The words of `text` between runs of white space (what `\s` matches). */
export function wordsOf(text: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) {
      if (start >= 0) words.push(text.slice(start, i));
      start = -1;
    } else if (start < 0) start = i;
  }
  if (start >= 0) words.push(text.slice(start));
  return words;
}

const OTHER_SPACE = /\s/;

function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return OTHER_SPACE.test(String.fromCharCode(code));
}
