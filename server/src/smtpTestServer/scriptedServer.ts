// The scripted SMTP server (`smtp-transcript mock`): listens on loopback (or a UNIX-domain socket), and each accepted connection plays one
// session of a transcript from the server's side (scriptedSession.ts), in order or the chosen ones, for a set number
// of connections or until stopped. Plain/STARTTLS on one port, implicit TLS (RFC 8314) on another, with a
// certificate made at start.
import { setMaxListeners } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { createSecureContext } from 'node:tls';
import type { Session, Transcript } from '../model/types';
import { playSession, type PlayedSession, type PlayOptions, type WireEntry } from './scriptedSession';
import { checkScript, type ScriptProblem } from './scriptCheck';
import { generateTestCertificate } from './testCertificate';
import type { MockAuthentication } from './messageVerdict';
import { isImplicitTlsSession } from '../model/sessionTls';
import { clientText, listenAt, listeningText, type ListenAddress } from './socketListener';

/** Lines that cannot be resolved (an unset `{{$env}}`, an undefined variable): nothing was started. */
export class UnplayableScript extends Error {
  constructor(readonly problems: ScriptProblem[]) {
    super('the transcript cannot be played as it is');
  }
}

/** The transcript (or the sessions chosen) holds no exchange to play: nothing was started. */
export class NoSessionToPlay extends Error {
  constructor() {
    super('the transcript has no session to play');
  }
}

export interface ScriptedServerOptions {
  /** Plain and STARTTLS port; 0 picks a free one. */
  port: number;
  /** Listen on this UNIX-domain socket instead of `port` (where LMTP clients deliver). */
  socketPath?: string;
  /** Implicit TLS port; undefined for none, 0 picks a free one. */
  tlsPort?: number;
  /** Indexes of the sessions to play (each connection takes the next, round and round); default: every session. */
  sessions?: number[];
  /** Connections to serve before stopping; `forever` never stops by itself. Default: one per chosen session. */
  connections?: number | 'forever';
  env: Readonly<Record<string, string | undefined>>;
  readInclude: PlayOptions['readInclude'];
  timeoutMs?: number;
  /** Judge each message's SPF, DKIM, DMARC and ARC (messageVerdict.ts); absent: no checks. */
  authentication?: MockAuthentication;
  /** Told of each connection's start, each wire line and each played session. */
  onEvent?: (event: ScriptedServerEvent) => void;
  /**
   * Keep each played session, its wire log included, in `results` (default). A server left serving under load
   * should not (about 2 KB a connection, kept until it stops): `tally` counts the outcomes either way.
   */
  keepResults?: boolean;
}

/** How the connections played so far ended. */
export interface PlayedTally {
  played: number;
  passed: number;
  failed: number;
  errors: number;
}

export type ScriptedServerEvent =
  | { type: 'connection'; connection: number; session: number; remote: string }
  | { type: 'wire'; connection: number; entry: WireEntry }
  | { type: 'played'; connection: number; result: PlayedSession };

export interface ScriptedServer {
  /** The plain and STARTTLS port; 0 when listening on a socket. */
  port: number;
  /** Where plain and STARTTLS clients connect: `127.0.0.1:port` or `unix:/path`. */
  listening: string;
  tlsPort?: number;
  certificatePem: string;
  /** Results so far, in the order connections ended (none kept with `keepResults: false`). */
  readonly results: PlayedSession[];
  readonly tally: PlayedTally;
  /** Resolves when the set number of connections has been played (never with `forever`, until `close`). */
  readonly done: Promise<PlayedSession[]>;
  close(): Promise<void>;
}

/**
 * The sessions among `sessions` whose `@tls` is implicit: their client starts TLS at connect (RFC 8314 §3.3), so they
 * are played right only on the implicit-TLS port.
 */
export function implicitTlsSessions(transcript: Transcript, sessions: readonly number[]): Session[] {
  return sessions
    .map((index) => transcript.sessions[index])
    .filter((session): session is Session => session !== undefined && isImplicitTlsSession(transcript, session));
}

