// The server side's reader of what a client sends: lines, octets, the client's close, and each wait's time limit.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect, type Socket } from 'node:net';
import { ClientReader, MOST_HELD_AHEAD } from '../../../server/src/smtpTestServer/clientReader';

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

  test('a client sending while nothing is read is held back by TCP, and every octet is read once a read needs it', { timeout: 20_000 }, async () => {
    await withConnection(async (reader, client) => {
      const sent = Buffer.alloc(32 * 1024 * 1024, 'x');
      sent.write('first line\r\n');
      client.write(sent);
      // Nothing reads for a while (the server plays a `<delay>`): the reader stops taking what the client sends.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const held = reader.pending;
      assert.deepEqual([held > 0, held <= MOST_HELD_AHEAD + 64 * 1024, client.writableLength > 0], [true, true, true]);
      assert.deepEqual(await reader.readLine(5000), { value: 'first line' });
      const rest = await reader.readOctets(sent.length - 12, 15_000);
      assert.ok('value' in rest && rest.value.equals(sent.subarray(12)));
    });
  });

  test('a 64 MiB chunk arriving in 64 KiB pieces is read in seconds (each piece is not copied with all before it)', { timeout: 20_000 }, async () => {
    await withConnection(async (reader, client) => {
      const piece = Buffer.alloc(64 * 1024, 'y');
      const pieces = 1024;
      void (async () => {
        for (let i = 0; i < pieces; i++) if (!client.write(piece)) await new Promise((resolve) => client.once('drain', resolve));
      })();
      const chunk = await reader.readOctets(pieces * piece.length, 15_000);
      assert.deepEqual('value' in chunk && [chunk.value.length, chunk.value.every((octet) => octet === 0x79)], [pieces * piece.length, true]);
    });
  });
});
