// Reads the Python `repr()` of a str or bytes value, as smtplib's debug output prints what it sends and receives
// (`send: 'EHLO x\r\n'`, `reply: b'250 ok\r\n'`). Bytes are decoded as UTF-8 (Latin-1 when they are not UTF-8).

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

/** The value of a whole Python string or bytes literal, or undefined when `literal` is not exactly one. */
export function decodePythonLiteral(literal: string): string | undefined {
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
  if (!isBytes) return fromCodePoints(units);
  const octets = Buffer.from(units);
  const utf8 = octets.toString('utf8');
  return Buffer.from(utf8, 'utf8').equals(octets) ? utf8 : octets.toString('latin1');
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
  for (let start = 0; start < units.length; start += 8192) text += String.fromCodePoint(...units.slice(start, start + 8192));
  return text;
}
