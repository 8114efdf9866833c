// One SMTP connection over a raw socket: connect (plain or implicit TLS), write lines, read replies, upgrade to TLS
// after STARTTLS (RFC 3207), and drop everything at once when the replay is cancelled.
import * as net from 'node:net';
import * as tls from 'node:tls';
import { ReplayError, socketError } from './replayError';
import { ReplyReader, type ReplyReaderOptions } from './replyReader';
import { describeTls, tlsConnectOptions, type TlsInfo, type TlsSettings } from './tlsDetails';
import type { WireLog } from './wireLog';
import type { ShownLine } from './outgoing';
import { timerDelay } from './timerDelay';
import { endpointText, unixSocketPath } from '../settings/settingValues';

export interface ConnectOptions {
  host: string;
  port: number;
  /** TLS from the first byte (port 465 style, RFC 8314 §3.3). */
  implicitTls: boolean;
  tls: TlsSettings;
  /** For the TCP connection and for each TLS handshake. */
  connectTimeoutMs: number;
  log: WireLog;
  signal?: AbortSignal;
  limits?: Pick<ReplyReaderOptions, 'maxLineLength' | 'maxLinesPerReply' | 'maxUnsolicited'>;
}

export class Connection {
  readonly reader: ReplyReader;
  readonly where: string;
  tlsInfo?: TlsInfo;
  /** How long the TCP connect and the last TLS handshake took. */
  readonly timings: { connectMs?: number; tlsMs?: number } = {};
  private socket: net.Socket;
  /** The connections open under each signal: one abort listener per signal, not one per connection (load mode). */
  private static readonly openUnder = new WeakMap<AbortSignal, Set<Connection>>();

  private constructor(
    private readonly options: ConnectOptions,
    socket: net.Socket,
  ) {
    this.socket = socket;
    this.where = endpointText(options.host, options.port);
    const log = options.log;
    this.reader = new ReplyReader({
      ...options.limits,
      where: this.where,
      onLine: (text) => log.add('S', text),
      onNote: (text) => log.add('info', text),
      // RFC 8314 §3.3: an implicit-TLS port says nothing until the client's TLS handshake; the reverse case (TLS to a
      // plain port) fails at once and says so in replayError.ts.
      ...(options.implicitTls ? {} : { silenceHint: 'it sent nothing at all, as an implicit-TLS port (465) does until the TLS handshake: if it is one, use --tls implicit / @tls = implicit' }),
    });
    if (options.signal) this.watchAbort(options.signal);
  }

  private watchAbort(signal: AbortSignal): void {
    let open = Connection.openUnder.get(signal);
    if (!open) {
      const connections = (open = new Set<Connection>());
      Connection.openUnder.set(signal, connections);
      signal.addEventListener('abort', () => [...connections].forEach((connection) => connection.cancel()), { once: true });
    }
    open.add(this);
  }

  /** Connects (and for implicit TLS, finishes the handshake) within the connect timeout. */
  static async open(options: ConnectOptions): Promise<Connection> {
    const where = endpointText(options.host, options.port);
    if (options.signal?.aborted) throw cancelled();
    // noDelay: SMTP is a dialogue of small lines; Nagle would hold each one back for the previous one's ACK.
    const path = unixSocketPath(options.host);
    const socket = path !== undefined ? net.connect({ path }) : net.connect({ host: options.host, port: options.port, noDelay: true });
    const connection = new Connection(options, socket);
    const started = Date.now();
    try {
      await settle(socket, 'connect', options.connectTimeoutMs, options.signal, (error) => socketError(error, 'connect', where), () =>
        new ReplayError('connect-timeout', `connecting to ${where} took longer than ${options.connectTimeoutMs} ms`),
      );
      connection.timings.connectMs = Date.now() - started;
      options.log.add('info', `connected to ${where}`);
      // RFC 5321 §3.1: the server speaks first.
      connection.reader.expect(1);
      if (options.implicitTls) await connection.startTls('tls');
      else connection.reader.attach(socket);
      return connection;
    } catch (error) {
      connection.destroy();
      throw error;
    }
  }

  get usable(): boolean {
    return !this.reader.error && !this.reader.isClosed && !this.socket.destroyed;
  }

  get encrypted(): boolean {
    return this.tlsInfo !== undefined;
  }

  /** Turns the connection to TLS after the server's 220 to STARTTLS (RFC 3207 §4). */
  async upgradeToTls(): Promise<TlsInfo> {
    // RFC 3207 §4.2 (and CVE-2011-0411): anything sent in plain text after the 220 must not be read as if it were
    // protected by TLS.
    if (this.reader.hasUnreadData) {
      const error = new ReplayError('plaintext-after-starttls', `${this.where} sent more plain text after its 220 reply to STARTTLS`);
      this.reader.fail(error);
      throw error;
    }
    this.reader.detach();
    return this.startTls('starttls');
  }

