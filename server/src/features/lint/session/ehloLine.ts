// One keyword line of an EHLO reply (RFC 5321 §4.1.1.1: `ehlo-keyword *( SP ehlo-param )`), read by a scan: every
// EHLO reply of a file is read on each lint, and a regex split per line cost more than the rest of the reading.
import { wordsOf } from '../textScan';

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
