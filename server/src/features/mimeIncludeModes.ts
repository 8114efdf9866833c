// What each MIME include form does (docs/transcript-format.md, "MIME without hand-encoding"), for completion and
// hover; the encoding itself is server/src/mime.
import type { MarkupContent } from 'vscode-languageserver-types';
import type { MimeIncludeMode } from '../model/types';
import { markdown } from './markdown';

export const MIME_INCLUDE_DOCS: Readonly<Record<MimeIncludeMode, { syntax: string; summary: string }>> = {
  base64: { syntax: '< base64 PATH', summary: 'The file, base64-encoded in lines of 76 characters (RFC 2045 §6.8). Write the part headers above it.' },
  'quoted-printable': {
    syntax: '< quoted-printable PATH',
    summary: 'The file, quoted-printable (RFC 2045 §6.7): line breaks kept, `=` and 8-bit octets as `=XX`, soft breaks at 76 characters. Write the part headers above it.',
  },
  part: {
    syntax: '< part TYPE PATH',
    summary: 'A whole body part: `Content-Type: TYPE`, `Content-Transfer-Encoding` (quoted-printable for text, base64 otherwise), an empty line and the encoded file. Put it after a `--boundary` line.',
  },
  attach: {
    syntax: '< attach TYPE PATH',
    summary: 'An attachment part: like `part`, with `Content-Disposition: attachment; filename="..."` (RFC 2183) and the file name on Content-Type.',
  },
};

export function mimeIncludeDocumentation(mode: MimeIncludeMode): MarkupContent {
  const doc = MIME_INCLUDE_DOCS[mode];
  return markdown(`**${mode}** include: ${doc.summary}`, '```smtp\n' + doc.syntax + '\n```', '[RFC 2045 §6](https://www.rfc-editor.org/rfc/rfc2045#section-6)');
}

/** Media types offered after `< part ` and `< attach `. */
export const COMMON_MEDIA_TYPES: readonly { type: string; summary: string }[] = [
  { type: 'text/plain', summary: 'Plain text (the text half of multipart/alternative).' },
  { type: 'text/html', summary: 'HTML (the rich half of multipart/alternative).' },
  { type: 'application/pdf', summary: 'A PDF document.' },
  { type: 'image/png', summary: 'A PNG image.' },
  { type: 'image/jpeg', summary: 'A JPEG image.' },
  { type: 'text/calendar', summary: 'An iCalendar invitation (RFC 5545).' },
  { type: 'message/rfc822', summary: 'A whole message, attached.' },
  { type: 'application/octet-stream', summary: 'Any bytes, type unknown.' },
];
