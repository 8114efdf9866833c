// The server side's reader of what a client sends: lines, octets, the client's close, and each wait's time limit.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect, type Socket } from 'node:net';
import { ClientReader } from '../../../server/src/smtpTestServer/clientReader';

/** Runs `use` over a loopback connection, the server's end read by a ClientReader; closed whatever happens. */
async function withConnection(use: (reader: ClientReader, client: Socket) => Promise<void>): Promise<void> {
  const { server, client, close } = await connection();
  try {
    await use(new ClientReader(server), client);
  } finally {
    close();
  }
}

async function connection(): Promise<{ server: Socket; client: Socket; close: () => void }> {
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const accepted = new Promise<Socket>((resolve) => listener.once('connection', resolve));
  const client = connect({ host: '127.0.0.1', port: (listener.address() as { port: number }).port });
  const server = await accepted;
  return {
    server,
    client,
    close: () => {
      client.destroy();
      server.destroy();
      listener.close();
    },
  };
}

describe('ClientReader', () => {
  test('lines as they come (a bare LF ends one too, and is told), then the client closing', async () => {
    await withConnection(async (reader, client) => {
      client.write('EHLO a.test\r\nMAIL FROM:<>\nDA');
      const first = await reader.readLine(5000);
      const second = await reader.readLine(5000);
      setTimeout(() => client.end('TA\r\n'), 20);
      const third = await reader.readLine(5000);
      const fourth = await reader.readLine(5000);
      assert.deepEqual([first, second, third, fourth], [{ value: 'EHLO a.test' }, { value: 'MAIL FROM:<>', bareLf: true }, { value: 'DATA' }, { closed: true }]);
    });
  });

  test('a wait gives up at its own limit, shorter or longer than the wait before it', { timeout: 5000 }, async () => {
    await withConnection(async (reader, client) => {
      client.write('NOOP\r\n');
      assert.deepEqual(await reader.readLine(3000), { value: 'NOOP' }); // a long limit, met at once
      let started = performance.now();
      assert.deepEqual(await reader.readLine(100), { timedOut: true }); // the short one is not held to the long one
      const short = performance.now() - started;
      setTimeout(() => client.write('RSET\r\n'), 10);
      assert.deepEqual(await reader.readLine(150), { value: 'RSET' });
      started = performance.now();
      assert.deepEqual(await reader.readLine(400), { timedOut: true }); // after a shorter limit's timer: not early
      const long = performance.now() - started;
      assert.deepEqual([short >= 100, short < 1000, long >= 400], [true, true, true]);
    });
  });

  test('a line past the limit is refused, not buffered without end', async () => {
    await withConnection(async (reader, client) => {
      client.write('X'.repeat(70 * 1024));
      assert.deepEqual(await reader.readLine(5000), { tooLong: true });
    });
  });
});
