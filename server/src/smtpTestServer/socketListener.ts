// Where a built-in server (`mock`, `record`, `serve`) listens: a TCP port on loopback, or a UNIX-domain socket, where LMTP
// clients deliver (Postfix's `lmtp:unix:/path`, swaks --socket). A socket file left by a server that ended without
// closing (killed, crashed) is replaced; one a server still listens on, or any other file, is not.
import { chmod, lstat, readFile, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { connect, type Server, type Socket } from 'node:net';
import { socketPathProblem } from '../settings/settingValues';

export const LOOPBACK = '127.0.0.1';

/** A port on loopback (0 asks for a free one) or a socket; once listening, the port it got. */
export type ListenAddress = { port: number } | { socketPath: string };

/**
 * Why a socket could not be listened on: found before listening (Node says EACCES for a missing folder), or the
 * system's error as `cause`.
 */
export class SocketProblem extends Error {}

export async function listenAt(server: Server, at: ListenAddress): Promise<ListenAddress> {
  if ('port' in at) {
    await listening(server, (done) => server.listen(at.port, LOOPBACK, done));
    return { port: (server.address() as { port: number }).port };
  }
  await clearStaleSocket(at.socketPath);
  // Whatever fails from here is the socket's: its caller names the option that gave the path.
  await listening(server, (done) => server.listen(at.socketPath, done)).catch((error: Error) => {
    throw new SocketProblem(error.message, { cause: error });
  });
  // Any local user may reach a loopback port; the socket is as open (connecting needs write permission), its folder
  // being what limits who reaches it. Node removes it on close.
  await chmod(at.socketPath, 0o666).catch(async (error: Error) => {
    await new Promise((closed) => server.close(closed));
    throw new SocketProblem(error.message, { cause: error });
  });
  return { socketPath: at.socketPath };
}

/** `unix:/path` for a socket, `127.0.0.1:port` for a port: as the reports and `@server` write it. */
export function listeningText(at: ListenAddress): string {
  return 'port' in at ? `${LOOPBACK}:${at.port}` : `unix:${at.socketPath}`;
}

/** Where a client reached the server, as a recording's `@server` and `@port` say it: a socket has no port. */
export function serverAddressOf(at: ListenAddress): { host: string; port: number } {
  return 'port' in at ? { host: LOOPBACK, port: at.port } : { host: listeningText(at), port: 0 };
}

/** Who connected: `address:port` over TCP; over a UNIX-domain socket, which names no peer, the socket listened on. */
export function clientText(socket: Socket, at: ListenAddress): string {
  return socket.remoteAddress === undefined && 'socketPath' in at ? `unix:${at.socketPath}` : `${socket.remoteAddress}:${socket.remotePort}`;
}

function listening(server: Server, listen: (done: () => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    listen(() => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function clearStaleSocket(path: string): Promise<void> {
  const tooLong = socketPathProblem(path);
  if (tooLong) throw new SocketProblem(tooLong);
  const folder = await stat(dirname(path)).catch(() => undefined);
  if (!folder?.isDirectory()) throw new SocketProblem(`the folder ${dirname(path)} does not exist`);
  const found = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!found) return;
  if (!found.isSocket()) throw new SocketProblem('the file exists and is not a socket: name a new path');
  // Linux lists the sockets servers listen on: asked first, so a live server is not sent a probe connection.
  if ((await listeningSockets())?.has(path)) throw new SocketProblem('a server already listens on this socket');
  const probe = await probeSocket(path);
  if (probe === 'listening') throw new SocketProblem('a server already listens on this socket');
  // Refused: nothing listens. Anything else (no permission) is not ours to remove.
  if (probe !== 'ECONNREFUSED') throw new SocketProblem(`cannot tell whether a server listens on this socket (${probe})`);
  await unlink(path);
}

/** The paths of the UNIX-domain sockets listening (flag __SO_ACCEPTCON) in /proc/net/unix; undefined without it. */
async function listeningSockets(): Promise<Set<string> | undefined> {
  const table = await readFile('/proc/net/unix', 'utf8').catch(() => undefined);
  if (table === undefined) return undefined;
  const paths = new Set<string>();
  for (const row of table.split('\n')) {
    const [, , , flags, , , , path] = row.trim().split(/\s+/);
    if (path !== undefined && flags === '00010000') paths.add(path);
  }
  return paths;
}

/** `listening` when something accepts connections on the socket at `path`, else the error code connecting met. */
function probeSocket(path: string): Promise<string> {
  return new Promise((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve('listening');
    });
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}
