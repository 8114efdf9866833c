// The header fields of a message as received (RFC 5322 §2.2): the header section ends at the first empty line, and
// a field runs on over the lines that start with a blank. Pure: bytes in, field texts out.

/** Each field named `name` (case-insensitive), unfolded lines kept as they are, without its name and colon. */
export function headerFields(message: Buffer, name: string): string[] {
  const text = message.toString('latin1');
  const end = text.startsWith('\r\n') ? 0 : text.indexOf('\r\n\r\n');
  const header = end < 0 ? text : text.slice(0, end);
  const wanted = name.toLowerCase();
  return header
    .split(/\r\n(?![ \t])/)
    .filter((field) => field.includes(':') && field.slice(0, field.indexOf(':')).trim().toLowerCase() === wanted)
    .map((field) => field.slice(field.indexOf(':') + 1));
}
