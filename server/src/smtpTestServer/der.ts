// The few ASN.1 DER encodings (ITU-T X.690 §8, §10) a test certificate is made of: each function returns one whole
// element, tag, length and contents, so a certificate is written as nested calls in the order RFC 5280 §4.1 lists.

const UNIVERSAL = { boolean: 0x01, integer: 0x02, bitString: 0x03, octetString: 0x04, oid: 0x06, utf8String: 0x0c, utcTime: 0x17, generalizedTime: 0x18, sequence: 0x30, set: 0x31 } as const;

/** Tag, definite length (short form under 128 octets, else long form, X.690 §8.1.3), contents. */
export function element(tag: number, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  const length = body.length;
  if (length < 0x80) return Buffer.concat([Buffer.from([tag, length]), body]);
  const octets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest % 256);
  return Buffer.concat([Buffer.from([tag, 0x80 | octets.length, ...octets]), body]);
}

export const sequence = (...items: Buffer[]): Buffer => element(UNIVERSAL.sequence, ...items);
export const set = (...items: Buffer[]): Buffer => element(UNIVERSAL.set, ...items);
export const boolean = (value: boolean): Buffer => element(UNIVERSAL.boolean, Buffer.from([value ? 0xff : 0x00]));
export const octetString = (value: Buffer): Buffer => element(UNIVERSAL.octetString, value);
export const utf8String = (value: string): Buffer => element(UNIVERSAL.utf8String, Buffer.from(value, 'utf8'));

/** A non-negative INTEGER from its big-endian octets: minimal, with a leading zero when the top bit is set (§8.3). */
export function unsignedInteger(octets: Buffer): Buffer {
  let start = 0;
  while (start < octets.length - 1 && octets[start] === 0 && octets[start + 1] < 0x80) start++;
  const minimal = octets.subarray(start);
  return element(UNIVERSAL.integer, minimal[0] >= 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal);
}

/** A BIT STRING of whole octets, or with `unusedBits` low bits of the last octet unused (§8.6). */
export const bitString = (octets: Buffer, unusedBits = 0): Buffer => element(UNIVERSAL.bitString, Buffer.from([unusedBits]), octets);

/** An OBJECT IDENTIFIER from its dotted form: the first two arcs in one subidentifier, base 128 (§8.19). */
export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const subidentifiers = [arcs[0] * 40 + arcs[1], ...arcs.slice(2)];
  const octets = subidentifiers.flatMap((value) => {
    const base128 = [value & 0x7f];
    for (let rest = Math.floor(value / 128); rest > 0; rest = Math.floor(rest / 128)) base128.unshift(0x80 | (rest & 0x7f));
    return base128;
  });
  return element(UNIVERSAL.oid, Buffer.from(octets));
}

/** RFC 5280 §4.1.2.5: UTCTime (YYMMDDHHMMSSZ) through 2049, GeneralizedTime (YYYYMMDDHHMMSSZ) from 2050. */
export function time(date: Date): Buffer {
  const iso = date.toISOString();
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '') + 'Z';
  const year = date.getUTCFullYear();
  return year < 2050 ? element(UNIVERSAL.utcTime, Buffer.from(digits.slice(2), 'ascii')) : element(UNIVERSAL.generalizedTime, Buffer.from(digits, 'ascii'));
}

/** [n] EXPLICIT: the whole inner element inside a constructed context-specific tag. */
export const explicit = (n: number, inner: Buffer): Buffer => element(0xa0 | n, inner);

/** [n] IMPLICIT of a primitive type: the contents under a context-specific tag in place of the type's own. */
export const implicit = (n: number, contents: Buffer): Buffer => element(0x80 | n, contents);
