import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CLI, REPO, runCliProcess } from './cliProcess';

test('serve runs the local server until interrupted; a replay against it stores the message as .eml', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-serve-'));
  const mailDir = path.join(dir, 'mail');
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--tls-port', '0', '--mail-dir', mailDir], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const ports = await new Promise<{ port: number }>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /on 127\.0\.0\.1:(\d+) \(STARTTLS\)/.exec(out);
      if (match) resolve({ port: Number(match[1]) });
    });
    child.once('exit', (code) => reject(new Error(`serve exited early with ${code}: ${out}`)));
  });
  const transcript = path.join(dir, 'send.smtp');
  writeFileSync(
    transcript,
    'S: 220 *\nC: EHLO client.test\nS: 250 *\nC: MAIL FROM:<a@client.test>\nS: 250 *\nC: RCPT TO:<b@example.com>\nS: 250 *\nC: DATA\nS: 354 *\nC: Subject: served\nC:\nC: ..dot\nC: .\nS: 250 *\nC: QUIT\nS: 221 *\n',
  );
  const replay = await runCliProcess(['replay', '--server', `127.0.0.1:${ports.port}`, transcript]);
  assert.equal(replay.code, 0, replay.stdout + replay.stderr);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  assert.equal(await exited, 0);
  assert.match(out, /received .*\.eml from <a@client\.test> to <b@example\.com>/);
  assert.match(out, /stopped; 1 message\(s\) received/);
  const [stored] = readdirSync(mailDir);
  assert.equal(readFileSync(path.join(mailDir, stored), 'utf8'), 'Subject: served\r\n\r\n.dot\r\n');
});

test('serve on a port in use: one clear line, exit 2', async () => {
  const { createServer } = await import('node:net');
  const blocker = createServer();
  await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
  const { port } = blocker.address() as { port: number };
  const run = await runCliProcess(['serve', '--port', String(port), '--tls-port', '0', '--mail-dir', mkdtempSync(path.join(tmpdir(), 'smtp-serve-'))]);
  blocker.close();
  assert.equal(run.code, 2);
  assert.equal(run.stderr, 'smtp-transcript serve: cannot listen: the port is already in use (try --port 0)\n');
});
