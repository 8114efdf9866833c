// `smtp-transcript serve --record DIR`: each session a real client (swaks) has with the built-in local server is
// written as a transcript that replays green against that server and mocks green for the same swaks command; the
// recording holds no form of the password.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { secretForms } from '../../server/src/import/secretForms';
import { runCli, spawnCli, type CliRun } from '../support/cli';
import { lockStep } from '../support/lockStepClient';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'smtp-serve-record-'));
const PASSWORD = 'testpass';
const env = { SMTP_PASSWORD: PASSWORD };

interface Running {
  port: number;
  stdout: () => string;
  stop: () => Promise<CliRun>;
}

/** Starts a CLI command that listens and waits until it names its port (serve: stdout, mock: stderr). */
function start(args: string[]): Promise<Running> {
  const child = spawnCli(args, { env });
  let stdout = '';
  let stderr = '';
  const exit = new Promise<CliRun>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return new Promise((resolve, reject) => {
    const look = (): void => {
      const port = /127\.0\.0\.1:(\d+)/.exec(stdout + stderr);
      if (port) resolve({ port: Number(port[1]), stdout: () => stdout, stop: () => (child.kill('SIGINT'), exit) });
    };
    child.stdout.on('data', (c: Buffer) => ((stdout += c.toString()), look()));
    child.stderr.on('data', (c: Buffer) => ((stderr += c.toString()), look()));
    void exit.then((r) => reject(new Error(`${args[0]} ended before listening: ${r.stdout}${r.stderr}`)));
  });
}

/** The same swaks command each time: STARTTLS, AUTH PLAIN, a fixed subject (swaks puts the date in its default one). */
function swaks(port: number): Promise<unknown> {
  return run(
    'swaks',
    ['--server', `127.0.0.1:${port}`, '--tls', '--auth', 'PLAIN', '--auth-user', 'testuser', '--auth-password', PASSWORD,
      '--helo', 'client.test', '--from', 'sender@client.test', '--to', 'alice@example.com', '--header', 'Subject: recorded'],
    { timeout: 20_000 },
  );
}

after(() => rmSync(dir, { recursive: true, force: true }));

