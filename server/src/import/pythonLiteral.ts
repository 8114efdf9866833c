// Reads the Python `repr()` of a str or bytes value, as smtplib's debug output prints what it sends and receives
// (`send: 'EHLO x\r\n'`, `reply: b'250 ok\r\n'`). Bytes are decoded line by line as UTF-8 (Latin-1 for a line that
// is not UTF-8): one send of a message may hold both.

const simpleEscapes: Record<string, number> = {
  '\\': 0x5c,
  "'": 0x27,
  '"': 0x22,
  a: 0x07,
  b: 0x08,
  f: 0x0c,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  v: 0x0b,
};

/** A line of a literal's value (split at LF; a CR before it stays) and whether its bytes were read as Latin-1. */
export interface LiteralLine {
  text: string;
  latin1: boolean;
}

/** The value of a whole Python string or bytes literal, or undefined when `literal` is not exactly one. */
export function decodePythonLiteral(literal: string): string | undefined {
  return decodePythonLines(literal)?.map((line) => line.text).join('\n');
}

/** The value of a whole Python string or bytes literal, line by line; undefined when `literal` is not exactly one. */
export function decodePythonLines(literal: string): LiteralLine[] | undefined {
  const match = /^([bB]?)(['"])(.*)\2$/s.exec(literal.trim());
  if (!match) return undefined;
  const isBytes = match[1] !== '';
  const quote = match[2];
  const body = match[3];
  // Code points for str, octets for bytes.
  const units: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char === quote) return undefined; // an unescaped quote ends the literal early
    if (char !== '\\') {
      const code = body.codePointAt(i)!;
      if (isBytes && code > 0x7f) return undefined; // bytes reprs are ASCII
      units.push(code);
      if (code > 0xffff) i++;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) return undefined;
    const escaped = readEscape(body, i + 1, isBytes);
    if (escaped === undefined) return undefined;
    if (escaped.code !== undefined) units.push(escaped.code);
    else units.push(0x5c, next.codePointAt(0)!); // Python keeps unknown escapes as written
    i = escaped.end - 1;
  }
  if (!isBytes) return fromCodePoints(units).split('\n').map((text) => ({ text, latin1: false }));
  const octets = Buffer.from(units);
  const lines: LiteralLine[] = [];
  for (let start = 0; start <= octets.length; ) {
    const end = octets.indexOf(0x0a, start);
    const line = octets.subarray(start, end < 0 ? octets.length : end);
    const utf8 = line.toString('utf8');
    const latin1 = !Buffer.from(utf8, 'utf8').equals(line);
    lines.push({ text: latin1 ? line.toString('latin1') : utf8, latin1 });
    if (end < 0) break;
    start = end + 1;
  }
  return lines;
}

/** The escape starting at `at` (just after the backslash): its value and where it ends. */
function readEscape(body: string, at: number, isBytes: boolean): { code?: number; end: number } | undefined {
  const char = body[at];
  if (char in simpleEscapes) return { code: simpleEscapes[char], end: at + 1 };
  const octal = /^[0-7]{1,3}/.exec(body.slice(at, at + 3));
  if (octal) return { code: parseInt(octal[0], 8), end: at + octal[0].length };
  const width = char === 'x' ? 2 : !isBytes && char === 'u' ? 4 : !isBytes && char === 'U' ? 8 : 0;
  if (width === 0) return { end: at + 1 };
  const hex = body.slice(at + 1, at + 1 + width);
  if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) return undefined;
  const code = parseInt(hex, 16);
  return code > 0x10ffff ? undefined : { code, end: at + 1 + width };
}

/** Spread in slices: one call with a whole message's code points would exceed the argument limit. */
function fromCodePoints(units: number[]): string {
  let text = '';
  // eslint-disable-next-line no-restricted-syntax -- slices of 8,192
  for (let start = 0; start < units.length; start += 8192) text += String.fromCodePoint(...units.slice(start, start + 8192));
  return text;
}
