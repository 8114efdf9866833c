// What content rules ask of a message line's text: 8-bit characters, the base64 alphabet, a bare `=`, a NUL. Each is
// answered once per line, when a rule first asks, and kept on the line: the lines of a long message outlive an edit
// elsewhere in it (sentMessages.ts), and with them the answers, so typing in a 100k-line attachment does not test
// 100k lines again.
import type { MessageLine } from './sentMessages';

/** A character outside US-ASCII (RFC 6152 §2: only 8BITMIME content may hold one). */
export const NON_ASCII = 1;
/** Not a base64 line: a character outside the alphabet, or padding before its end (RFC 2045 §6.8). */
export const NOT_BASE64 = 2;
/** An `=` that starts neither `=XX` nor a soft line break (RFC 2045 §6.7). */
export const BARE_EQUALS = 4;
/** A NUL, no text octet (RFC 2045 §2.8). */
export const NUL = 8;

export type ContentLineFact = typeof NON_ASCII | typeof NOT_BASE64 | typeof BARE_EQUALS | typeof NUL;

// Built once, not for each line a rule reads (a regex literal is a new object each time it is evaluated).
const NON_ASCII_CHARACTER = /[^\x00-\x7f]/;
const BASE64_LINE = /^[A-Za-z0-9+/]*={0,2}$/;
const EQUALS_WITHOUT_HEX = /=(?![0-9A-Fa-f]{2}|$)/;

function holds(text: string, fact: ContentLineFact): boolean {
  switch (fact) {
    case NON_ASCII:
      return NON_ASCII_CHARACTER.test(text);
    case NOT_BASE64:
      return !BASE64_LINE.test(text);
    case BARE_EQUALS:
      return EQUALS_WITHOUT_HEX.test(text);
    case NUL:
      return text.includes('\0');
  }
}

/** Whether the line's text (the message's, without a stuffed dot) holds `fact`. */
export function lineHolds(line: MessageLine, fact: ContentLineFact): boolean {
  if ((line.asked & fact) === 0) {
    line.asked |= fact;
    if (holds(line.text, fact)) line.found |= fact;
  }
  return (line.found & fact) !== 0;
}
