// A DKIM signer written from RFC 6376 alone, for tests that need signatures no real signer writes: without From in
// h= (mailauth adds it, dkimpy refuses), with an i= outside d=, v=2, rsa-sha1, a body length l=. Relaxed/relaxed
// canonicalization only (§3.4.2, §3.4.4), each header field named in h= taken once. A signature it makes verifies
// cryptographically, so whatever a verifier refuses beyond that is the RFC's rule, not a broken signature.
import { createHash, sign, type KeyObject } from 'node:crypto';

export type HandAlgorithm = 'rsa-sha256' | 'rsa-sha1' | 'ed25519-sha256';

/** `message` (CRLF line ends) with a DKIM-Signature on top carrying `tags` in order, then bh= and b=. */
export function handSigned(message: string, tags: ReadonlyArray<[string, string]>, key: KeyObject, algorithm: HandAlgorithm): string {
  const split = message.indexOf('\r\n\r\n');
  const header = message.slice(0, split);
  const body = message.slice(split + 4);
  const hash = algorithm === 'rsa-sha1' ? 'sha1' : 'sha256';
  const length = tags.find(([name]) => name === 'l');
  const canonicalBody = relaxedBody(body);
  const signedBody = length ? canonicalBody.slice(0, Number(length[1])) : canonicalBody;
  const bh = createHash(hash).update(signedBody, 'latin1').digest('base64');
  const value = ` ${[...tags.map(([name, text]) => `${name}=${text}`), `bh=${bh}`, 'b='].join('; ')}`;
  const fields = header.split(/\r\n(?![ \t])/);
  const names = (tags.find(([name]) => name === 'h')?.[1] ?? '').split(':').map((name) => name.trim().toLowerCase());
  const signedFields = names.flatMap((name) => fields.filter((field) => field.slice(0, field.indexOf(':')).trim().toLowerCase() === name).slice(-1));
  const data = [...signedFields.map(relaxedField), relaxedField(`DKIM-Signature:${value}`)].join('\r\n');
  const signature =
    algorithm === 'ed25519-sha256' ? sign(null, createHash('sha256').update(data, 'latin1').digest(), key) : sign(hash, Buffer.from(data, 'latin1'), key);
  return `DKIM-Signature:${value}${signature.toString('base64')}\r\n${message}`;
}

// RFC 6376 §3.4.2: name lowercased, value unfolded, runs of WSP one SP, WSP around the colon and at the end gone.
function relaxedField(field: string): string {
  const colon = field.indexOf(':');
  const value = field.slice(colon + 1).replace(/\r\n/g, '').replace(/[ \t]+/g, ' ').trim();
  return `${field.slice(0, colon).trim().toLowerCase()}:${value}`;
}

// RFC 6376 §3.4.4: WSP at line ends gone, runs of WSP one SP, empty lines at the end gone, a non-empty body ends in CRLF.
function relaxedBody(body: string): string {
  const lines = body.split('\r\n').map((line) => line.replace(/[ \t]+$/, '').replace(/[ \t]+/g, ' '));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.length === 0 ? '' : `${lines.join('\r\n')}\r\n`;
}
