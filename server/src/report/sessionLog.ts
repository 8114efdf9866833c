// A replayed session as text for people: target, TLS, each wire line with its direction and TLS mark, the outcome.
// Shared by the CLI's text reporter and the editor's output channel. Secrets are masked before they get here.
import type { SessionResult } from '../replay/replayTypes';
import type { WireLogEntry } from '../replay/wireLog';

export function sessionTitle(session: SessionResult): string {
  return session.name ? `session ${session.index + 1} "${session.name}"` : `session ${session.index + 1}`;
}

export function targetText(session: SessionResult): string {
  const t = session.target;
  if (!t) return 'no target';
  const via = t.mx ? ` (MX of ${t.mx})` : '';
  return `${t.host}:${t.port}${via}, TLS ${t.tls}`;
}

export function tlsText(session: SessionResult): string | undefined {
  const tls = session.tls;
  if (!tls) return undefined;
  const cert = tls.certificate;
  const who = cert ? `; certificate ${cert.subject}, issued by ${cert.issuer}, valid ${cert.validFrom} to ${cert.validTo}` : '';
  const verified = tls.authorized ? 'verified' : `NOT VERIFIED (${tls.authorizationError ?? 'unknown reason'})`;
  return `${tls.protocol} ${tls.cipher}, ${verified}${who}`;
}

export const INSECURE_WARNING = 'WARNING: TLS certificate verification was skipped for this server (insecure).';

export function wireLine(entry: WireLogEntry): string {
  const lock = entry.tls ? '🔒' : '  ';
  const time = `${(entry.time / 1000).toFixed(3)}s`.padStart(8);
  const direction = entry.direction === 'info' ? '**' : `${entry.direction}:`;
  return `${time} ${lock} ${direction} ${entry.text}`;
}

export function formatSessionLog(session: SessionResult, file: string): string {
  const lines = [`${file} ${sessionTitle(session)} → ${targetText(session)}: ${session.status.toUpperCase()} in ${Math.round(session.durationMs)} ms`];
  if (session.insecure) lines.push(INSECURE_WARNING);
  const tls = tlsText(session);
  if (tls) lines.push(`TLS: ${tls}`);
  lines.push(...session.wireLog.map(wireLine));
  for (const e of session.exchanges.filter((x) => x.status === 'fail' || x.status === 'error')) {
    lines.push(`${file}:${e.line + 1}: ${e.message}`);
  }
  if (session.error) lines.push(`error: ${session.error.message}`);
  if (session.skipReason) lines.push(`skipped: ${session.skipReason}`);
  return lines.join('\n');
}
