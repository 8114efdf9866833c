// How a session gets TLS: not at all, by STARTTLS after the greeting (RFC 3207), or from the first byte (RFC 8314 §3).
export const TLS_MODES = ['none', 'starttls', 'implicit'] as const;

export type TlsMode = (typeof TLS_MODES)[number];

/**
 * The first bytes of a TLS handshake record (RFC 8446 §5.1: content type 22, legacy version 3.x): what a client
 * expecting implicit TLS sends on a plain port, where SMTP expects a command line.
 */
export function startsTlsHandshake(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 22 && bytes[1] === 3;
}

/** The first bytes a client sent (one or more) cannot begin a TLS handshake record: plain text where TLS belongs. */
export function cannotStartTlsHandshake(bytes: Uint8Array): boolean {
  return bytes.length > 0 && (bytes[0] !== 22 || (bytes.length >= 2 && bytes[1] !== 3));
}

// Node's certificate-verification error codes (OpenSSL's X509_V_ERR_* names, and the host name check): a peer's
// certificate that does not verify, which trusting its CA (or naming the host it is for) can change.
const CERTIFICATE_VERIFY_CODES: ReadonlySet<string> = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The error (its `code`) says the peer's certificate did not verify. */
export function isCertificateVerifyError(error: unknown): boolean {
  return CERTIFICATE_VERIFY_CODES.has((error as { code?: unknown } | undefined)?.code as string);
}
