// `--local`: the built-in SMTP server on free loopback ports for one run, trusted through its own certificate.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalServer } from '../local/localServer';
import { definitionsAt } from '../model/variables';
import type { Transcript } from '../model/types';
import type { ReplayOptions } from '../replay/replayTypes';
import type { CliIo } from './io';

export interface CliLocalServer {
  /** Points the options at the local server: its implicit-TLS port for `@tls = implicit` transcripts. */
  apply(transcript: Transcript, options: ReplayOptions): void;
  close(): Promise<void>;
}

export async function startCliLocalServer(io: CliIo): Promise<CliLocalServer> {
  const mailDir = await mkdtemp(join(tmpdir(), 'smtp-transcript-local-'));
  const server = await startLocalServer({ mailDir });
  io.stderr(`local SMTP server on ${server.host}:${server.port} (STARTTLS) and :${server.tlsPort} (implicit TLS); messages in ${mailDir}\n`);
  return {
    apply(transcript, options) {
      const implicit = transcript.sessions.some((s) => definitionsAt(transcript, s, Infinity).get('tls')?.value.text === 'implicit');
      options.target = { ...options.target, host: server.host, port: implicit ? server.tlsPort : server.port };
      options.extraCaPem = [options.extraCaPem, server.certificatePem].filter(Boolean).join('\n');
    },
    close: () => server.close(),
  };
}
