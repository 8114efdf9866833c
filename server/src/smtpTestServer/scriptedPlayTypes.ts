// What playing one session of a transcript from the server's side takes and gives (scriptedSession.ts).
import type { SecureContext } from 'node:tls';
import type { TlsMode } from '../knowledge/tlsModes';
import type { MessageVerdict, MockAuthentication } from './messageVerdict';

export interface Deviation {
  /** 0-based line of the `C:` line (or content) the client did not follow. */
  line: number;
  expected: string;
  actual: string;
  message: string;
}

export interface WireEntry {
  direction: 'C' | 'S' | 'info';
  text: string;
}

export interface PlayedSession {
  session: number;
  name?: string;
  status: 'pass' | 'fail' | 'error';
  deviation?: Deviation;
  /** A problem of the transcript itself (a variable that cannot be resolved). */
  error?: { line: number; message: string };
  tls: TlsMode;
  /** With `authentication`: the verdict on each message the client sent (messageVerdict.ts). */
  messages?: MessageVerdict[];
  log: WireEntry[];
  durationMs: number;
}

export interface PlayOptions {
  env: Readonly<Record<string, string | undefined>>;
  secureContext: SecureContext;
  /** Bytes of a `< file` include, read under the include policy of the caller. */
  readInclude(path: string, line: number): Promise<Buffer>;
  /** How long to wait for each client line when the file sets no `@timeout` (ms). */
  timeoutMs: number;
  onLog?: (entry: WireEntry) => void;
  /** Judge each message's SPF, DKIM, DMARC and ARC (and with `enforce`, compare with the transcript's reply). */
  authentication?: MockAuthentication;
  /** The connection came to the implicit-TLS port: the session starts with the TLS handshake (RFC 8314 §3.3). */
  implicitTls?: boolean;
  /** Aborted when the server stops (Ctrl-C, SIGTERM, Stop in the editor): the session ends with `421`. */
  stop?: AbortSignal;
}
