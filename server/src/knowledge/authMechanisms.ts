// SASL mechanisms seen after AUTH (RFC 4954), with their IANA "SASL Mechanisms" registry usage.
import { rfc, type SpecRef } from './rfc';

/** The registry's intended usage, or `unregistered`. */
export type SaslUsage = 'COMMON' | 'LIMITED' | 'OBSOLETE' | 'unregistered';

export interface AuthMechanismSpec {
  readonly name: string;
  readonly summary: string;
  readonly spec: SpecRef;
  readonly usage: SaslUsage;
  /** The client speaks first, so `AUTH <mechanism> <initial-response>` is allowed (RFC 4954 §4). */
  readonly initialResponse: boolean;
  /**
   * Done after the initial response, with no security layer: such an AUTH may stand inside a pipelined group
   * (RFC 4954 §4 names PLAIN and EXTERNAL).
   */
  readonly completesWithInitialResponse: boolean;
  /** The password travels in the clear (base64 is not encryption): use it only over TLS. */
  readonly cleartextPassword: boolean;
  /**
   * How many messages the client sends before the server's verdict (235 or a refusal), an initial response counted:
   * each one before the last is answered with a 334 challenge. Unset where the count varies.
   */
  readonly clientMessages?: number;
  /**
   * The server's 334 texts are the same in every session (PLAIN's empty one, LOGIN's `Username:`), where other
   * mechanisms send a fresh challenge (CRAM-MD5's nonce, RFC 2195 §2) that a transcript can only expect as `*`.
   */
  readonly sameChallenges?: true;
  readonly note?: string;
}

const AUTH_MECHANISM_LIST: readonly AuthMechanismSpec[] = [
  {
    name: 'PLAIN',
    summary: 'One message: base64 of `authzid NUL authcid NUL password`.',
    spec: rfc(4616),
    usage: 'COMMON',
    initialResponse: true,
    completesWithInitialResponse: true,
    cleartextPassword: true,
    clientMessages: 1,
    sameChallenges: true,
    note: 'Every AUTH implementation must support PLAIN over TLS (RFC 4954 §4).',
  },
  {
    name: 'LOGIN',
    summary: 'The server prompts for the user name and then the password (conventionally the 334 challenges `Username:` and `Password:`, base64-encoded), each answered in base64.',
    spec: { title: 'draft-murchison-sasl-login (expired Internet-Draft)', url: 'https://datatracker.ietf.org/doc/html/draft-murchison-sasl-login-00' },
    usage: 'OBSOLETE',
    initialResponse: false,
    completesWithInitialResponse: false,
    cleartextPassword: true,
    clientMessages: 2,
    sameChallenges: true,
    note: 'Never standardized, yet widely deployed; many servers also accept the user name as an initial response.',
  },
  {
    name: 'CRAM-MD5',
    summary: 'The server sends a challenge; the client answers with its user name and an HMAC-MD5 of the challenge keyed with the password.',
    spec: rfc(2195),
    usage: 'LIMITED',
    initialResponse: false,
    completesWithInitialResponse: false,
    cleartextPassword: false,
    clientMessages: 1,
    note: 'Does not authenticate the server, and the server has to keep a password equivalent on file.',
  },
  {
    name: 'DIGEST-MD5',
    summary: 'An HTTP-Digest-style challenge-response mechanism.',
    spec: rfc(6331),
    usage: 'OBSOLETE',
    initialResponse: false,
    completesWithInitialResponse: false,
    cleartextPassword: false,
    note: 'Moved to Historic by RFC 6331.',
  },
  {
    name: 'SCRAM-SHA-1',
    summary: 'Salted challenge-response: neither the password nor a password-equivalent crosses the wire, and the server proves it knows the credentials too.',
    spec: rfc(5802),
    usage: 'COMMON',
    initialResponse: true,
    completesWithInitialResponse: false,
    cleartextPassword: false,
  },
  {
    name: 'SCRAM-SHA-1-PLUS',
    summary: 'SCRAM-SHA-1 with channel binding to the TLS connection.',
    spec: rfc(5802),
    usage: 'COMMON',
    initialResponse: true,
    completesWithInitialResponse: false,
    cleartextPassword: false,
  },
  {
    name: 'SCRAM-SHA-256',
    summary: 'SCRAM with SHA-256: salted challenge-response with mutual authentication.',
    spec: rfc(7677),
    usage: 'COMMON',
    initialResponse: true,
    completesWithInitialResponse: false,
    cleartextPassword: false,
  },
  {
    name: 'SCRAM-SHA-256-PLUS',
    summary: 'SCRAM-SHA-256 with channel binding to the TLS connection.',
    spec: rfc(7677),
    usage: 'COMMON',
    initialResponse: true,
    completesWithInitialResponse: false,
    cleartextPassword: false,
  },
  {
    name: 'OAUTHBEARER',
    summary: 'An OAuth 2.0 bearer token in a GS2-style message; on failure the server sends a 334 with a JSON error and the client answers with a dummy response.',
    spec: rfc(7628),
    usage: 'COMMON',
    initialResponse: true,
    completesWithInitialResponse: false,
    cleartextPassword: false,
    note: 'The token is a bearer credential: anyone who sees it can use it, so send it only over TLS.',
  },
  {
    name: 'XOAUTH2',
    summary: 'Google\'s OAuth 2.0 format: base64 of `user=<user>^Aauth=Bearer <token>^A^A`. On failure the server sends a 334 with a JSON error and the client answers with an empty line.',
    spec: { title: 'Google: the XOAUTH2 mechanism', url: 'https://developers.google.com/workspace/gmail/imap/xoauth2-protocol' },
    usage: 'OBSOLETE',
    initialResponse: true,
    completesWithInitialResponse: false,
    cleartextPassword: false,
    note: 'Registered as obsolete in favour of OAUTHBEARER, but still what Gmail and Microsoft 365 commonly use.',
  },
  {
    name: 'EXTERNAL',
    summary: 'Authentication established outside SASL, e.g. by a TLS client certificate; the response is just the authorization identity (`=` for none).',
    spec: rfc(4422, 'A'),
    usage: 'COMMON',
    initialResponse: true,
    completesWithInitialResponse: true,
    cleartextPassword: false,
    clientMessages: 1,
  },
  {
    name: 'ANONYMOUS',
    summary: 'Anonymous access; the optional response is trace information such as an email address.',
    spec: rfc(4505),
    usage: 'COMMON',
    initialResponse: true,
    completesWithInitialResponse: true,
    cleartextPassword: false,
    clientMessages: 1,
  },
  {
    name: 'GSSAPI',
    summary: 'Kerberos V5 through the GSS-API.',
    spec: rfc(4752),
    usage: 'COMMON',
    initialResponse: true,
    completesWithInitialResponse: false,
    cleartextPassword: false,
  },
];

export const AUTH_MECHANISMS: ReadonlyMap<string, AuthMechanismSpec> = new Map(
  AUTH_MECHANISM_LIST.map((spec) => [spec.name, spec]),
);

/** Mechanism names are compared case-insensitively, as servers do. */
/** A 334 of `mechanism` is a fresh challenge each session (any mechanism not known to repeat its texts). */
export function sendsFreshChallenges(mechanism: string): boolean {
  return lookupAuthMechanism(mechanism)?.sameChallenges !== true;
}

export function lookupAuthMechanism(name: string): AuthMechanismSpec | undefined {
  return AUTH_MECHANISMS.get(name.toUpperCase());
}
