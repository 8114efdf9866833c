// What in a reply's text changes from one session to the next, written as the expectation wildcard `*`: a reply's
// text is free (RFC 5321 §4.2), so a recording that kept queue ids and dates would fail `@match = strict` on its
// next replay. The host names and the words a server always says stay: they are what a strict replay checks.
// The recorder and `--update` / Update Expectations both write replies through here.
import { joinReplyLine, splitReplyLine } from '../dialogue/replyLine';
import { HAS_INVISIBLE_CHARACTER, INVISIBLE_CHARACTERS } from './invisibleCharacters';
import { regexLiteral } from './replyRegex';
import { escapeBraces } from './variables';

interface VolatilePart {
  readonly what: string;
  readonly pattern: RegExp;
  /** The replacement: `$1` keeps the words before the value. */
  readonly replacement: string;
}

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const WEEKDAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';

export const VOLATILE_PARTS: readonly VolatilePart[] = [
  // Postfix `queued as 4Xyz`, smtp-server and others `stored as`, `accepted as`.
  { what: 'a queue id', pattern: /\b((?:queued|stored|accepted) as:? )[^\s;,)\]]+/gi, replacement: '$1*' },
  // Exim `OK id=1tXyZa-000123-AB`, Haraka-style `id=`.
  { what: 'a message id', pattern: /\b(id=)[^\s;,)\]]+/gi, replacement: '$1*' },
  // RFC 5322 §3.3 date-time (Exim's greeting, Sendmail's): `Thu, 03 Dec 2026 01:50:00 +0000`.
  {
    what: 'a date',
    pattern: new RegExp(`(?:${WEEKDAY}, )?\\d{1,2} ${MONTH} \\d{4} \\d{2}:\\d{2}(?::\\d{2})?(?: [+-]\\d{4})?(?: \\([^)]*\\))?`, 'g'),
    replacement: '*',
  },
  { what: 'an ISO 8601 time', pattern: /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g, replacement: '*' },
  { what: 'a UUID', pattern: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, replacement: '*' },
  // Session and transaction ids: 12 or more letters and digits, both kinds mixed (host labels rarely are).
  { what: 'a session id', pattern: /\b(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{12,}\b/g, replacement: '*' },
];

/** A reply's text as a strict expectation: literal stars escaped, volatile parts as `*` (and see `literalServerText`). */
export function expectedReplyText(text: string): string {
  if (regexLiteral(text)) return exactRegex(text);
  return volatilePartsAsWildcards(escapeBraces(text.replace(/\*/g, '\\*')));
}

/**
 * A server's text written where it is read as an expectation, so that it matches that text: `{{` as `\{{` (else a
 * server could plant a `{{$env NAME}}` reference in the file), a backslash before a star doubled (`\*` is a literal
 * star), and a text that reads as `/regex/` as a regex matching exactly it. Its own stars stay wildcards (`--update`
 * writes a masked secret as `****`).
 */
export function literalServerText(text: string): string {
  if (regexLiteral(text)) return exactRegex(text);
  return escapeBraces(text.includes('\\*') ? text.replace(/\\\*/g, '\\\\*') : text);
}

/**
 * `/regex/` matching exactly `text`: every character RE2 reads as syntax, and the slash, escaped; a control character
 * as `\x{1b}` (a file holds none, and a `*` put in its place would be a quantifier here).
 */
function exactRegex(text: string): string {
  const escaped = text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  return `/${HAS_INVISIBLE_CHARACTER.test(escaped) ? escaped.replace(INVISIBLE_RUN_ANY, (run) => [...run].map((c) => `\\x{${c.codePointAt(0)!.toString(16)}}`).join('')) : escaped}/`;
}

// A run of characters a terminal obeys, but a tab (text a reply may hold).
const INVISIBLE_RUN = new RegExp(`(?:(?!\\t)${INVISIBLE_CHARACTERS.source})+`, 'g');
const INVISIBLE_RUN_ANY = new RegExp(`${INVISIBLE_CHARACTERS.source}+`, 'g');

/**
 * Control characters and bidirectional overrides a server sent, as `*`: a transcript is read on terminals and in
 * editors, where an escape sequence in it would be obeyed; the wildcard still matches what the server sends.
 */
export function invisibleAsWildcards(text: string): string {
  return HAS_INVISIBLE_CHARACTER.test(text) ? text.replace(INVISIBLE_RUN, '*') : text;
}

/** Only the volatile parts as `*`: `--update` keeps a star the replay wrote (a masked secret is `****`) a wildcard. */
export function volatilePartsAsWildcards(text: string): string {
  let expected = invisibleAsWildcards(text);
  for (const part of VOLATILE_PARTS) expected = expected.replace(part.pattern, part.replacement);
  return expected;
}

/**
 * A whole reply line (`250 2.6.0 Message stored as 9m6k8...`) as `--update` writes it: its text literal
 * (`literalServerText`), the volatile parts as `*` unless `keepVolatile`.
 */
export function replyLineWithWildcards(line: string, keepVolatile = false): string {
  const parts = splitReplyLine(line, 'wire');
  if (!parts || parts.separator === '') return line;
  if (regexLiteral(parts.text)) return joinReplyLine({ ...parts, text: exactRegex(parts.text) });
  const literal = literalServerText(parts.text);
  return joinReplyLine({ ...parts, text: keepVolatile ? literal : volatilePartsAsWildcards(literal) });
}
