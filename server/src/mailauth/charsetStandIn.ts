// Stands in for libmime/lib/charset inside the mailauth vendor bundle (esbuild.mjs). That module decodes with the
// charset tables of iconv-lite and encoding-japanese, ~400 KB of the bundle, and mailauth reaches it through one call:
// libmime's parseHeaderValue, which the DKIM verifier runs on a message's Content-Type (it reads the multipart
// boundary), decodes an RFC 2231 parameter written in another charset (`name*=iso-2022-jp''...`). Node's TextDecoder
// decodes every charset of the WHATWG Encoding Standard (ISO-2022-JP, Shift_JIS, EUC-JP, GBK, Big5, EUC-KR, the
// ISO-8859 and windows-125x families...) by the same labels mail uses; bytes in a charset it does not know are read as
// UTF-8, as libmime's own module falls back. The unit test compares the two.
import { Buffer } from 'node:buffer';

/** The charset's canonical name (`shift_jis` for `SJIS`), or the label lower-cased when no decoder knows it. */
export function normalizeCharset(charset: string): string {
  const label = charset.trim().toLowerCase();
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return label;
  }
}

/** Text as UTF-8 (libmime encodes nothing else). */
export function encode(text: string): Buffer {
  return Buffer.from(text, 'utf-8');
}

export function decode(bytes: Buffer, fromCharset = 'utf-8'): string {
  let charset: string;
  let text: string;
  try {
    charset = normalizeCharset(fromCharset);
    text = new TextDecoder(charset).decode(bytes);
  } catch {
    return bytes.toString('utf-8');
  }
  return charset === 'windows-1252' ? text.replace(C1, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]) : text;
}

// Node 20's TextDecoder reads windows-1252 (also what `latin1`, `ascii` and `iso-8859-1` name, by the Encoding
// Standard) as ISO-8859-1: its 32 characters at 0x80-0x9F (the Encoding Standard's index-windows-1252) are put back.
const C1 = /[\x80-\x9f]/g;
const WINDOWS_1252_C1 = '\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178';

/** Bytes in `fromCharset` (or a string) as UTF-8. */
export function convert(data: Buffer | string, fromCharset = 'utf-8'): Buffer {
  if (typeof data === 'string') return encode(data);
  return normalizeCharset(fromCharset) === 'utf-8' ? data : encode(decode(data, fromCharset));
}
