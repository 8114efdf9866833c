// Commands, their keywords and extension names are case-insensitive (RFC 5321 §2.4), as are header field names
// (RFC 5322 §1.2.2): compared letter by letter, without a regex or an upper-cased copy of each line.

/** `new RegExp('^' + prefix, 'i').test(text)` for an ASCII prefix: letters compared without case. */
export function startsWithIgnoringCase(text: string, prefix: string): boolean {
  if (text.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    const a = text.charCodeAt(i);
    const b = prefix.charCodeAt(i);
    // For a letter of the prefix, `| 0x20` maps both cases to the lower one; nothing else maps onto a letter so.
    if (a !== b && !(isAsciiLetter(b) && (a | 0x20) === (b | 0x20))) return false;
  }
  return true;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