describe('serve --record', () => {
  test('a swaks session is recorded, replays green against the server, and mocks green for swaks', async () => {
    const sessions = path.join(dir, 'sessions');
    const cert = path.join(dir, 'serve-cert.pem');
    const server = await start(['serve', '--port', '0', '--tls-port', '0', '--mail-dir', path.join(dir, 'mail'), '--record', sessions, '--write-cert', cert]);
    let recording = '';
    try {
      await swaks(server.port);
      // The file is written when the connection has closed: serve says so on its output.
      const deadline = Date.now() + 10_000;
      while (!/recorded .*\.smtp/.test(server.stdout()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const files = readdirSync(sessions);
      assert.equal(files.length, 1, server.stdout());
      assert.match(files[0], /^record-\d{8}T\d{6}Z-1\.smtp$/);
      recording = path.join(sessions, files[0]);
      const text = readFileSync(recording, 'utf8');
      for (const form of secretForms(PASSWORD, 'password')) assert.ok(!text.includes(form.text), `the recording holds ${form.text}`);
      assert.ok(text.includes('C: AUTH PLAIN {{$plain {{user}} {{password}}}}\n'), text);
      assert.ok(text.includes('@tls = starttls\n'), text);

      // The recording names this server (@server, @port): replayed against it, trusting its certificate.
      const replay = await runCli(['replay', '--ca', cert, recording], { env });
      assert.equal(replay.code, 0, replay.stdout + replay.stderr);
      assert.match(replay.stdout, /^replay: 1 passed, 0 failed, 0 skipped$/m);
    } finally {
      const stopped = await server.stop();
      // swaks's message and the replay's: the replay was a session of this server too, and recorded as such.
      assert.match(stopped.stdout, /stopped; 2 message\(s\) received/);
      assert.equal(readdirSync(sessions).length, 2);
    }

    const mock = await start(['mock', recording, '--port', '0']);
    await swaks(mock.port);
    const played = await mock.stop();
    assert.match(played.stdout, /^mock: 1 passed, 0 failed$/m, played.stdout + played.stderr);
  });

  test('a message of 300,000 lines is recorded whole, and the server goes on serving', async () => {
    const sessions = path.join(dir, 'large');
    const body = path.join(dir, 'large-body.txt');
    writeFileSync(body, 'x\n'.repeat(300_000));
    const server = await start(['serve', '--port', '0', '--tls-port', '0', '--mail-dir', path.join(dir, 'large-mail'), '--record', sessions]);
    try {
      const message = ['--server', `127.0.0.1:${server.port}`, '--from', 'a@example.com', '--to', 'b@example.com', '--hide-all'];
      await run('swaks', [...message, '--body', body], { timeout: 60_000 });
      // A second client is served: the first did not take the server down.
      await run('swaks', [...message, '--body', 'small'], { timeout: 20_000 });
      const deadline = Date.now() + 20_000;
      while ((server.stdout().match(/recorded .*\.smtp/g) ?? []).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const files = readdirSync(sessions).sort((a, b) => Number(/-(\d+)\.smtp$/.exec(a)![1]) - Number(/-(\d+)\.smtp$/.exec(b)![1]));
      assert.equal(files.length, 2, server.stdout());
      const lines = readFileSync(path.join(sessions, files[0]), 'utf8').split('\n');
      assert.equal(lines.filter((line) => line === 'C: x').length, 300_000);
    } finally {
      const stopped = await server.stop();
      assert.match(stopped.stdout, /stopped; 2 message\(s\) received/);
    }
  });

  test('a client whose AUTH line starts with a blank (refused as a command): the recording keeps it as a comment, masked', async () => {
    // No mail library writes a blank before the verb: a raw socket does, as a hostile or broken client would.
    const sessions = path.join(dir, 'blank-auth');
    const server = await start(['serve', '--port', '0', '--tls-port', '0', '--mail-dir', path.join(dir, 'blank-mail'), '--record', sessions]);
    const plain = Buffer.from(`\0testuser\0${PASSWORD}`).toString('base64');
    try {
      const received = await lockStep(server.port, ['EHLO client.test\r\n', ` AUTH PLAIN ${plain}\r\n`, 'QUIT\r\n']);
      assert.match(received, /\r\n221 /);
      const deadline = Date.now() + 10_000;
      while (!/recorded .*\.smtp/.test(server.stdout()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const [file] = readdirSync(sessions);
      const text = readFileSync(path.join(sessions, file), 'utf8');
      assert.ok(!text.includes(plain), text);
      for (const form of secretForms(PASSWORD, 'password')) assert.ok(!text.includes(form.text), `the recording holds ${form.text}`);
      assert.ok(text.includes('\n# C:  AUTH PLAIN ****\n'), text);
    } finally {
      await server.stop();
    }
  });

  test('a client that authenticates with CRAM-MD5 and writes the password in its message: the recording holds no form of it', async () => {
    const sessions = path.join(dir, 'cram');
    const cert = path.join(dir, 'cram-cert.pem');
    const server = await start(['serve', '--port', '0', '--tls-port', '0', '--mail-dir', path.join(dir, 'cram-mail'), '--record', sessions, '--write-cert', cert]);
    try {
      await run('swaks', ['--server', `127.0.0.1:${server.port}`, '--tls', '--tls-ca-path', cert, '--auth', 'CRAM-MD5', '--auth-user', 'testuser', '--auth-password', PASSWORD,
        '--from', 'a@example.com', '--to', 'b@example.com', '--body', `the password is ${PASSWORD}`, '--hide-all'], { timeout: 20_000 });
      const deadline = Date.now() + 10_000;
      while (!/recorded .*\.smtp/.test(server.stdout()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const [file] = readdirSync(sessions);
      const text = readFileSync(path.join(sessions, file), 'utf8');
      for (const form of secretForms(PASSWORD, 'password')) assert.ok(!text.includes(form.text), `the recording holds ${form.text}`);
      assert.ok(text.includes('C: the password is {{password}}\n'), text);
    } finally {
      await server.stop();
    }
  });
});
