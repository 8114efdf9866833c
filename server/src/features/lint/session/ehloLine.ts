// One keyword line of an EHLO reply (RFC 5321 §4.1.1.1: `ehlo-keyword *( SP ehlo-param )`), read by a scan: every
// EHLO reply of a file is read on each lint, and a regex split per line cost more than the rest of the reading.
// Servers answer every EHLO with the same lines, so each text is read once (the result is shared: never change it).
import { detachedCopy, wordsOf } from '../textScan';

export interface EhloLine {
  /** As written, before any `=` (empty for a blank line). */
  readonly keyword: string;
  /** `keyword` in upper case: how capabilities and the parameter checks name it. */
  readonly upperKeyword: string;
  /** The parameters; `AUTH=PLAIN LOGIN` (the old draft form servers still write) gives PLAIN first. */
  readonly params: readonly string[];
}

const READ = new Map<string, EhloLine>();
/** Bounded: a generated file could hold many distinct lines; past this many, lines are read every time. */
const MAX_KEPT = 2000;

/** As `text.trim().split(/\s+/)`, the first word then split once more at `=`. */
export function readEhloLine(text: string): EhloLine {
  const known = READ.get(text);
  if (known) return known;
  if (READ.size >= MAX_KEPT) return scanEhloLine(text);
  const own = detachedCopy(text);
  const line = scanEhloLine(own);
  READ.set(own, line);
  return line;
}

function scanEhloLine(text: string): EhloLine {
  const words = wordsOf(text);
  const first = words.length > 0 ? words[0] : '';
  const equals = first.indexOf('=');
  if (equals < 0) return { keyword: first, upperKeyword: first.toUpperCase(), params: words.slice(1) };
  // `split('=', 2)`: what stands between the first `=` and a second one is the inline parameter.
  const second = first.indexOf('=', equals + 1);
  const inline = first.slice(equals + 1, second < 0 ? first.length : second);
  const params = words.slice(1);
  if (inline !== '') params.unshift(inline);
  const keyword = first.slice(0, equals);
  return { keyword, upperKeyword: keyword.toUpperCase(), params };
}
