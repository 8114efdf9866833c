import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { spawnCli } from '../support/cli';
import { startScriptedServer } from './scriptedServer';

/** Runs the CLI and closes its standard output as `| head -1` would, once `close` says so. */
function runAndCloseOutput(args: string[], whenToClose: (close: () => void) => void): Promise<{ code: number | null; stderr: string }> {
  const child = spawnCli(args);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  whenToClose(() => child.stdout.destroy());
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

test('lint into a reader that stops early ends quietly, as a program stopped by SIGPIPE', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-epipe-'));
  const big = path.join(dir, 'big.smtp');
  // Far more problems than a pipe holds, so the CLI is still writing when the reader goes.
  writeFileSync(big, 'S: 220 x\n' + 'not a transcript line\n'.repeat(20_000));
  const run = await runAndCloseOutput(['lint', big], (close) => close());
  assert.deepEqual(run, { code: 141, stderr: '' });
});

test('replay into a reader that stops early ends quietly', async () => {
  // The server holds its NOOP reply until the reader is gone, so the next line the CLI writes meets a closed pipe.
  let closeOutput = () => undefined as unknown;
  const server = await startScriptedServer(
    '220 hi\r\n',
    (line) => (line === 'NOOP' ? undefined : line === 'QUIT' ? '221 bye\r\n' : '250 ok\r\n'),
    (line) => {
      if (line !== 'NOOP') return;
      closeOutput();
      server.send('250 ok\r\n');
    },
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-epipe-'));
  const transcript = path.join(dir, 'noop.smtp');
  writeFileSync(transcript, 'S: 220 *\nC: EHLO c.test\nS: 250 *\nC: NOOP\nS: 250 *\nC: QUIT\nS: 221 *\n');
  const run = await runAndCloseOutput(['replay', '--server', `127.0.0.1:${server.port}`, transcript], (close) => (closeOutput = close));
  await server.close();
  assert.deepEqual(run, { code: 141, stderr: '' });
});
