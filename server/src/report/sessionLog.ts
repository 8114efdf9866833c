// A replayed session as text for people: target, TLS, each wire line with its direction and TLS mark, the outcome.
// Shared by the CLI's text reporter and the editor's output channel. Secrets are masked before they get here;
// control characters from the server are made visible here (visibleText).
import type { ExchangeResult, SessionResult } from '../replay/replayTypes';
import type { WireLogEntry } from '../replay/wireLog';
import { failedReplyLines } from './replyMarks';
import { shownLine, visibleText } from './visibleText';
import { endpointText } from '../settings/settingValues';

export function sessionTitle(session: SessionResult): string {
  return session.name ? `session ${session.index + 1} "${session.name}"` : `session ${session.index + 1}`;
}

export function targetText(session: SessionResult): string {
  const t = session.target;
  if (!t) return 'no target';
  const via = t.mx ? ` (MX of ${t.mx})` : '';
  return `${endpointText(t.host, t.port)}${via}, TLS ${t.tls}`;
}

export function tlsText(session: SessionResult): string | undefined {
  const tls = session.tls;
  if (!tls) return undefined;
  const cert = tls.certificate;
  const who = cert ? `; certificate ${cert.subject}, issued by ${cert.issuer}, valid ${cert.validFrom} to ${cert.validTo}` : '';
  return `${tls.protocol} ${tls.cipher}, ${certificateCheckText(tls, session.insecure === true)}${who}`;
}

/**
 * What the certificate check said: `verified`; or, on a run that did not require it (--insecure-tls, insecureTlsHosts),
 * that the certificate would have passed anyway, so "verified" and the insecure warning never stand side by side.
 */
export function certificateCheckText(tls: Pick<NonNullable<SessionResult['tls']>, 'authorized' | 'authorizationError'>, insecure: boolean): string {
  if (!tls.authorized) return `NOT VERIFIED (${tls.authorizationError ?? 'unknown reason'})`;
  return insecure ? 'certificate valid, but not required (insecure)' : 'verified';
}

export const INSECURE_TEXT = 'TLS certificate verification was not enforced for this server (insecure): a certificate that fails it is accepted.';
export const INSECURE_WARNING = `WARNING: ${INSECURE_TEXT}`;

/** What a run's summary adds when certificates went unverified (`--insecure-tls`): replay's and load mode's. */
export function notVerifiedText(sessions: number): string {
  return `TLS NOT VERIFIED in ${sessions} session${sessions === 1 ? '' : 's'} (insecure)`;
}

export function wireLine(entry: WireLogEntry): string {
  const lock = entry.tls ? '🔒' : '  ';
  const time = `${(entry.time / 1000).toFixed(3)}s`.padStart(8);
  const direction = entry.direction === 'info' ? '**' : `${entry.direction}:`;
  return `${time} ${lock} ${direction} ${entry.text}`;
}

/**
 * `FILE:LINE: message` for a failed exchange, with one location: an error about another line (an include, an `S:`
 * line) is reported at that line, read from the error's `line` field.
 */
export function exchangeFailureText(file: string, exchange: ExchangeResult): string {
  const { line, message } = exchangeFailure(exchange);
  return `${file}:${line + 1}: ${message}`;
}

/** Where a failed exchange is reported (0-based line) and what is said there: see `exchangeFailureText`. */
export function exchangeFailure(exchange: ExchangeResult): { line: number; message: string } {
  const error = exchange.error;
  if (error?.line !== undefined && error.line !== exchange.line) return { line: error.line, message: error.message };
  return { line: failureLine(exchange), message: exchange.message };
}

/**
 * A failed exchange's `expected:` and `actual:` lines, each reply line made visible (a multi-line reply's next lines
 * aligned under its first). None for an error that is not about the reply (a certificate refused after STARTTLS's
 * 220, a variable not set before anything was sent): the reply is shown only where it differs.
 */
export function replyComparison(exchange: ExchangeResult): string[] {
  const { status, expected, actual } = exchange;
  if (status !== 'fail' && !(status === 'error' && actual.length > 0 && !sameLines(expected, actual))) return [];
  const block = (label: string, lines: string[]) => lines.map((line, i) => `${i === 0 ? label : ' '.repeat(label.length)}${shownLine(line)}`);
  return [...(expected.length > 0 ? block('expected: ', expected) : []), ...(actual.length > 0 ? block('actual:   ', actual) : ['actual:   (no reply)'])];
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

/** A wrong reply is reported at its expectation (`S:` line); an exchange that broke off at its own line. */
export function failureLine(exchange: ExchangeResult): number {
  return exchange.status === 'fail' ? (failedReplyLines(exchange)[0] ?? exchange.line) : exchange.line;
}

export function failedExchanges(session: SessionResult): ExchangeResult[] {
  return session.exchanges.filter((e) => e.status === 'fail' || e.status === 'error');
}

/**
 * The session's error when no exchange already tells it (the engine gives the exchange it broke off the error),
 * located where the error says, else at the session's first line (a connection that failed before any exchange).
 */
export function sessionErrorText(session: SessionResult, file: string): string | undefined {
  const error = untoldSessionError(session);
  return error && `${file}:${error.line + 1}: ${error.message}`;
}

/** The session's error no exchange tells, with the 0-based line it is reported at: see `sessionErrorText`. */
export function untoldSessionError(session: SessionResult): { line: number; message: string } | undefined {
  const error = session.error;
  if (!error || session.exchanges.some((e) => e.status === 'error')) return undefined;
  return { line: error.line ?? session.line, message: error.message };
}

export function formatSessionLog(session: SessionResult, file: string): string {
  const lines = [`${file} ${sessionTitle(session)} → ${targetText(session)}: ${session.status.toUpperCase()} in ${Math.round(session.durationMs)} ms`];
  if (session.insecure) lines.push(INSECURE_WARNING);
  const tls = tlsText(session);
  if (tls) lines.push(`TLS: ${tls}`);
  // A loop, not a spread: a long session's log has more lines than a call takes arguments.
  for (const entry of session.wireLog) lines.push(wireLine(entry));
  for (const e of failedExchanges(session)) lines.push(exchangeFailureText(file, e));
  const error = sessionErrorText(session, file);
  if (error) lines.push(`error: ${error}`);
  if (session.skipReason) lines.push(`skipped: ${session.skipReason}`);
  return lines.map(visibleText).join('\n');
}
