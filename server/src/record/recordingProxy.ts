// The recording proxy: listens on 127.0.0.1 (or a UNIX-domain socket), and for each client opens its own connection to the upstream server
// and relays bytes both ways, telling a wire tap what passed. TLS is terminated on both sides so the tap reads
// plaintext: towards the upstream verified (system CAs plus the given ones), towards the client with the
// certificate made at start. STARTTLS (RFC 3207) is followed as the dialogue goes: when the upstream answers the
// client's STARTTLS with its 220, the proxy first shakes hands with the upstream, then passes the 220 on and shakes
// hands with the client; a refusal passes through as it is. Where the proxy answers in the server's place (its 454
// when TLS towards the server failed), the tap is told, so that a recording holds what the client got.
import * as net from 'node:net';
import * as tls from 'node:tls';
import { isCertificateVerifyError, startsTlsHandshake } from '../knowledge/tlsModes';
import type { TestCertificate } from '../smtpTestServer/testCertificate';
import type { WireTap } from '../smtpTestServer/wireTap';
import { RelayedDialogue } from './relayedDialogue';
import { connectUpstream, upgradeUpstream, type UpstreamServer } from './upstreamConnection';
import { endpointText } from '../settings/settingValues';
import { clientText, listenAt, listeningText, type ListenAddress } from '../smtpTestServer/socketListener';

export type { UpstreamServer } from './upstreamConnection';

/** The proxy's tap is told one more thing than the local server's: server bytes it kept from the client. */
export interface ProxyTap extends WireTap {
  /** The server ended its side (its FIN) before the client did; `closed` still follows when both sides are closed. */
  serverEnded(): void;
  /** The client ended its side first; what the server says after it is its answer to that, and `closed` follows. */
  clientEnded(): void;
  /**
   * Bytes the server sent that the client did not get, for `why`; `instead`: what the proxy sent it in their place,
   * if anything (its 454 when TLS towards the server failed). A recording holds what the client got.
   */
  withheldFromClient(bytes: Buffer, why: string, instead?: Buffer): void;
}

export interface RecordingProxyOptions<T extends ProxyTap> {
  /** A port on 127.0.0.1 (0 picks a free one) or a UNIX-domain socket. */
  listen: ListenAddress;
  /** The client connects with TLS at once (RFC 8314); otherwise plain, with STARTTLS when the client asks. */
  implicitTls: boolean;
  upstream: UpstreamServer;
  certificate: TestCertificate;
  connections: number | 'forever';
  tap: (connection: { remote: string; index: number }) => T;
  onEvent?: (event: ProxyEvent<T>) => void;
  /** How long a connection may stay half closed before both sides are closed (default 10 s). */
  lingerMs?: number;
}

export type ProxyEvent<T> =
  | { type: 'connection'; index: number; remote: string }
  /** A client that could not become a connection (its implicit-TLS handshake failed). */
  | { type: 'refused'; remote: string; error: string }
  /** `error`: why the connection could not be relayed as it should (the upstream unreachable, a TLS failure). */
  | { type: 'ended'; index: number; remote: string; tap: T; error?: string };

export interface RecordingProxy {
  /** The port listened on; 0 on a socket. */
  port: number;
  /** `127.0.0.1:port` or `unix:/path`. */
  listening: string;
  /** Resolves when the connections asked for have all ended (never with `forever`). */
  done: Promise<void>;
  /** Stops listening and ends the open connections (both sides); resolves once each has had its `ended` event. */
  close(): Promise<void>;
}

/** How long the client has for its TLS handshake after the 220 to STARTTLS. */
const HANDSHAKE_TIMEOUT_MS = 10_000;

