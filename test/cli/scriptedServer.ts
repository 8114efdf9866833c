// A tiny misbehaving SMTP server for CLI tests: a fixed greeting, then whatever `answer` returns for each line
// (undefined: silence). Loopback only; every line received is kept and announced.
import { createServer, type Socket } from 'node:net';

export interface ScriptedServer {
  port: number;
  received: string[];
  /** Writes to every open connection (a reply held back until the test is ready). */
  send(text: string): void;
  close(): Promise<void>;
}

export async function startScriptedServer(
  greeting: string,
  answer: (line: string) => string | undefined,
  onLine?: (line: string) => void,
): Promise<ScriptedServer> {
  const received: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write(greeting);
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      for (let end = buffered.indexOf('\r\n'); end >= 0; end = buffered.indexOf('\r\n')) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        received.push(line);
        onLine?.(line);
        const reply = answer(line);
        if (reply !== undefined) socket.write(reply);
        if (/^QUIT$/i.test(line)) socket.end();
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as { port: number }).port,
    received,
    send: (text) => {
      for (const socket of sockets) socket.write(text);
    },
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}
