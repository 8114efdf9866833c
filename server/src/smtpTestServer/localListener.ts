// The local server's sockets: a TCP listener per port (or a UNIX-domain socket), and TLS on an accepted socket, at connect for the implicit-TLS
// port (RFC 8314 §3.3) or after STARTTLS's 220 (RFC 3207 §4): one way to start TLS for both.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import { listenAt } from './socketListener';

/** Listens on host:port (0 picks a free port); resolves with the server and its port. */
export function listenTcp(port: number, host: string, onSocket: (socket: Socket) => void): Promise<{ server: Server; port: number }> {
  const server = createServer({ noDelay: true }, onSocket);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      // Accept errors (EMFILE) are not worth a crash: the next connection may succeed.
      server.on('error', () => undefined);
      resolve({ server, port: (server.address() as AddressInfo).port });
    });
  });
}

/** Listens on a UNIX-domain socket (socketListener.ts: a stale one replaced, a live one refused). */
export async function listenSocket(socketPath: string, onSocket: (socket: Socket) => void): Promise<{ server: Server; socketPath: string }> {
  const server = createServer(onSocket);
  await listenAt(server, { socketPath });
  server.on('error', () => undefined);
  return { server, socketPath };
}

/** Stops accepting; resolves once every accepted connection is closed. */
export function stopListening(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * How a server-side TLS handshake ended: the secured socket, or what went wrong, said for the person testing a
 * client; `clear`: the client sent plain text or nothing, as one that expects to talk SMTP first does; `probe`: it
 * closed without sending an octet (a port check).
 */
export type ServerTlsHandshake = { secure: TLSSocket } | { problem: string; clear?: true; probe?: true };

/**
 * The server side of a TLS handshake on `socket`; undefined when it fails, the client leaves (a bare TCP probe) or
 * it takes longer than `timeoutMs`. The plain socket is destroyed then.
 */
export async function startServerTls(socket: Socket, secureContext: SecureContext, timeoutMs: number): Promise<TLSSocket | undefined> {
  const handshake = await serverTlsHandshake(socket, secureContext, timeoutMs);
  return 'secure' in handshake ? handshake.secure : undefined;
}

/** `startServerTls`, saying why a handshake failed: a certificate the client refused, plain text, silence. */
export function serverTlsHandshake(socket: Socket, secureContext: SecureContext, timeoutMs: number): Promise<ServerTlsHandshake> {
  if (socket.destroyed) return Promise.resolve({ problem: 'the client closed the connection before the TLS handshake' });
  const secure = new TLSSocket(socket, { isServer: true, secureContext });
  secure.on('error', () => undefined);
  return new Promise((resolve) => {
    const settle = (problem?: string, clear?: true, probe?: true): void => {
      clearTimeout(timer);
      secure.off('secure', onSecure);
      secure.off('close', onClose);
      secure.off('error', onError);
      if (problem !== undefined) {
        secure.destroy();
        socket.destroy();
      }
      resolve(problem === undefined ? { secure } : { problem, ...(clear ? { clear } : {}), ...(probe ? { probe } : {}) });
    };
    const onSecure = (): void => settle();
    // The TCP socket under the TLS layer still counts what arrived: nothing at all is a client that never began.
    const onClose = (): void => (socket.bytesRead === 0 ? settle(NOTHING_SENT, true, true) : settle(HANDSHAKE_LEFT));
    const onError = (error: NodeJS.ErrnoException): void => (PLAIN_TEXT_CODES.has(error.code ?? '') ? settle(PLAIN_TEXT, true) : settle(handshakeErrorProblem(error)));
    const timer = setTimeout(() => settle(`the client sent no TLS handshake within ${timeoutMs} ms`, true), timeoutMs);
    secure.once('secure', onSecure);
    secure.once('close', onClose);
    secure.once('error', onError);
  });
}

// A client that refuses the certificate may say so with an alert (OpenSSL: curl, swaks, Python) or just close
// (Node's own TLS, hence Nodemailer): the person testing it is told what the likely cause is either way.
const CERTIFICATE_HINT = 'a client that verifies certificates must trust the one the server made at start (--write-cert FILE writes it)';
const HANDSHAKE_LEFT = `the client closed the connection during the TLS handshake; if it refused the certificate: ${CERTIFICATE_HINT}`;
const NOTHING_SENT = 'the client closed the connection without starting the TLS handshake';

/** OpenSSL's errors for a first record that is no TLS: the client talks SMTP in the clear where the handshake belongs. */
const PLAIN_TEXT_CODES = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_HTTP_REQUEST', 'ERR_SSL_PACKET_LENGTH_TOO_LONG']);
const PLAIN_TEXT = 'the client sent plain text where the TLS handshake belongs';

/** RFC 8446 §6.2: the alerts that refuse the server's certificate. */
const CERTIFICATE_ALERTS = /_ALERT_(BAD_CERTIFICATE|UNSUPPORTED_CERTIFICATE|CERTIFICATE_REVOKED|CERTIFICATE_EXPIRED|CERTIFICATE_UNKNOWN|UNKNOWN_CA)$/;

function handshakeErrorProblem(error: NodeJS.ErrnoException): string {
  const code = error.code ?? '';
  const alert = CERTIFICATE_ALERTS.exec(code);
  if (alert) return `the client refused the certificate (TLS alert: ${alert[1].toLowerCase().replace(/_/g, ' ')}): ${CERTIFICATE_HINT}`;
  const alertName = /_ALERT_([A-Z_]+)$/.exec(code);
  if (alertName) return `the client ended the TLS handshake (TLS alert: ${alertName[1].toLowerCase().replace(/_/g, ' ')})`;
  if (code === 'ECONNRESET') return HANDSHAKE_LEFT;
  return `the TLS handshake failed (${code || error.message})`;
}
