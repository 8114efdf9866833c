// The bench's bare Node SMTP server: a socket, a line split and the next reply, nothing compared or logged - the floor
// a Node server cannot go under, measured beside the scripted server.
import { createServer, type Socket } from 'node:net';

export interface BareSink {
  port: number;
  close(): Promise<void>;
}

/** Answers every command 250, DATA 354, the content's `.` 250 and QUIT 221 (then closes), on a free loopback port. */
export function startBareSink(): Promise<BareSink> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setNoDelay(true);
    socket.setEncoding('latin1');
    socket.write('220 bench.bare ESMTP\r\n');
    let pending = '';
    let inContent = false;
    socket.on('data', (chunk: string) => {
      pending += chunk;
      let replies = '';
      for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
        const line = pending.slice(0, pending[end - 1] === '\r' ? end - 1 : end);
        pending = pending.slice(end + 1);
        if (inContent) {
          if (line === '.') {
            inContent = false;
            replies += '250 2.0.0 Ok: queued\r\n';
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'QUIT') return void socket.end(`${replies}221 2.0.0 Bye\r\n`);
        inContent = verb === 'DATA';
        replies += inContent ? '354 End data with <CR><LF>.<CR><LF>\r\n' : '250 2.0.0 Ok\r\n';
      }
      if (replies) socket.write(replies);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      resolve({
        port,
        close: () => {
          for (const socket of sockets) socket.destroy();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}