export async function startRecordingProxy<T extends ProxyTap>(options: RecordingProxyOptions<T>): Promise<RecordingProxy> {
  const secureContext = tls.createSecureContext({ key: options.certificate.privateKeyPem, cert: options.certificate.certificatePem });
  let accepted = 0;
  let ended = 0;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const open = new Set<ProxiedConnection<T>>();
  const accept = (socket: net.Socket): void => {
    const index = accepted++;
    if (options.connections !== 'forever' && accepted >= options.connections) server.close();
    const remote = clientText(socket, listening);
    options.onEvent?.({ type: 'connection', index, remote });
    const tap = options.tap({ remote, index });
    const connection = new ProxiedConnection(socket, tap, options, secureContext, (error) => {
      open.delete(connection);
      options.onEvent?.({ type: 'ended', index, remote, tap, ...(error === undefined ? {} : { error }) });
      if (options.connections !== 'forever' && ++ended >= options.connections) finish();
    });
    open.add(connection);
    void connection.start();
  };
  const server = options.implicitTls
    ? tls.createServer({ key: options.certificate.privateKeyPem, cert: options.certificate.certificatePem, allowHalfOpen: true }, accept)
    : net.createServer({ allowHalfOpen: true }, accept);
  // A client that fails the implicit-TLS handshake never becomes a connection; it is not counted, but said.
  server.on('tlsClientError', (error: Error, socket: tls.TLSSocket) => {
    options.onEvent?.({ type: 'refused', remote: clientText(socket, listening), error: `the client's TLS handshake failed: ${error.message}` });
  });
  const listening = await listenAt(server, options.listen);
  return {
    port: 'port' in listening ? listening.port : 0,
    listening: listeningText(listening),
    done,
    close: async () => {
      // Each connection's recording is told its end before close resolves: a caller that then writes them loses none.
      const ending = [...open].map((connection) => connection.stop());
      await Promise.all([...ending, new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()))]);
    },
  };
}

type Side = 'client' | 'server';

class ProxiedConnection<T extends ProxyTap> {
  private upstream?: net.Socket;
  private readonly dialogue = new RelayedDialogue();
  private clientSpoke = false;
  private firstClosed?: Side | 'error';
  private error?: string;
  private readonly closedSides = new Set<Side>();
  private finished = false;
  private linger?: NodeJS.Timeout;
  private readonly endedOnce: Promise<void>;
  private told!: () => void;

  constructor(
    private client: net.Socket,
    private readonly tap: T,
    private readonly options: RecordingProxyOptions<T>,
    private readonly secureContext: tls.SecureContext,
    private readonly onEnd: (error?: string) => void,
  ) {
    this.endedOnce = new Promise((resolve) => (this.told = resolve));
  }

  /**
   * The proxy stops: both sides are closed now, the client's first (its recording ends as a client that left), and
   * the promise resolves once `onEnd` has been called. A side still connecting ends when its connect settles.
   */
  stop(): Promise<void> {
    if (!this.finished) {
      // To the server the proxy's client has left: both sides close at once, and the recording says the client closed.
      this.firstClosed ??= 'client';
      this.client.destroy();
      this.upstream?.destroy();
    }
    return this.endedOnce;
  }

  async start(): Promise<void> {
    this.client.on('error', () => this.broken('client'));
    this.client.on('close', () => this.sideClosed('client'));
    if (this.options.implicitTls) this.tap.tlsStarted('implicit', (this.client as tls.TLSSocket).getProtocol() ?? 'TLS');
    const { host, port } = this.options.upstream;
    try {
      this.upstream = await connectUpstream(this.options.upstream);
    } catch (error) {
      this.error = `cannot reach the server ${endpointText(host, port)}: ${(error as Error).message}`;
      // RFC 5321 §3.8, RFC 3463 4.4.1: the proxy answers for the server it could not reach, and closes.
      this.client.end(`421 4.4.1 smtp-transcript record: cannot reach ${endpointText(host, port)}\r\n`);
      // What the client still sends (its QUIT) is read and dropped, so that its close is seen at once: unread, the
      // connection waited out the linger time (10 s) before the proxy could stop.
      this.client.resume();
      this.firstClosed = 'error';
      this.sideClosed('server');
      return;
    }
    if (this.closedSides.has('client')) {
      // The client left while the proxy was still connecting.
      this.upstream.destroy();
      this.sideClosed('server');
      return;
    }
    if (this.options.upstream.implicitTls && !this.options.implicitTls) this.tap.tlsStarted('implicit', (this.upstream as tls.TLSSocket).getProtocol() ?? 'TLS');
    this.upstream.on('error', (error) => this.broken('server', error));
    this.upstream.on('close', () => this.sideClosed('server'));
    this.relay();
  }

