// What a client sends inside a line, recorded: a bare LF in message content (`<LF>.<LF>`, SMTP smuggling) and a bare
// CR are part of the line the server reads (only CRLF ends one there, RFC 5321 §4.1.1.4), so `serve --record` and the
// recording proxy write that line once, with `{{$lf}}` and `{{$cr}}`, and the recording replays the same octets.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli, spawnCli, type CliRun } from '../support/cli';

const dir = mkdtempSync(path.join(tmpdir(), 'smtp-record-line-ends-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Starts a listening CLI command; resolves with the port it names and a way to stop it. */
function start(args: string[]): Promise<{ port: number; output: () => string; exit: Promise<CliRun>; stop: () => Promise<CliRun> }> {
  const child = spawnCli(args);
  let stdout = '';
  let stderr = '';
  const exit = new Promise<CliRun>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return new Promise((resolve, reject) => {
    const look = (): void => {
      const port = /127\.0\.0\.1:(\d+)/.exec(stdout + stderr);
      if (port) resolve({ port: Number(port[1]), output: () => stdout + stderr, exit, stop: () => (child.kill('SIGINT'), exit) });
    };
    child.stdout.on('data', (c: Buffer) => ((stdout += c.toString()), look()));
    child.stderr.on('data', (c: Buffer) => ((stderr += c.toString()), look()));
    void exit.then((r) => reject(new Error(`${args[0]} ended before listening: ${r.stdout}${r.stderr}`)));
  });
}

/** Writes each step after a reply line that ends a reply; resolves when the server closes. */
function converse(port: number, steps: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      for (let end = received.indexOf('\r\n'); end >= 0; end = received.indexOf('\r\n')) {
        const line = received.slice(0, end);
        received = received.slice(end + 2);
        if (line[3] === ' ' && steps.length > 0) socket.write(steps.shift()!);
      }
    });
    socket.on('close', () => resolve());
  });
}

async function waitFor(what: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!what() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

/** A recording's lines from its first `S:` line: the heading names the recorder and the client's port. */
function exchanges(folder: string): string[] {
  const [file] = readdirSync(folder);
  const lines = readFileSync(path.join(folder, file), 'utf8').split('\n');
  return lines.slice(lines.findIndex((line) => line.startsWith('S: ')));
}

test('bare LFs and CRs inside lines: recorded as the server framed them, the same by serve --record and record, replayed to the same octets', async () => {
  const mail = path.join(dir, 'mail');
  const served = path.join(dir, 'served');
  const proxied = path.join(dir, 'proxied');
  const server = await start(['serve', '--port', '0', '--tls-port', '0', '--mail-dir', mail, '--record', served]);
  const proxy = await start(['record', '--listen', '0', '--upstream', `127.0.0.1:${server.port}`, '--tls', 'none', '--upstream-tls', 'none', '--out', proxied]);
  try {
    await converse(proxy.port, [
      'EHLO client.test\r\n',
      'MAIL FROM:<a@client.test>\r\n',
      'RCPT TO:<b@example.com>\r\n',
      'DATA\r\n',
      'Subject: x\r\n\r\none\rtwo\r\nthree\n.\nMAIL FROM:<evil@client.test>\r\n.\n\n.\r\nfour\r\n.\r\n',
      'MAIL FROM:<a@client.test>\r\n',
      'RCPT TO:<b@example.com>\r\n',
      'BDAT 9 LAST\r\na\nb\r\nc\rd\r',
      'QUIT\r\n',
    ]);
    // The proxy records one connection, then ends by itself.
    assert.equal((await proxy.exit).code, 0);
    await waitFor(() => /recorded .*\.smtp/.test(server.output()));
    const recorded = exchanges(served);
    assert.deepEqual(exchanges(proxied), recorded);
    const from = recorded.indexOf('C: DATA');
    assert.deepEqual(recorded.slice(from, from + 9), [
      'C: DATA',
      'S: 354 End data with <CR><LF>.<CR><LF>',
      'C: Subject: x',
      'C:',
      'C: one{{$cr}}two',
      'C: three{{$lf}}.{{$lf}}MAIL FROM:<evil@client.test>',
      'C: .{{$lf}}{{$lf}}.',
      'C: four',
      'C: .',
    ]);
    const chunk = recorded.indexOf('C: BDAT 9 LAST');
    assert.deepEqual(recorded.slice(chunk, chunk + 3), ['C: BDAT 9 LAST', 'C: a{{$lf}}b', 'C: c{{$cr}}d{{$cr}}']);
    const replayed = await runCli(['replay', '--server', `127.0.0.1:${server.port}`, path.join(served, readdirSync(served)[0])]);
    assert.equal(replayed.code, 0, replayed.stdout + replayed.stderr);
    await waitFor(() => readdirSync(mail).length === 4);
    const stored = readdirSync(mail)
      .sort()
      .map((file) => readFileSync(path.join(mail, file), 'latin1'));
    const message = 'Subject: x\r\n\r\none\rtwo\r\nthree\n.\nMAIL FROM:<evil@client.test>\r\n.\n\n.\r\nfour\r\n';
    assert.deepEqual(stored, [message, 'a\nb\r\nc\rd\r', message, 'a\nb\r\nc\rd\r']);
  } finally {
    await proxy.stop();
    await server.stop();
  }
});
