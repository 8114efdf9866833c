// The checks RFC 6376 puts before and around the cryptography, which mailauth 4.13 leaves out: a signature that
// does not pass them is not verified at all (PERMFAIL, §6.1.1 for the signature field, §6.1.2 for the key record),
// whatever its hashes say. mailauth verified signatures with v=2, without From in h=, with an i= outside d=, with
// rsa-sha1 (RFC 8301 §3.1), under a key whose h=, s= or t=s forbade them; and it dropped without a word a signature it
// could not read (an unknown a=, no d=), reporting the message as unsigned.
// Results as RFC 8601 §2.7.1 names them: `neutral` for a signature with syntax errors or one that cannot be
// processed, `policy` for one that is not acceptable (rsa-sha1); the comment is RFC 6376's PERMFAIL wording.
// Pure: header text in, problems out.
import { headerFields } from './messageHeader';

/** Why a signature does not count, and the result it gets instead. */
export interface SignatureProblem {
  result: 'neutral' | 'policy';
  /** RFC 6376's short wording (`From field not signed`), for the Authentication-Results comment. */
  comment: string;
  /** The whole reason, with the tag and the section. */
  reason: string;
}

/** One DKIM-Signature header field: its tags, names as written (RFC 6376 §3.2: case-sensitive). */
export interface SignatureField {
  tags: Map<string, string>;
  /** A tag written twice makes the whole tag-list invalid (RFC 6376 §3.2). */
  duplicate?: string;
}

/** The DKIM-Signature header fields of `message`, in order. */
export function dkimSignatureFields(message: Buffer): SignatureField[] {
  return headerFields(message, 'dkim-signature').map(tagList);
}

/** The length in octets of the body of `message` canonicalized as c= of `field` says (RFC 6376 §3.4.3, §3.4.4). */
export function canonicalBodyLength(message: Buffer, field: SignatureField): number {
  const text = message.toString('latin1');
  const end = text.startsWith('\r\n') ? 0 : text.indexOf('\r\n\r\n');
  const body = end < 0 ? '' : text.slice(end + (end === 0 ? 2 : 4));
  const relaxed = (field.tags.get('c') ?? 'simple/simple').toLowerCase().split('/')[1] === 'relaxed';
  // §3.4.4: blanks at line ends gone and runs of blanks one SP (relaxed only); empty lines at the end gone (both).
  const lines = body.split('\r\n').map((line) => (relaxed ? line.replace(/[ \t]+$/, '').replace(/[ \t]+/g, ' ') : line));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  // §3.4.3: an empty body is one CRLF in simple; §3.4.4: nothing in relaxed.
  if (lines.length === 0) return relaxed ? 0 : 2;
  return Buffer.byteLength(`${lines.join('\r\n')}\r\n`, 'latin1');
}

/** A tag=value list (RFC 6376 §3.2): `;` between tags, blanks (and folding) around names and values ignored. */
export function tagList(text: string): SignatureField {
  const tags = new Map<string, string>();
  let duplicate: string | undefined;
  for (const part of text.split(';')) {
    const equals = part.indexOf('=');
    if (equals < 0) continue;
    const name = part.slice(0, equals).trim();
    if (tags.has(name)) duplicate ??= name;
    tags.set(name, part.slice(equals + 1).replace(/\s+/g, ' ').trim());
  }
  return { tags, ...(duplicate ? { duplicate } : {}) };
}

/** The value of a tag whose whitespace does not count (b=, bh=, RFC 6376 §3.5), for matching a signature by its b=. */
export function compactTag(field: SignatureField, name: string): string | undefined {
  return field.tags.get(name)?.replace(/\s+/g, '');
}

// RFC 6376 §3.5: the tags a signature must have.
const REQUIRED_TAGS = ['v', 'a', 'b', 'bh', 'd', 'h', 's'];
// RFC 6376 §3.3 and RFC 8463 §3: the algorithms a signature may name (rsa-sha1 is refused below, RFC 8301 §3.1).
const ALGORITHMS = ['rsa-sha256', 'rsa-sha1', 'ed25519-sha256'];
const CANONICALIZATIONS = ['simple', 'relaxed'];