  /**
   * Writes bytes; `shown` is what the wire log records for them (masked, summarized). Undefined when the socket
   * took the bytes at once; otherwise a promise of the drain, since a server that stops reading would leave the
   * write pending forever, it gets `timeoutMs` like a reply does.
   */
  write(data: string | Buffer, shown: readonly ShownLine[], timeoutMs: number): Promise<void> | undefined {
    this.options.log.addAll(shown);
    if (this.reader.error) return Promise.reject(this.reader.error);
    if (this.socket.destroyed || !this.socket.writable) {
      return Promise.reject(new ReplayError('connection-closed', `the connection to ${this.where} is closed`));
    }
    // Most writes fit the socket's buffer: done at once, nothing to wait for (a failure reaches the reader).
    // Otherwise wait for the buffer to drain, which paces long message content, within the timeout.
    if (this.socket.write(data)) return undefined;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.socket.off('drain', drained).off('close', drained);
        const error = new ReplayError('timeout', `${this.where} did not take the data within ${timeoutMs} ms`);
        this.reader.fail(error);
        this.destroy();
        reject(error);
      }, timerDelay(timeoutMs));
      const drained = (): void => {
        clearTimeout(timer);
        this.socket.off('drain', drained).off('close', drained);
        if (this.reader.error) reject(this.reader.error);
        else if (this.socket.destroyed) reject(new ReplayError('connection-closed', `the connection to ${this.where} closed while sending`));
        else resolve();
      };
      this.socket.once('drain', drained).once('close', drained);
    });
  }

  /** Ends our side politely and lets the socket go. */
  close(): void {
    this.release();
    if (this.socket.destroyed) return;
    const socket = this.socket;
    const timer = setTimeout(() => socket.destroy(), 1000);
    timer.unref();
    socket.end(() => {
      clearTimeout(timer);
      socket.destroy();
    });
  }

  destroy(): void {
    this.release();
    this.socket.destroy();
  }

  private cancel(): void {
    this.reader.fail(cancelled());
    this.options.log.add('info', 'replay cancelled: connection dropped');
    this.destroy();
  }

  private release(): void {
    this.reader.stop();
    if (this.options.signal) Connection.openUnder.get(this.options.signal)?.delete(this);
  }

  private async startTls(phase: 'tls' | 'starttls'): Promise<TlsInfo> {
    const plain = this.socket;
    plain.pause();
    const started = Date.now();
    const secure = tls.connect({ ...tlsConnectOptions(this.options.tls), socket: plain });
    this.socket = secure;
    try {
      await settle(secure, 'secureConnect', this.options.connectTimeoutMs, this.options.signal, (error) =>
        socketError(error, phase, this.where), () =>
        new ReplayError('tls-handshake', `the TLS handshake with ${this.where} took longer than ${this.options.connectTimeoutMs} ms`),
      );
    } catch (error) {
      const failure = error instanceof ReplayError ? error : socketError(error, phase, this.where);
      this.reader.fail(failure);
      this.options.log.add('info', failure.message);
      throw failure;
    }
    this.timings.tlsMs = Date.now() - started;
    this.tlsInfo = describeTls(secure);
    this.options.log.tls = true;
    const { protocol, cipher, authorized, authorizationError } = this.tlsInfo;
    this.options.log.add('info', `TLS established: ${protocol}, ${cipher}${authorized ? '' : `, certificate NOT verified (${authorizationError ?? 'insecure'})`}`);
    this.reader.attach(secure);
    return this.tlsInfo;
  }
}

function cancelled(): ReplayError {
  return new ReplayError('cancelled', 'the replay was cancelled');
}

/**
 * Waits for `event`, or fails on error, timeout or cancellation; listeners are removed either way. Cancellation
 * reaches it through the connection's abort watcher, which destroys the socket: its close is then the cancellation.
 */
function settle(
  socket: net.Socket,
  event: 'connect' | 'secureConnect',
  timeoutMs: number,
  signal: AbortSignal | undefined,
  onError: (error: Error) => ReplayError,
  onTimeout: () => ReplayError,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      socket.off(event, onEvent);
      socket.off('error', onFailure);
      socket.off('close', onClose);
      // A late error after we gave up must not become an uncaught exception.
      socket.on('error', () => undefined);
    };
    const onEvent = (): void => (cleanup(), resolve());
    const onFailure = (error: Error): void => (cleanup(), reject(onError(error)));
    const onClose = (): void => {
      cleanup();
      reject(signal?.aborted ? cancelled() : onError(Object.assign(new Error('the peer closed the connection'), { code: 'ECONNRESET' })));
    };
    const timer = setTimeout(() => (cleanup(), socket.destroy(), reject(onTimeout())), timerDelay(timeoutMs));
    socket.once(event, onEvent);
    socket.once('error', onFailure);
    socket.once('close', onClose);
  });
}
