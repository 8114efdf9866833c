// Typed replay failures: every way a connection or a reply can go wrong has a `kind` the CLI and editor can act on,
// and a one-line human message (never a stack trace).

export type ReplayErrorKind =
  | 'connect-refused'
  | 'connect-timeout'
  | 'connect-failed'
  | 'dns'
  | 'tls-handshake'
  | 'tls-verify'
  | 'timeout'
  | 'connection-closed'
  | 'connection-reset'
  | 'reply-line-too-long'
  | 'reply-too-many-lines'
  | 'too-many-replies'
  | 'malformed-reply'
  | 'plaintext-after-starttls'
  | 'variable'
  | 'include'
  | 'bdat-size'
  | 'transcript'
  | 'cancelled';

export class ReplayError extends Error {
  constructor(
    readonly kind: ReplayErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ReplayError';
  }
}

/** Plain data for results: no stack, nothing but what a person needs to read. */
export interface ReplayErrorInfo {
  kind: ReplayErrorKind;
  message: string;
}

export function errorInfo(error: unknown): ReplayErrorInfo {
  if (error instanceof ReplayError) return { kind: error.kind, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'connect-failed', message };
}

// Node's certificate-verification codes (from OpenSSL's X509_V_ERR_* names plus the host name check).
const VERIFY_CODES = new Set([
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

/** Maps a socket or TLS error to a typed error; `phase` says what was going on when it happened. */
export function socketError(error: unknown, phase: 'connect' | 'tls' | 'reply', where: string): ReplayError {
  if (error instanceof ReplayError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const detail = error instanceof Error ? error.message : String(error);
  if (VERIFY_CODES.has(code)) return new ReplayError('tls-verify', `the certificate of ${where} is not trusted: ${detail}`);
  if (code === 'ECONNREFUSED') return new ReplayError('connect-refused', `${where} refused the connection`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'ENODATA') {
    return new ReplayError('dns', `cannot resolve the host name of ${where} (${code})`);
  }
  if (code === 'ETIMEDOUT') return new ReplayError('connect-timeout', `connecting to ${where} timed out`);
  if (phase === 'tls') return new ReplayError('tls-handshake', `the TLS handshake with ${where} failed: ${detail}`);
  if (code === 'ECONNRESET' || code === 'EPIPE') return new ReplayError('connection-reset', `${where} reset the connection`);
  if (code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_WRITE_AFTER_END') {
    return new ReplayError('connection-closed', `the connection to ${where} is closed`);
  }
  if (phase === 'connect') return new ReplayError('connect-failed', `cannot connect to ${where}: ${detail}`);
  return new ReplayError('connection-reset', `the connection to ${where} failed: ${detail}`);
}