export async function startScriptedServer(transcript: Transcript, options: ScriptedServerOptions): Promise<ScriptedServer> {
  const playable = (options.sessions ?? transcript.sessions.map((s) => s.index))
    .map((index) => transcript.sessions[index])
    // A session of `S: <closed>` alone is playable too: the server closes at once, with no greeting.
    .filter((s): s is Session => s !== undefined && (s.exchanges.length > 0 || s.fault !== undefined || s.expectsClose !== undefined));
  if (playable.length === 0) throw new NoSessionToPlay();
  const problems = checkScript(transcript, playable, options.env);
  if (problems.length > 0) throw new UnplayableScript(problems);
  const limit = options.connections ?? playable.length;
  const certificate = await generateTestCertificate();
  const secureContext = createSecureContext({ cert: certificate.certificatePem, key: certificate.privateKeyPem });
  const results: PlayedSession[] = [];
  const tally: PlayedTally = { played: 0, passed: 0, failed: 0, errors: 0 };
  const keep = options.keepResults ?? true;
  const sockets = new Set<Socket>();
  const stopping = new AbortController();
  // One listener per session playing: a busy server has more than Node's default warning threshold of 10.
  setMaxListeners(0, stopping.signal);
  const plays = new Set<Promise<void>>();
  let accepted = 0;
  let finish!: (results: PlayedSession[]) => void;
  const done = new Promise<PlayedSession[]>((resolve) => (finish = resolve));
  const servers: Server[] = [];

  const stopListening = (): Promise<void> =>
    Promise.all(servers.map((s) => new Promise<void>((resolve) => (s.listening ? s.close(() => resolve()) : resolve())))).then(() => undefined);

  // `implicitTls`: the connection came to the implicit-TLS port; the session starts with the handshake (RFC 8314 §3.3),
  // so a client that refuses the certificate is a connection played and reported, like one refusing it after STARTTLS.
  const accept = (socket: Socket, implicitTls: boolean): void => {
    if (limit !== 'forever' && accepted >= limit) return void socket.destroy();
    const connection = accepted++;
    const session = playable[connection % playable.length];
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    options.onEvent?.({ type: 'connection', connection, session: session.index, remote: clientText(socket, implicitTls ? implicitAt! : plainAt) });
    const play = playSession(socket, transcript, session, {
      env: options.env,
      secureContext,
      readInclude: options.readInclude,
      timeoutMs: options.timeoutMs ?? 30_000,
      onLog: (entry) => options.onEvent?.({ type: 'wire', connection, entry }),
      ...(options.authentication ? { authentication: options.authentication } : {}),
      ...(implicitTls ? { implicitTls } : {}),
      stop: stopping.signal,
    }).then((result) => {
      tally.played++;
      if (result.status === 'pass') tally.passed++;
      else if (result.status === 'fail') tally.failed++;
      else tally.errors++;
      if (keep) results.push(result);
      options.onEvent?.({ type: 'played', connection, result });
    });
    plays.add(play);
    void play.finally(() => {
      plays.delete(play);
      if (limit !== 'forever' && tally.played >= limit) void stopListening().then(() => finish(results));
    });
    if (limit !== 'forever' && accepted >= limit) void stopListening();
  };

  const plain = createServer((socket) => accept(socket, false));
  servers.push(plain);
  const plainAt = await listenAt(plain, options.socketPath === undefined ? { port: options.port } : { socketPath: options.socketPath });
  let implicitAt: ListenAddress | undefined;
  if (options.tlsPort !== undefined) {
    const implicit = createServer((socket) => accept(socket, true));
    servers.push(implicit);
    try {
      implicitAt = await listenAt(implicit, { port: options.tlsPort });
    } catch (error) {
      // Nothing is left listening when the server did not start as asked.
      await stopListening();
      throw error;
    }
  }
  return {
    port: 'port' in plainAt ? plainAt.port : 0,
    listening: listeningText(plainAt),
    ...(implicitAt && 'port' in implicitAt ? { tlsPort: implicitAt.port } : {}),
    certificatePem: certificate.certificatePem,
    results,
    tally,
    done,
    close: async () => {
      // Each session still playing says 421 and ends its connection (a second at most; scriptedSession.ts); a client
      // that keeps one open after its session ended is cut off.
      stopping.abort();
      const listening = stopListening();
      await Promise.allSettled([...plays]);
      for (const socket of sockets) socket.destroy();
      await listening;
      finish(results);
    },
  };
}
