// The local server's sockets: a TCP listener per port, and TLS on an accepted socket, at connect for the implicit-TLS
// port (RFC 8314 §3.3) or after STARTTLS's 220 (RFC 3207 §4): one way to start TLS for both.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';

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

/** Stops accepting; resolves once every accepted connection is closed. */
export function stopListening(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * The server side of a TLS handshake on `socket`; undefined when it fails, the client leaves (a bare TCP probe) or
 * it takes longer than `timeoutMs`. The plain socket is destroyed then.
 */
export function startServerTls(socket: Socket, secureContext: SecureContext, timeoutMs: number): Promise<TLSSocket | undefined> {
  if (socket.destroyed) return Promise.resolve(undefined);
  const secure = new TLSSocket(socket, { isServer: true, secureContext });
  secure.on('error', () => undefined);
  return new Promise((resolve) => {
    const settle = (ok: boolean): void => {
      clearTimeout(timer);
      secure.off('secure', onSecure);
      secure.off('close', onFail);
      secure.off('error', onFail);
      if (!ok) {
        secure.destroy();
        socket.destroy();
      }
      resolve(ok ? secure : undefined);
    };
    const onSecure = (): void => settle(true);
    const onFail = (): void => settle(false);
    const timer = setTimeout(onFail, timeoutMs);
    secure.once('secure', onSecure);
    secure.once('close', onFail);
    secure.once('error', onFail);
  });
}
