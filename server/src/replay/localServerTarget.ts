// Points a replay at the built-in local server: its implicit-TLS port for sessions that run implicit TLS (by --tls,
// else `@tls`, else the editor's default, as connectTarget.ts decides), and its own certificate trusted so that
// verification stays on. Shared by `replay --local` and the editor.
import { sessionTlsMode } from '../model/sessionTls';
import type { Session, Transcript } from '../model/types';
import type { ReplayOptions } from './replayTypes';

export interface LocalEndpoint {
  host: string;
  port: number;
  tlsPort: number;
  certificatePem: string;
}

/** One port serves the whole run: a file whose sessions mix implicit TLS with plain/STARTTLS gets the TLS port. */
export function replayAgainstLocal(
  transcript: Transcript,
  sessions: number[] | undefined,
  server: LocalEndpoint,
  options: Pick<ReplayOptions, 'target' | 'defaults' | 'extraCaPem'>,
): Pick<ReplayOptions, 'target' | 'extraCaPem'> {
  const chosen = transcript.sessions.filter((s) => !sessions || sessions.includes(s.index));
  const tlsOf = (session: Session) => options.target?.tls ?? sessionTlsMode(transcript, session) ?? options.defaults?.tls;
  const implicit = chosen.some((s) => tlsOf(s) === 'implicit');
  return {
    target: { ...options.target, host: server.host, port: implicit ? server.tlsPort : server.port },
    extraCaPem: [options.extraCaPem, server.certificatePem].filter(Boolean).join('\n'),
  };
}