  private relay(): void {
    this.client.on('data', (bytes: Buffer) => this.fromClient(bytes));
    this.client.on('end', () => this.ended('client'));
    this.upstream!.on('data', (bytes: Buffer) => this.fromServer(bytes));
    this.upstream!.on('end', () => this.ended('server'));
  }

  private fromClient(bytes: Buffer): void {
    if (!this.clientSpoke && !this.options.implicitTls && startsTlsHandshake(bytes)) {
      // Not SMTP: recorded, the handshake would be binary `C:` lines; the client wants TLS from the first byte.
      this.error = 'the client began a TLS handshake on this plain port: it connects with implicit TLS (record it with --tls implicit); the connection was closed';
      this.broken('client');
      return;
    }
    this.clientSpoke = true;
    this.tap.fromClient(bytes);
    this.dialogue.clientSent(bytes);
    this.forward(bytes, this.client, this.upstream!);
  }

  /**
   * Relays what `from` sent. When `to` takes it slower than it comes (a server pausing, or one that stops reading),
   * `from` is not read until `to` drains: TCP holds the sender back, where the proxy would buffer it without bound.
   */
  private forward(bytes: Buffer, from: net.Socket, to: net.Socket): void {
    if (to.destroyed || to.write(bytes)) return;
    from.pause();
    // After STARTTLS the plain socket is under TLS: only a side still relayed is read again.
    to.once('drain', () => (from === this.client || from === this.upstream) && !from.destroyed && from.resume());
  }

  private fromServer(bytes: Buffer): void {
    let rest = bytes;
    /** Where the reply being read began in `bytes` (0: in an earlier read). */
    let replyStart = 0;
    while (rest.length > 0) {
      const lineEnd = rest.indexOf(0x0a);
      const piece = lineEnd < 0 ? rest : rest.subarray(0, lineEnd + 1);
      rest = rest.subarray(piece.length);
      const read = bytes.length - rest.length;
      const ended = this.dialogue.serverSent(piece);
      if (ended === 'final') replyStart = read;
      if (ended === 'starttls-accepted') {
        // The replies before it are the client's now; the 220 once TLS towards the server is up, or never.
        this.passOn(bytes.subarray(0, replyStart));
        // RFC 3207 §5: nothing may follow the 220 in the clear; what did is dropped, as a client would.
        void this.startTls(bytes.subarray(replyStart, read));
        return;
      }
    }
    this.passOn(bytes);
  }

  private passOn(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.tap.fromServer(bytes);
    this.forward(bytes, this.upstream!, this.client);
  }

