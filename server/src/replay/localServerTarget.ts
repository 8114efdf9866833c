// Points a replay at the built-in local server: its implicit-TLS port for transcripts that say `@tls = implicit`, and
// its own certificate trusted so that verification stays on. Shared by `replay --local` and the editor.
import { isImplicitTlsSession } from '../model/sessionTls';
import type { Transcript } from '../model/types';
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
  options: Pick<ReplayOptions, 'target' | 'extraCaPem'>,
): Pick<ReplayOptions, 'target' | 'extraCaPem'> {
  const chosen = transcript.sessions.filter((s) => !sessions || sessions.includes(s.index));
  const implicit = chosen.some((s) => isImplicitTlsSession(transcript, s));
  return {
    target: { ...options.target, host: server.host, port: implicit ? server.tlsPort : server.port },
    extraCaPem: [options.extraCaPem, server.certificatePem].filter(Boolean).join('\n'),
  };
}
