// Content-Transfer-Encodings a transcript's MIME includes produce (RFC 2045 §6): base64 in lines of 76 characters
// (§6.8) and quoted-printable (§6.7), both ending every line with CRLF. Pure: bytes in, text out.

// RFC 2045 §6.8 and §6.7 (5): encoded lines are at most 76 characters.
export const MAX_ENCODED_LINE = 76;

export function base64Lines(bytes: Buffer): string {
  const encoded = bytes.toString('base64');
  let out = '';
  for (let at = 0; at < encoded.length; at += MAX_ENCODED_LINE) out += encoded.slice(at, at + MAX_ENCODED_LINE) + '\r\n';
  return out;
}

/**
 * Quoted-printable for text: the file's line breaks (LF or CRLF) become CRLF hard breaks; `=`, control characters and
 * 8-bit octets are `=XX`; a space or tab before a break is encoded (rule 3); a `.` starting a line is `=2E`, so no
 * transport's dot handling touches it; lines are cut with soft breaks `=` to stay within 76 characters (rule 5).
 */
export function quotedPrintable(bytes: Buffer): string {
  const text = bytes.toString('latin1');
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => encodeLine(line)).join('');
}

function encodeLine(line: string): string {
  const tokens: string[] = [];
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    const last = i === line.length - 1;
    const plain = (code >= 33 && code <= 126 && code !== 61) || ((code === 32 || code === 9) && !last);
    const leadingDot = code === 46 && i === 0;
    tokens.push(plain && !leadingDot ? line[i] : `=${code.toString(16).toUpperCase().padStart(2, '0')}`);
  }
  let out = '';
  let current = '';
  for (const token of tokens) {
    // Room for the soft break's `=` (rule 5).
    if (current.length + token.length > MAX_ENCODED_LINE - 1) {
      out += current + '=\r\n';
      current = '';
    }
    current += token;
  }
  return out + current + '\r\n';
}
