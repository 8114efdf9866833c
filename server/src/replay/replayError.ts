// Typed replay failures: every way a connection or a reply can go wrong has a `kind` the CLI and editor can act on,
// and a one-line human message (never a stack trace).
import { isCertificateVerifyError } from '../knowledge/tlsModes';

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
  | 'tls-required'
  | 'variable'
  | 'include'
  | 'bdat-size'
  | 'transcript'
  | 'ca'
  | 'cancelled'
  /** A bug in replay itself (an exception no check expected): reported as one, never as a connection failure. */
  | 'internal';

export class ReplayError extends Error {
  /** 0-based file line the error is about; the message never repeats it. */
  readonly line?: number;

  constructor(
    readonly kind: ReplayErrorKind,
    message: string,
    line?: number,
  ) {
    // The chosen environment's entries stand above line 0 (model/environments.ts): named in words, not as a line.
    const fromEnvironment = line !== undefined && line < 0;
    super(fromEnvironment ? `in the environment (smtp-environments.json): ${message}` : message);
    if (!fromEnvironment) this.line = line;
    this.name = 'ReplayError';
  }
}

/** Plain data for results: no stack, nothing but what a person needs to read. */
export interface ReplayErrorInfo {
  kind: ReplayErrorKind;
  /** What went wrong, without a location: `line` says where. */
  message: string;
  /** 0-based file line of the exchange, include or directive at fault; absent for connection-wide failures. */
  line?: number;
}

export function errorInfo(error: unknown): ReplayErrorInfo {
  if (error instanceof ReplayError) return error.line === undefined ? { kind: error.kind, message: error.message } : { kind: error.kind, message: error.message, line: error.line };
  // Every expected failure is a ReplayError (socket and TLS errors are mapped by `socketError`): anything else is a bug.
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: `internal error: ${message} (please report)` };
}

/** `line 3: message` when the error has a line, for one-line output (the CLI's stderr, JUnit, the wire log). */
export function locatedErrorText(info: ReplayErrorInfo): string {
  return info.line === undefined ? info.message : `line ${info.line + 1}: ${info.message}`;
}

/**
 * Maps a socket or TLS error to a typed error; `phase` says what was going on when it happened (`tls` is the
 * handshake at connect, implicit TLS; `starttls` the one after the server's 220 to STARTTLS).
 */
export function socketError(error: unknown, phase: 'connect' | 'tls' | 'starttls' | 'reply', where: string): ReplayError {
  if (error instanceof ReplayError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const detail = error instanceof Error ? error.message.trim() : String(error);
  if (isCertificateVerifyError(error)) return new ReplayError('tls-verify', `the certificate of ${where} is not trusted: ${detail}${verifyHint(code)}`);
  if (code === 'ECONNREFUSED') return new ReplayError('connect-refused', `${where} refused the connection`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'ENODATA') {
    return new ReplayError('dns', `cannot resolve the host name of ${where} (${code})`);
  }
  if (code === 'ETIMEDOUT') return new ReplayError('connect-timeout', `connecting to ${where} timed out`);
  if (phase === 'tls' || phase === 'starttls') return handshakeError(error, phase, where);
  if (code === 'ECONNRESET' || code === 'EPIPE') return new ReplayError('connection-reset', `${where} reset the connection`);
  if (code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_WRITE_AFTER_END') {
    return new ReplayError('connection-closed', `the connection to ${where} is closed`);
  }
  if (phase === 'connect') return new ReplayError('connect-failed', `cannot connect to ${where}: ${detail}`);
  return new ReplayError('connection-reset', `the connection to ${where} failed: ${detail}`);
}

// What a person can do about a certificate that does not verify: trust its CA, name the host it is for, or opt out.
function verifyHint(code: string): string {
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return ' - set `@tls-servername` to a name the certificate holds, or skip verification with --insecure-tls';
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID' || code === 'CERT_REVOKED') return ' - skip verification with --insecure-tls if this is a test server';
  return ' - trust its CA with --ca FILE or `@ca = FILE`, or skip verification with --insecure-tls';
}

function handshakeError(error: unknown, phase: 'tls' | 'starttls', where: string): ReplayError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  // The first bytes back were not a TLS record: a plain-text SMTP greeting, typically.
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    return new ReplayError(
      'tls-handshake',
      phase === 'tls'
        ? `the server at ${where} did not start TLS: it may expect plain SMTP or STARTTLS - try --tls starttls / @tls = starttls`
        : `${where} answered STARTTLS with 220 but did not start TLS`,
    );
  }
  return new ReplayError('tls-handshake', `the TLS handshake with ${where} failed: ${opensslReason(error)}`);
}

/** `80AC...:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/...:350:` -> `wrong version number`. */
function opensslReason(error: unknown): string {
  const reason = (error as { reason?: unknown } | undefined)?.reason;
  if (typeof reason === 'string' && reason) return reason;
  const message = (error instanceof Error ? error.message : String(error)).trim();
  const parts = /^[0-9A-F]+:error:[0-9A-F]+:[^:]*:[^:]*:([^:]+)/.exec(message);
  return parts ? parts[1] : message;
}

// Errors found before anything was written: the connection is still in step and can be ended with QUIT.
const CONNECTION_STILL_USABLE: ReadonlySet<ReplayErrorKind> = new Set(['variable', 'include', 'bdat-size', 'transcript', 'tls-required']);

export function leavesConnectionInStep(kind: ReplayErrorKind): boolean {
  return CONNECTION_STILL_USABLE.has(kind);
}
