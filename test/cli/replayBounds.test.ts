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

describe('a line written longer than 1 MiB', () => {
  /** A server that greets, keeps what it receives, and answers each line (however long) with 250. */
  async function receiving(run: (port: number) => Promise<void>): Promise<string> {
    const received: Buffer[] = [];
    const server = createServer((socket) => {
      let pending = '';
      socket.on('error', () => undefined);
      socket.on('data', (chunk: Buffer) => {
        received.push(chunk);
        pending += chunk.toString('latin1');
        for (let end = pending.indexOf('\r\n'); end >= 0; end = pending.indexOf('\r\n')) {
          const line = pending.slice(0, end);
          pending = pending.slice(end + 2);
          socket.write(line === 'QUIT' ? '221 bye\r\n' : '250 ok\r\n');
        }
      });
      socket.write('220 mx.test ESMTP\r\n');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      await run((server.address() as { port: number }).port);
    } finally {
      await new Promise((done) => server.close(done));
    }
    return Buffer.concat(received).toString('latin1');
  }
  const long = 'x'.repeat(2 * 1024 * 1024);

  test('without a reference is sent as written (the server judges it), as lint reads it', async () => {
    const file = path.join(dir, 'long-literal.smtp');
    const received = await receiving(async (port) => {
      writeFileSync(file, [`@server = 127.0.0.1:${port}`, 'S: 220 *', `C: NOOP ${long}`, 'S: 250 *', 'C: QUIT', 'S: 221 *', ''].join('\n'));
      const run = await runCli(['replay', file]);
      assert.equal(run.code, 0, run.stdout + run.stderr);
    });
    assert.equal(received, `NOOP ${long}\r\nQUIT\r\n`);
    // The only finding is the protocol's own limit (a warning): no line-too-large error, exit 0.
    const lint = await runCli(['lint', file]);
    assert.deepEqual(
      [lint.code, lint.stdout.split('\n').map((line) => line.replace(/ {2}This command line .*(\[command-line-too-long\])$/, ' $1'))],
      [0, [`${file}:3:1  warning [command-line-too-long]`, '1 file checked: 0 errors, 1 warning, 0 info, 0 hints', '']],
    );
  });

  test('with a reference is refused before connecting, and lint says so at the line (line-too-large)', async () => {
    const file = path.join(dir, 'long-reference.smtp');
    const received = await receiving(async (port) => {
      writeFileSync(file, [`@server = 127.0.0.1:${port}`, '@v = y', 'S: 220 *', `C: NOOP {{v}}${long}`, 'S: 250 *', 'C: QUIT', 'S: 221 *', ''].join('\n'));
      const run = await runCli(['replay', file]);
      assert.equal(run.code, 2, run.stdout + run.stderr);
      assert.match(run.stdout + run.stderr, /long-reference\.smtp:4: this line holds 2,097,152 characters, more than 1 MiB/);
    });
    assert.equal(received, '');
    assert.match((await runCli(['lint', file])).stdout, /long-reference\.smtp:4:1 {2}error {2}This line holds 2,097,162 characters, more than 1 MiB .*\[line-too-large\]/);
  });
});

