import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';

const dir = mkdtempSync(path.join(tmpdir(), 'smtp-bounds-'));

describe('replay refuses a transcript whose variables expand past the cap', () => {
  test('41 doubling lines: exit 2 with a variable error at the line, and the server receives nothing', async () => {
    let connections = 0;
    const received: Buffer[] = [];
    const server = createServer((socket) => {
      connections++;
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      socket.on('error', () => undefined);
      socket.write('220 mx.test ESMTP\r\n');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as { port: number };
    const definitions = Array.from({ length: 41 }, (_, i) => (i === 0 ? '@v1 = xx' : `@v${i + 1} = {{v${i}}}{{v${i}}}`));
    const file = path.join(dir, 'doubling.smtp');
    writeFileSync(file, [`@server = 127.0.0.1:${port}`, ...definitions, 'S: 220 *', 'C: EHLO {{v41}}', 'S: 250 ok', 'C: QUIT', 'S: 221 bye', ''].join('\n'));
    try {
      const run = await runCli(['replay', file]);
      assert.equal(run.code, 2, run.stdout + run.stderr);
      assert.match(
        run.stdout + run.stderr,
        new RegExp(`doubling\\.smtp:44: .*\`\\{\\{v21\\}\\}\` expands to more than 1 MiB \\(1,048,576 characters\\), the cap on one line or variable`),
      );
      assert.deepEqual({ connections, received: Buffer.concat(received).toString('latin1') }, { connections: 0, received: '' });
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});