  private async startTls(ready: Buffer): Promise<void> {
    const plainClient = this.client;
    const plainUpstream = this.upstream!;
    if (this.dialogue.owed > 0) {
      // RFC 3207 §5, RFC 2920 §3.1: STARTTLS ends a pipelined group; a command sent after it in the clear is refused.
      this.error = 'the client sent commands after STARTTLS before the TLS handshake (RFC 3207 §5); the connection was closed';
      this.tap.withheldFromClient(ready, 'the client sent commands after STARTTLS before the TLS handshake (RFC 3207 §5), and the proxy closed the connection');
      this.broken('client');
      return;
    }
    plainClient.removeAllListeners('data');
    plainClient.removeAllListeners('end');
    plainUpstream.removeAllListeners('data');
    plainUpstream.removeAllListeners('end');
    plainClient.pause();
    let secureUpstream: tls.TLSSocket;
    try {
      secureUpstream = await upgradeUpstream(plainUpstream, this.options.upstream);
    } catch (error) {
      // What the user can do about a certificate that does not verify: the same options as replay's.
      const hint = isCertificateVerifyError(error) ? ' - trust its CA with --ca FILE, or skip verification with --insecure-tls' : '';
      this.error = `TLS towards ${endpointText(this.options.upstream.host, this.options.upstream.port)} failed: ${(error as Error).message}${hint}`;
      // RFC 3207 §4: the client gets 454 (TLS not available) from the proxy, which then closes as a server would;
      // the recording says so, and holds what the client got, not the server's 220.
      const refusal = Buffer.from('454 4.7.0 smtp-transcript record: TLS towards the server failed\r\n');
      this.tap.withheldFromClient(ready, `the proxy's TLS handshake with the server failed (${(error as Error).message}), so the client got the proxy's 454 and the connection was closed`, refusal);
      this.firstClosed = 'server';
      plainClient.end(refusal);
      plainUpstream.destroy();
      return;
    }
    secureUpstream.on('error', (error) => this.broken('server', error));
    this.upstream = secureUpstream;
    this.tap.fromServer(ready);
    plainClient.write(ready);
    const secureClient = new tls.TLSSocket(plainClient, { isServer: true, secureContext: this.secureContext });
    let secured = false;
    secureClient.on('error', (error) => {
      clearTimeout(handshakeTimer);
      if (!secured && this.firstClosed === undefined) this.error ??= `the client's TLS handshake failed: ${error.message}`;
      this.broken('client');
    });
    // RFC 3207 §4: after the 220 the client starts the handshake; one that closes instead, or waits, ends the connection.
    const unsecured = (why: string, closedBy?: 'client'): void => {
      clearTimeout(handshakeTimer);
      if (secured || this.finished) return;
      if (this.firstClosed === undefined) {
        this.firstClosed = closedBy;
        this.error ??= `the TLS handshake after STARTTLS did not complete: ${why}`;
      }
      secureClient.destroy();
      this.broken('client');
    };
    const handshakeTimer = setTimeout(() => unsecured(`no handshake within ${HANDSHAKE_TIMEOUT_MS / 1000} s`), HANDSHAKE_TIMEOUT_MS);
    secureClient.once('end', () => unsecured('the client closed the connection', 'client'));
    secureClient.once('close', () => unsecured('the client closed the connection', 'client'));
    secureClient.once('secure', () => {
      clearTimeout(handshakeTimer);
      secured = true;
      this.client = secureClient;
      this.tap.tlsStarted('starttls', secureClient.getProtocol() ?? 'TLS');
      this.relay();
    });
  }

  /** The side sent its FIN: passed on, as the other side may still answer (a 221 after the client's FIN). */
  private ended(side: Side): void {
    if (this.firstClosed === undefined) {
      if (side === 'server') this.tap.serverEnded();
      else this.tap.clientEnded();
    }
    this.firstClosed ??= side;
    (side === 'client' ? this.upstream : this.client)?.end();
    this.lingerThenClose();
  }

  private broken(side: Side, error?: Error): void {
    if (side === 'client' && this.dialogue.quitSent && this.firstClosed === undefined) {
      // A client that resets right after QUIT (smtp-source does) has closed: the server's 221 is still recorded.
      this.firstClosed = 'client';
      this.client.destroy();
      this.upstream?.end();
      this.lingerThenClose();
      return;
    }
    if (side === 'server' && (error as NodeJS.ErrnoException | undefined)?.code === 'ECONNRESET' && this.firstClosed === undefined && this.upstream) {
      // A server that resets the connection has closed it there: Exim, dropping a client after too many errors while
      // the client's next line is unread, resets instead of sending a FIN. The client sees the connection close.
      this.firstClosed = 'server';
      this.tap.serverEnded();
      this.client.end();
      this.upstream.destroy();
      this.lingerThenClose();
      return;
    }
    // A reset after one side closed ends a session that was over.
    if (this.firstClosed === undefined) {
      this.firstClosed = 'error';
      this.error ??= `the ${side} connection broke`;
    }
    this.client.destroy();
    this.upstream?.destroy();
  }

  private sideClosed(side: Side): void {
    if (this.closedSides.has(side)) return;
    this.closedSides.add(side);
    this.firstClosed ??= side;
    if (this.closedSides.size < 2) {
      (side === 'client' ? this.upstream : this.client)?.end();
      this.lingerThenClose();
      return;
    }
    this.finish();
  }

  /** A side left half open does not keep the connection (and the recording) forever. */
  private lingerThenClose(): void {
    this.linger ??= setTimeout(() => {
      this.client.destroy();
      this.upstream?.destroy();
    }, this.options.lingerMs ?? 10_000);
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.linger);
    this.tap.closed(this.firstClosed ?? 'error');
    this.onEnd(this.error);
    this.told();
  }
}
