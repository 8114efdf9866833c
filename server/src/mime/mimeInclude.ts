// The content a MIME include puts into a message (docs/transcript-format.md, "MIME without hand-encoding"):
//   < base64 PATH                  the file, base64 (RFC 2045 §6.8)
//   < quoted-printable PATH        the file, quoted-printable (RFC 2045 §6.7)
//   < part TYPE PATH               a body part: Content-Type, Content-Transfer-Encoding, an empty line, the file encoded
//   < attach TYPE PATH             the same as an attachment: Content-Disposition with the file name (RFC 2183)
// text/* is sent quoted-printable (readable, 7-bit safe), everything else base64. Pure: bytes in, text out.
import { base64Lines, quotedPrintable } from './transferEncodings';

import type { MimeIncludeMode } from '../model/types';

/** The include's content as message text, every line ending in CRLF (not yet dot-stuffed). */
export function mimeIncludeText(mode: MimeIncludeMode, contentType: string | undefined, fileName: string, bytes: Buffer): string {
  if (mode === 'base64') return base64Lines(bytes);
  if (mode === 'quoted-printable') return quotedPrintable(bytes);
  const type = withCharset(contentType ?? 'application/octet-stream', bytes);
  const text = /^text\//i.test(type);
  const headers = [
    `Content-Type: ${type}${mode === 'attach' ? `; ${parameter('name', fileName)}` : ''}`,
    `Content-Transfer-Encoding: ${text ? 'quoted-printable' : 'base64'}`,
  ];
  if (mode === 'attach') headers.push(`Content-Disposition: attachment; ${parameter('filename', fileName)}`);
  return headers.map((h) => h + '\r\n').join('') + '\r\n' + (text ? quotedPrintable(bytes) : base64Lines(bytes));
}

/** text/* without a charset gets `charset=utf-8` when it holds 8-bit octets (RFC 2046 §4.1.2: us-ascii is assumed). */
function withCharset(type: string, bytes: Buffer): string {
  const spaced = type.replace(/;/g, '; ');
  if (!/^text\//i.test(type) || /;\s*charset=/i.test(type) || !bytes.some((b) => b >= 0x80)) return spaced;
  return `${spaced}; charset=utf-8`;
}

/** `name="report.pdf"`; a non-ASCII name as RFC 2231 §4 `name*=utf-8''...`. */
function parameter(name: string, value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return `${name}="${value.replace(/["\\]/g, '\\$&')}"`;
  const encoded = [...Buffer.from(value, 'utf8')].map((b) => (/[A-Za-z0-9.!~*'()_-]/.test(String.fromCharCode(b)) && b < 0x80 ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
  return `${name}*=utf-8''${encoded}`;
}
