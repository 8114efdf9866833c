// Closes a client that sends too slowly. smtp-server closes an idle client (`421 4.4.2` after its socket timeout),
// but a client that drips one byte a second is never idle and would hold a connection for ever. Here each client
// turn (what it sends between two server replies: a command, a pipelined group, or message content) must arrive
// within `commandTimeoutMs` plus one second per `minBytesPerSecond` octets received; past that the server answers
// `421 4.4.2` and closes, as RFC 5321 §4.5.3.2 lets a server do on its timeouts. A client waiting for a reply sends
// nothing and is not timed here (smtp-server waits for its own handlers).
import type { Socket } from 'node:net';
import type { SMTPServer } from 'smtp-server';
import { TEST_SERVER_DEFAULTS } from '../settings/testServerDefaults';

export interface ClientPace {
  /** The time a client turn may take, whatever its size (default 60 s, smtp-server's idle timeout). */
  commandTimeoutMs: number;
  /** The slowest average rate beyond that (default 1024 octets/s: a 10 MiB message may take about 3 hours). */
  minBytesPerSecond: number;
}

export const defaultClientPace: ClientPace = {
  commandTimeoutMs: TEST_SERVER_DEFAULTS.commandTimeoutSeconds * 1000,
  minBytesPerSecond: TEST_SERVER_DEFAULTS.minBytesPerSecond,
};

const key = (socket: Socket): string => `${socket.remoteAddress}:${socket.remotePort}`;

/**
 * Times every connection of `server`: its TCP socket from the start, its TLS socket once TLS is up (call the
 * returned `onSecure` from smtp-server's `onSecure` handler). Encrypted bytes are not timed twice: the TCP socket's
 * watch stops when TLS takes over.
 */
export function watchClientPace(server: SMTPServer, pace: ClientPace, serverName: string, onLog?: (line: string) => void): (socket: Socket) => void {
  const stops = new Map<string, () => void>();
  const watch = (socket: Socket): void => {
    stops.get(key(socket))?.();
    stops.set(key(socket), timeTurns(socket, pace, serverName, onLog));
    socket.once('close', () => stops.delete(key(socket)));
  };
  server.server.on('connection', (socket: Socket) => {
    // The implicit-TLS port's TCP socket carries the handshake only: its turns are timed once TLS is up.
    if (!server.options.secure) watch(socket);
  });
  return watch;
}

function timeTurns(socket: Socket, pace: ClientPace, serverName: string, onLog?: (line: string) => void): () => void {
  let turnStart = Date.now();
  let received = 0;
  let closed = false;
  const write = socket.write;
  // Every reply the server writes ends the client's turn: its next one starts now.
  socket.write = function (this: Socket, ...args: Parameters<Socket['write']>) {
    turnStart = Date.now();
    received = 0;
    return write.apply(this, args);
  } as Socket['write'];
  // Counted where bytes enter the stream (`push`), not with a 'data' listener, which would start the flow of data
  // before smtp-server has piped the socket to its parser.
  const push = socket.push;
  socket.push = function (this: Socket, chunk: unknown, encoding?: BufferEncoding): boolean {
    // Nothing more reaches smtp-server once the 421 is written, except the end of the stream (null), which it needs.
    if (closed && chunk !== null) return true;
    if (chunk instanceof Uint8Array && tooSlow(chunk.length)) {
      closeTooSlow();
      return true;
    }
    return push.call(this, chunk, encoding);
  };
  const tooSlow = (octets: number): boolean => {
    received += octets;
    return Date.now() - turnStart > pace.commandTimeoutMs + (received * 1000) / pace.minBytesPerSecond;
  };
  const closeTooSlow = (): void => {
    closed = true;
    onLog?.(`info closing ${key(socket)}: it sent ${received} octets in ${Date.now() - turnStart} ms, too slowly`);
    write.call(socket, `421 4.4.2 ${serverName} Client too slow - closing connection\r\n`);
    socket.end();
    // A client that keeps sending after our FIN is not waited for.
    setTimeout(() => socket.destroy(), 1000).unref();
  };
  return () => {
    socket.push = push;
    socket.write = write;
  };
}
