// An SMTP client's reading side for tests: whole replies, as a client reads them, from a socket.
import type { Socket } from 'node:net';

/**
 * Reads whole replies (up to a line whose code is followed by a space) from `socket`; at its close, what is left.
 * `waiting` wraps each wait for more bytes (an end-to-end test puts a deadline on it).
 */
export function replies(socket: Socket, waiting: (more: Promise<void>) => Promise<void> = (more) => more): () => Promise<string> {
  let buffer = '';
  let wake: (() => void) | undefined;
  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    wake?.();
  });
  socket.on('close', () => wake?.());
  return async () => {
    for (;;) {
      const end = /^\d{3}(?: [^\r\n]*)?\r\n/m.exec(buffer);
      if (end) {
        const reply = buffer.slice(0, end.index + end[0].length);
        buffer = buffer.slice(reply.length);
        return reply;
      }
      if (socket.destroyed) return buffer;
      await waiting(new Promise<void>((resolve) => (wake = resolve)));
    }
  };
}
