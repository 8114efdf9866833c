// The part of Node's Buffer the editing features use, for the web worker build (esbuild injects it as the global
// `Buffer`): UTF-8 octet counts (RFC 5321 §4.5.3.1 limits) and base64 (RFC 4954 SASL payloads) decoded as Node
// decodes it - other characters skipped, `-`/`_` read as `+`/`/`, stopping at `=`. Checked equal to Node's in
// test/unit/lsp/webShims.test.ts.

type Encoding = 'utf8' | 'base64' | 'latin1';

const SEXTETS = new Map<string, number>(
  [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i] as [string, number]).concat([
    ['-', 62],
    ['_', 63],
  ]),
);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

class WebBuffer {
  private constructor(private readonly bytes: Uint8Array) {}

  static byteLength(text: string, encoding: Encoding = 'utf8'): number {
    return WebBuffer.from(text, encoding).bytes.length;
  }

  static from(text: string, encoding: Encoding = 'utf8'): WebBuffer {
    if (encoding === 'utf8') return new WebBuffer(new TextEncoder().encode(text));
    if (encoding === 'latin1') return new WebBuffer(Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff));
    return new WebBuffer(decodeBase64(text));
  }

  get length(): number {
    return this.bytes.length;
  }

  toString(encoding: Encoding = 'utf8'): string {
    if (encoding === 'utf8') return new TextDecoder().decode(this.bytes);
    if (encoding === 'latin1') return latin1Text(this.bytes);
    return encodeBase64(this.bytes);
  }
}

function decodeBase64(text: string): Uint8Array {
  const sextets: number[] = [];
  for (const c of text) {
    if (c === '=') break;
    const value = SEXTETS.get(c);
    if (value !== undefined) sextets.push(value);
  }
  const out: number[] = [];
  for (let i = 0; i < sextets.length; i += 4) {
    const [a, b = 0, c = 0, d = 0] = sextets.slice(i, i + 4);
    const left = sextets.length - i;
    if (left >= 2) out.push((a! << 2) | (b >> 4));
    if (left >= 3) out.push(((b & 15) << 4) | (c >> 2));
    if (left >= 4) out.push(((c & 3) << 6) | d);
  }
  return Uint8Array.from(out);
}

function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    out += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : ALPHABET[c & 63]!;
  }
  return out;
}

export { WebBuffer as Buffer };

/** One character per octet, made a slice at a time: a call takes at most about 125,000 arguments. */
function latin1Text(bytes: Uint8Array): string {
  let text = '';
  // eslint-disable-next-line no-restricted-syntax -- slices of 8,192
  for (let start = 0; start < bytes.length; start += 8192) text += String.fromCharCode(...bytes.subarray(start, start + 8192));
  return text;
}