/** What is wrong with the signature field itself (RFC 6376 §6.1.1, RFC 8301 §3.1); undefined when nothing is. */
export function signatureProblem(field: SignatureField): SignatureProblem | undefined {
  const { tags } = field;
  const syntax = (reason: string): SignatureProblem => ({ result: 'neutral', comment: 'signature syntax error', reason });
  if (field.duplicate) return syntax(`the tag ${field.duplicate}= is written twice, which makes the whole tag list invalid (RFC 6376 §3.2)`);
  const version = tags.get('v');
  if (version !== undefined && version !== '1') return { result: 'neutral', comment: 'incompatible version', reason: `v=${version} is not 1 (RFC 6376 §3.5, §6.1.1)` };
  const missing = REQUIRED_TAGS.filter((name) => !tags.get(name));
  if (missing.length > 0) {
    return { result: 'neutral', comment: 'signature missing required tag', reason: `it has no ${missing.map((name) => `${name}=`).join(', ')}, which a signature must have (RFC 6376 §3.5, §6.1.1)` };
  }
  const algorithm = tags.get('a')!.toLowerCase();
  if (!ALGORITHMS.includes(algorithm)) return syntax(`a=${tags.get('a')} is not a DKIM signing algorithm (rsa-sha256, ed25519-sha256: RFC 6376 §3.3, RFC 8463 §3)`);
  const [headerCanon, bodyCanon = 'simple'] = (tags.get('c') ?? 'simple/simple').toLowerCase().split('/');
  if (!CANONICALIZATIONS.includes(headerCanon) || !CANONICALIZATIONS.includes(bodyCanon)) return syntax(`c=${tags.get('c')} is not simple or relaxed for the header and the body (RFC 6376 §3.4)`);
  for (const name of ['l', 't', 'x']) {
    const value = tags.get(name);
    if (value !== undefined && !/^\d{1,76}$/.test(value)) return syntax(`${name}=${value} is not a number (RFC 6376 §3.5)`);
  }
  const signed = tags.get('h')!.split(':').map((name) => name.trim().toLowerCase());
  if (!signed.includes('from')) {
    return { result: 'neutral', comment: 'From field not signed', reason: 'h= does not name From: the author is not signed, so the signature is ignored (RFC 6376 §5.4, §6.1.1)' };
  }
  const identity = tags.get('i');
  const domain = tags.get('d')!.toLowerCase();
  if (identity !== undefined) {
    const identityDomain = identity.slice(identity.lastIndexOf('@') + 1).toLowerCase();
    if (identityDomain !== domain && !identityDomain.endsWith(`.${domain}`)) {
      return { result: 'neutral', comment: 'domain mismatch', reason: `i=${identity} is not in d=${domain} or a subdomain of it (RFC 6376 §6.1.1)` };
    }
  }
  if (algorithm === 'rsa-sha1') return { result: 'policy', comment: 'rsa-sha1 not acceptable', reason: 'a=rsa-sha1: RFC 8301 §3.1 forbids rsa-sha1 for signing and verifying' };
  return undefined;
}

/**
 * What the key record (its text, `rr`) forbids this signature (RFC 6376 §3.6.1, §6.1.2): another key type (k=), a hash its h= does not list,
 * a service its s= does not include, an i= in a subdomain of d= under t=s; and an empty p= is a revoked key.
 */
export function keyProblem(field: SignatureField, rr: string): SignatureProblem | undefined {
  const key = tagList(rr).tags;
  if (key.get('p') === '') return { result: 'neutral', comment: 'key revoked', reason: 'the key record has an empty p=: the key is revoked (RFC 6376 §3.6.1, §6.1.2)' };
  const [keyType, hash = ''] = (field.tags.get('a') ?? '').toLowerCase().split('-');
  // §3.6.1: k= defaults to rsa; §6.1.2 step 5: a key of another type than a= names cannot verify it.
  const k = (key.get('k') ?? 'rsa').toLowerCase();
  if (k !== keyType) return { result: 'neutral', comment: 'inappropriate key algorithm', reason: `the key record's k=${k} does not fit a=${field.tags.get('a')} (RFC 6376 §3.6.1, §6.1.2)` };
  const hashes = list(key.get('h'));
  if (hashes && !hashes.includes(hash)) {
    return { result: 'neutral', comment: 'inappropriate hash algorithm', reason: `the key record's h=${key.get('h')} does not allow ${hash} (RFC 6376 §3.6.1, §6.1.2)` };
  }
  const services = list(key.get('s'));
  if (services && !services.includes('email') && !services.includes('*')) {
    return { result: 'neutral', comment: 'no key for signature', reason: `the key record's s=${key.get('s')} is not for email, so verifiers ignore it (RFC 6376 §3.6.1)` };
  }
  const identity = field.tags.get('i');
  const domain = (field.tags.get('d') ?? '').toLowerCase();
  if (list(key.get('t'))?.includes('s') && identity !== undefined && identity.slice(identity.lastIndexOf('@') + 1).toLowerCase() !== domain) {
    return { result: 'neutral', comment: 'domain mismatch', reason: `the key record's t=s allows no subdomain in i=, and i=${identity} is not in d=${domain} itself (RFC 6376 §3.6.1)` };
  }
  return undefined;
}

/** The key is in testing mode (t=y, RFC 6376 §3.6.1): its mail is to be treated as unsigned mail, pass or fail. */
export function keyTesting(rr: string): boolean {
  return list(tagList(rr).tags.get('t'))?.includes('y') ?? false;
}

/** A colon-separated list of a key record tag, lowercased; undefined when the tag is absent. */
function list(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(':').map((item) => item.trim().toLowerCase());
}
