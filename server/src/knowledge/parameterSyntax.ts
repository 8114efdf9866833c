// Small syntax checks shared by the MAIL/RCPT parameter validators and lint's address checks.

// atext (RFC 5322 §3.2.3) beside letters and digits.
const ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

/** An atext character (RFC 5322 §3.2.3); with `utf8`, any non-ASCII character too (RFC 6531 §3.3). */
export function isAtext(code: number, utf8: boolean): boolean {
  if (code >= 0x80) return utf8;
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || ATEXT_SYMBOLS.includes(String.fromCharCode(code));
}

/** `Atom = 1*atext` (RFC 5321 §4.1.2), US-ASCII. */
export function isAtom(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (!isAtext(text.charCodeAt(i), false)) return false;
  return true;
}

/**
 * xtext (RFC 3461 §4): printable US-ASCII except `+`, `=` and space, with any other octet written `+` and two hex
 * digits. RFC 3461 asks for upper-case hex; lower case is accepted here so lint stays quiet on a harmless variant.
 */
export function isXtext(text: string): boolean {
  return /^(?:[\x21-\x2A\x2C-\x3C\x3E-\x7E]|\+[0-9A-Fa-f]{2})*$/.test(text);
}

/**
 * The address of `ORCPT=utf-8;...` (RFC 6533 §3, utf-8-addr-xtext / utf-8-addr-unitext): printable ASCII but `+`, `=`
 * and `\`, any non-ASCII character, and `\x{HEX}` for a character written as its code point.
 */
export function isUtf8AddressText(text: string): boolean {
  return /^(?:[\x21-\x2A\x2C-\x3C\x3E-\x5B\x5D-\x7E]|[^\x00-\x7F]|\\x\{[0-9A-Fa-f]{2,6}\})+$/u.test(text);
}

/** Decodes `+HH` escapes of an xtext already checked with `isXtext`. */
export function decodeXtext(text: string): string {
  return text.replace(/\+([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** An RFC 3339 date-time: `2025-01-31T12:00:00Z`, `2025-01-31T12:00:00.5+01:00`. */
export function isDateTime(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/.exec(text);
  if (!match) return false;
  const [, , month, day, hour, minute, second, offsetHour, offsetMinute] = match.map(Number);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= 31 &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 60 && // a leap second
    (match[8] === undefined || (offsetHour <= 23 && offsetMinute <= 59))
  );
}

/** A mailbox as RFC 5321 §4.1.2 writes it (`local@domain`), loosely: one `@`, non-empty sides, no spaces. */
export function looksLikeMailbox(text: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(text) || /^"[^"]*"@[^\s@]+$/.test(text);
}
