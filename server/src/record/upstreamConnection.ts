// The recording proxy's side towards the real server (a host and port, or a UNIX-domain socket): a connection, plain
// or with TLS at once (RFC 8314), and the TLS upgrade after the server's 220 to STARTTLS (RFC 3207 §4). The server's
// certificate is verified against the system CAs plus the given ones unless the caller turned that off (and says so
// loudly).
import * as net from 'node:net';
import * as tls from 'node:tls';
import { unixSocketPath } from '../settings/settingValues';

export interface UpstreamServer {
  /** A host, or `unix:/path` for a UNIX-domain socket (settingValues.unixSocketPath; `port` is then unused). */
  host: string;
  port: number;
  /** The name the certificate is verified against, when not the host's (a socket has none). */
  servername?: string;
  implicitTls: boolean;
  /** PEM CA certificates trusted besides the system's. */
  ca?: string;
  /** Do not verify the upstream's certificate (the caller says so loudly). */
  insecureTls: boolean;
}

const CONNECT_TIMEOUT_MS = 10_000;

export function connectUpstream(upstream: UpstreamServer): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const path = unixSocketPath(upstream.host);
    const address = path === undefined ? { host: upstream.host, port: upstream.port } : { path };
    const socket = upstream.implicitTls ? tls.connect({ ...tlsOptions(upstream), ...address }) : net.connect({ ...address, allowHalfOpen: true });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no connection within ${CONNECT_TIMEOUT_MS / 1000} s`));
    }, CONNECT_TIMEOUT_MS);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once(upstream.implicitTls ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
  });
}

export function upgradeUpstream(socket: net.Socket, upstream: UpstreamServer): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const secure = tls.connect({ ...tlsOptions(upstream), socket });
    secure.once('error', reject);
    secure.once('secureConnect', () => {
      secure.off('error', reject);
      resolve(secure);
    });
  });
}

/** Thrown where TLS would start towards a socket with no name to verify its certificate against. */
export const SOCKET_NEEDS_NAME = 'TLS towards a UNIX-domain socket needs the name its certificate is verified against';

/**
 * A proxy towards `host` with TLS `mode` and no name to verify the certificate against, when `host` is a socket
 * (`unix:/path`): implicit TLS cannot start at all (refused before anything listens), and a client's STARTTLS can only
 * be refused (said as the proxy starts). Undefined when the host is its own name or a name is given.
 */
export function unnamedSocketTls(host: string, mode: 'none' | 'starttls' | 'implicit', servername: string | undefined): { refused: string } | { warning: string } | undefined {
  if (mode === 'none' || servername !== undefined || unixSocketPath(host) === undefined) return undefined;
  if (mode === 'implicit') return { refused: `implicit TLS towards ${host}: ${SOCKET_NEEDS_NAME}` };
  return { warning: `${SOCKET_NEEDS_NAME}, and none is given for ${host}: a client's STARTTLS is refused (454 4.7.0)` };
}

function tlsOptions(upstream: UpstreamServer): tls.ConnectionOptions {
  const name = upstream.servername ?? (unixSocketPath(upstream.host) === undefined ? upstream.host : undefined);
  if (name === undefined) throw new Error(SOCKET_NEEDS_NAME);
  return {
    // An IP address is checked against the certificate's IP entries; SNI carries only names (RFC 6066 §3).
    ...(net.isIP(name) ? { host: name } : { host: name, servername: name }),
    rejectUnauthorized: !upstream.insecureTls,
    ...(upstream.ca === undefined ? {} : { ca: [...tls.rootCertificates, upstream.ca] }),
  };
}
