// What goes where a `< ...` include stands, for the person who pastes it: the exports leave includes out.
import type { Include } from '../model/types';

export function includeNote(include: Include): string {
  const path = include.path.text.trim();
  const mime = include.mime;
  const at = `line ${include.line + 1}: \`< ${mime ? `${mime.mode} ${mime.contentType === undefined ? '' : `${mime.contentType} `}` : ''}${path}\``;
  if (!mime) return `${at} is left out: paste the file's lines in its place`;
  if (mime.mode === 'base64') return `${at} is left out: in its place goes the file in base64, lines of 76 (base64 -w 76 ${path})`;
  if (mime.mode === 'quoted-printable') return `${at} is left out: in its place goes the file in quoted-printable`;
  // In words, the part mime/mimeInclude.ts builds (RFC 2045 §5, §6; RFC 2183 for the attachment's disposition).
  const type = mime.contentType ?? 'application/octet-stream';
  const name = path.split('/').pop() ?? path;
  const headers = [`Content-Type: ${type}${mime.mode === 'attach' ? `; name="${name}"` : ''}`, 'Content-Transfer-Encoding'];
  if (mime.mode === 'attach') headers.push(`Content-Disposition: attachment; filename="${name}"`);
  return `${at} is left out: in its place goes a MIME part: its header fields (${headers.join(', ')}), an empty line, then the file encoded (quoted-printable for text/*, else base64 -w 76 ${path})`;
}
