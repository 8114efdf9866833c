// Header fields of mail authentication, their tags and results: DKIM-Signature (RFC 6376 §3.5), the ARC set
// (RFC 8617 §4.1), Authentication-Results (RFC 8601 §2.2, results per method from §2.7 and the IANA registry).
// Read by lint (syntax), hover (tag meanings) and completion.
import { rfc, type RfcRef } from './rfc';

export interface AuthTagSpec {
  readonly tag: string;
  readonly summary: string;
  readonly required: boolean;
}

export interface TagListHeader {
  readonly name: string;
  readonly rfc: RfcRef;
  readonly tags: readonly AuthTagSpec[];
}

const tag = (name: string, summary: string, required = false): AuthTagSpec => ({ tag: name, summary, required });

const SIGNATURE_TAGS: readonly AuthTagSpec[] = [
  tag('a', 'The algorithm: `rsa-sha256` (RFC 6376 §3.3) or `ed25519-sha256` (RFC 8463); `rsa-sha1` must not be used (RFC 8301).', true),
  tag('b', 'The signature itself, base64; whitespace inside is ignored.', true),
  tag('bh', 'The hash of the canonicalized body, base64.', true),
  tag('c', 'Canonicalization `header/body`: `simple` or `relaxed` each; `simple/simple` when absent (RFC 6376 §3.4).'),
  tag('d', 'The signing domain (SDID): the key is published under it, and DMARC aligns it with the From domain.', true),
  tag('h', 'The signed header fields, colon-separated, in signing order; must include From (RFC 6376 §5.4).', true),
  tag('i', 'The agent or user identifier (AUID), `[local]@domain`, a subdomain of `d=` or equal to it.'),
  tag('l', 'How many body octets are signed; content after them can be appended unsigned (a risk, RFC 6376 §8.2).'),
  tag('q', 'How to fetch the key: `dns/txt`, the default.'),
  tag('s', 'The selector: the key is the TXT record `<s>._domainkey.<d>`.', true),
  tag('t', 'When the signature was made, seconds since 1970 (UTC).'),
  tag('x', 'When the signature expires, seconds since 1970; must be after `t=`.'),
  tag('z', 'Copies of the signed header fields as they were, `|`-separated, for diagnosis.'),
];

export const DKIM_SIGNATURE: TagListHeader = {
  name: 'DKIM-Signature',
  rfc: rfc(6376, '3.5'),
  tags: [tag('v', 'The version: always `1`.', true), ...SIGNATURE_TAGS],
};

const INSTANCE = tag('i', 'The instance: 1 for the first ARC set, one more for each hop that adds a set (at most 50, RFC 8617 §4.2.1).', true);

export const ARC_MESSAGE_SIGNATURE: TagListHeader = {
  name: 'ARC-Message-Signature',
  rfc: rfc(8617, '4.1.2'),
  tags: [INSTANCE, ...SIGNATURE_TAGS.filter((t) => t.tag !== 'i' && t.tag !== 'l')],
};

export const ARC_SEAL: TagListHeader = {
  name: 'ARC-Seal',
  rfc: rfc(8617, '4.1.3'),
  tags: [
    INSTANCE,
    tag('a', 'The algorithm, as in DKIM: `rsa-sha256`.', true),
    tag('b', 'The seal signature over the ARC sets, base64.', true),
    tag('cv', 'The chain validation status the sealer found: `none` (first set), `pass` or `fail` (RFC 8617 §4.1.3).', true),
    tag('d', 'The sealing domain.', true),
    tag('s', 'The selector of the sealing key.', true),
    tag('t', 'When the seal was made, seconds since 1970.'),
  ],
};

export const TAG_LIST_HEADERS: readonly TagListHeader[] = [DKIM_SIGNATURE, ARC_MESSAGE_SIGNATURE, ARC_SEAL];

export function lookupTagListHeader(name: string): TagListHeader | undefined {
  return TAG_LIST_HEADERS.find((h) => h.name.toLowerCase() === name.toLowerCase());
}

/** The results each method may report in Authentication-Results (RFC 8601 §2.7, RFC 7489 §11.2, RFC 8617 §4.1.1). */
export const AUTH_RESULT_VALUES: Readonly<Record<string, readonly string[]>> = {
  auth: ['none', 'pass', 'fail', 'temperror', 'permerror'],
  dkim: ['none', 'pass', 'fail', 'policy', 'neutral', 'temperror', 'permerror'],
  'dkim-adsp': ['none', 'pass', 'unknown', 'fail', 'discard', 'nxdomain', 'temperror', 'permerror'],
  'dkim-atps': ['none', 'pass', 'fail', 'temperror', 'permerror'],
  spf: ['none', 'neutral', 'pass', 'fail', 'softfail', 'temperror', 'permerror', 'policy'],
  sender_id: ['none', 'neutral', 'pass', 'fail', 'softfail', 'temperror', 'permerror', 'policy'],
  iprev: ['pass', 'fail', 'temperror', 'permerror'],
  dmarc: ['none', 'pass', 'fail', 'temperror', 'permerror'],
  arc: ['none', 'pass', 'fail'],
  bimi: ['none', 'pass', 'fail', 'declined', 'temperror', 'permerror', 'skipped'],
  'vbr': ['none', 'pass', 'fail', 'temperror', 'permerror'],
  'smime': ['none', 'pass', 'fail', 'policy', 'neutral', 'temperror', 'permerror'],
  rrvs: ['none', 'unknown', 'temperror', 'pass', 'fail'],
  'dnswl': ['pass', 'none', 'temperror', 'permerror'],
};
