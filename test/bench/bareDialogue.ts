// The bench's bare Node clients: a socket, a line split and the next write, nothing else - the floor a Node client
// cannot go under, measured beside replay.
import { connect } from 'node:net';

/** What to do after a reply: write these bytes, end the connection there (`done`), or fail. */
export type BareStep = string | 'done' | Error;

/**
 * One connection to `target`: `next(line, count)` gets each reply's last line (RFC 5321 §4.2.1: only the last line ends
 * a reply) and how many replies came so far, this one included. Resolves at `done`; rejects on an error, or if the
 * connection closes before it.
 */
export function bareDialogue(target: { host: string; port: number }, next: (line: string, count: number) => BareStep, noDelay = false): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.host, port: target.port, noDelay });
    let pending = '';
    let replies = 0;
    let done = false;
    socket.setEncoding('latin1');
    socket.on('error', reject);
    socket.on('close', () => !done && reject(new Error(`connection closed after ${replies} replies`)));
    socket.on('data', (chunk: string) => {
      pending += chunk;
      for (let end = pending.indexOf('\r\n'); end >= 0; end = pending.indexOf('\r\n')) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        if (line[3] === '-') continue;
        const step = next(line, ++replies);
        if (step instanceof Error) return void socket.destroy(step);
        if (step !== 'done') socket.write(step);
        else {
          // Like replay without `S: <closed>`: done at the last reply, the close goes on in the background.
          done = true;
          socket.end();
          resolve();
        }
      }
    });
  });
}
