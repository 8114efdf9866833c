// `--local`: the built-in SMTP server on free loopback ports for one run, trusted through its own certificate.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalServer } from '../smtpTestServer/localServer';
import type { LocalAuthenticationOptions } from '../smtpTestServer/messageAuthentication';
import { TEST_SERVER_DEFAULTS } from '../settings/testServerDefaults';
import type { Transcript } from '../model/types';
import type { ReplayOptions } from '../replay/replayTypes';
import { replayAgainstLocal } from '../replay/localServerTarget';
import type { CliIo } from './io';
import { answerWord } from '../mailauth/enforcement';

export interface CliLocalServer {
  /** Points the options at the local server: its implicit-TLS port for `@tls = implicit` transcripts. */
  apply(transcript: Transcript, options: ReplayOptions): void;
  /** Stops the server; a mail directory made for this run goes with it. */
  close(): Promise<void>;
}

/** `mailDir`: keep the received messages there; without it they go to a temporary directory removed at the end. */
export async function startCliLocalServer(io: CliIo, mailDir?: string, authentication?: LocalAuthenticationOptions): Promise<CliLocalServer> {
  const temporary = mailDir === undefined;
  const dir = mailDir ?? (await mkdtemp(join(tmpdir(), 'smtp-transcript-local-')));
  let server;
  try {
    // The same account as `serve`, so a transcript that passes against one passes against the other.
    server = await startLocalServer({
      mailDir: dir,
      user: { name: TEST_SERVER_DEFAULTS.user, password: io.env[TEST_SERVER_DEFAULTS.passwordVariable] ?? TEST_SERVER_DEFAULTS.password },
      ...(authentication ? { authentication } : {}),
      // The verdicts go to stderr beside the server's own line: stdout belongs to the reporter (json, junit).
      onAuthentication: (a) => io.stderr(`local server: message from <${a.mailFrom}>: ${a.summary}${a.refused ? `: ${answerWord(a.refused)} ${a.refused}` : ''}\n`),
    });
  } catch (error) {
    if (temporary) await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const kept = temporary ? 'not kept (--mail-dir DIR keeps them)' : `in ${dir}`;
  io.stderr(`local SMTP server on ${server.host}:${server.port} (STARTTLS) and :${server.tlsPort} (implicit TLS); messages ${kept}\n`);
  return {
    apply(transcript, options) {
      Object.assign(options, replayAgainstLocal(transcript, options.sessions, server, options));
    },
    close: async () => {
      await server.close();
      if (temporary) await rm(dir, { recursive: true, force: true });
    },
  };
}
