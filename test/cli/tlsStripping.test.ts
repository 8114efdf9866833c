// The credential policy against a STARTTLS-stripping server: whatever the options, credentials never reach a server
// that did not start TLS. Each case asserts on every byte the server received, not only on what the CLI printed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';

const PASSWORD = 'Str1pp3d-s3cret';
const PLAIN = Buffer.from(`\0alice\0${PASSWORD}`).toString('base64');
const dir = mkdtempSync(path.join(tmpdir(), 'smtp-stripping-'));

interface Recorder {
  port: number;
  /** Every byte received, over all connections, as latin1 text. */
  bytes(): string;
  close(): Promise<void>;
}

type Shape = { name: string; ehlo: string; starttls: string };

// The three ways a server (or a man in the middle) keeps a connection plain.
const SHAPES: Shape[] = [
  { name: 'advertises STARTTLS, then refuses it with 454', ehlo: '250-strip.test\r\n250 STARTTLS\r\n', starttls: '454 4.7.0 TLS not available\r\n' },
  { name: 'does not advertise STARTTLS and answers 502', ehlo: '250-strip.test\r\n250 AUTH PLAIN\r\n', starttls: '502 5.5.1 Unrecognized command\r\n' },
  { name: 'answers STARTTLS with 250 and stays plain', ehlo: '250-strip.test\r\n250 STARTTLS\r\n', starttls: '250 2.0.0 go ahead\r\n' },
];

/** A plain-text SMTP server that answers as `shape` says and accepts anything else. */
async function strippingServer(shape: Shape): Promise<Recorder> {
  const chunks: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write('220 strip.test ESMTP\r\n');
    let pending = '';
    let inData = false;
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      pending += chunk.toString('latin1');
      for (let end = pending.indexOf('\r\n'); end >= 0; end = pending.indexOf('\r\n')) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            socket.write('250 2.0.0 queued\r\n');
          }
          continue;
        }
        const verb = line.split(' ')[0].toUpperCase();
        if (verb === 'EHLO') socket.write(shape.ehlo);
        else if (verb === 'STARTTLS') socket.write(shape.starttls);
        else if (verb === 'AUTH') socket.write('235 2.7.0 accepted\r\n');
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go\r\n');
        }
        else if (verb === 'QUIT') socket.end('221 2.0.0 bye\r\n');
        else socket.write('250 2.0.0 ok\r\n');
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as { port: number }).port,
    bytes: () => Buffer.concat(chunks).toString('latin1'),
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

function submission(port: number): string {
  return [
    '@server = 127.0.0.1',
    `@port = ${port}`,
    '@timeout = 3s',
    '@user = alice',
    '@password = {{$env SMTP_PASSWORD}}',
    '',
    'S: 220 *',
    'C: EHLO client.test',
    'S: 250-*',
    'S: 250 STARTTLS',
    'C: STARTTLS',
    'S: 220 *',
    'C: EHLO client.test',
    'S: 250-*',
    'S: 250 AUTH PLAIN',
    'C: AUTH PLAIN {{$plain {{user}} {{password}}}}',
    'S: 235 *',
    'C: QUIT',
    'S: 221 *',
    '',
  ].join('\n');
}

async function replayAgainst(shape: Shape, text: (port: number) => string, options: string[]) {
  const server = await strippingServer(shape);
  const file = path.join(dir, `t${Math.random().toString(36).slice(2)}.smtp`);
  writeFileSync(file, text(server.port));
  try {
    const run = await runCli(['replay', ...options, file], { env: { SMTP_PASSWORD: PASSWORD } });
    return { run, received: server.bytes(), file, written: readFileSync(file, 'utf8'), original: text(server.port) };
  } finally {
    await server.close();
  }
}

describe('STARTTLS stripping: no credential crosses in clear', () => {
  for (const shape of SHAPES) {
    for (const options of [[], ['--keep-going'], ['--update']]) {
      test(`server ${shape.name}, ${options.join(' ') || 'no option'}`, async () => {
        const { run, received, written, original } = await replayAgainst(shape, submission, options);
        // The whole conversation the server saw: the session ended at STARTTLS with a courteous QUIT.
        assert.equal(received, 'EHLO client.test\r\nSTARTTLS\r\nQUIT\r\n');
        assert.ok(!run.stdout.includes(PASSWORD) && !run.stdout.includes(PLAIN) && !run.stderr.includes(PLAIN), 'a secret was printed');
        assert.equal(run.code, 2, run.stdout + run.stderr);
        assert.match(run.stdout, /:11: TLS did not start \(the server answered STARTTLS with \d{3}[^)]*\) and line 16 sends credentials/);
        // --update never turns the refusal into the file's new expectation.
        assert.equal(written, original);
      });
    }
  }

  test('a refused STARTTLS with no credentials after it runs on with --keep-going', async () => {
    const text = (port: number) =>
      submission(port)
        .replace('C: AUTH PLAIN {{$plain {{user}} {{password}}}}\nS: 235 *\n', 'C: MAIL FROM:<a@client.test>\nS: 250 *\n');
    const { run, received } = await replayAgainst(SHAPES[0], text, ['--keep-going']);
    assert.equal(received, 'EHLO client.test\r\nSTARTTLS\r\nEHLO client.test\r\nMAIL FROM:<a@client.test>\r\nQUIT\r\n');
    assert.equal(run.code, 1, run.stdout + run.stderr);
  });

  test('a secret in message content is held back too', async () => {
    const text = (port: number) =>
      submission(port).replace(
        'C: AUTH PLAIN {{$plain {{user}} {{password}}}}\nS: 235 *\n',
        'C: MAIL FROM:<a@client.test>\nS: 250 *\nC: RCPT TO:<b@client.test>\nS: 250 *\nC: DATA\nS: 354 *\nC: X-Token: {{password}}\nC:\nC: hello\nC: .\nS: 250 *\n',
      );
    const { run, received } = await replayAgainst(SHAPES[0], text, ['--keep-going']);
    assert.equal(received, 'EHLO client.test\r\nSTARTTLS\r\nQUIT\r\n');
    assert.match(run.stdout, /:11: TLS did not start .* and line 22 sends credentials/);
  });

  test('--tls starttls on a session that never sends STARTTLS keeps its credentials home', async () => {
    const text = (port: number) =>
      submission(port).replace('C: STARTTLS\nS: 220 *\nC: EHLO client.test\nS: 250-*\nS: 250 AUTH PLAIN\n', '');
    const { run, received } = await replayAgainst(SHAPES[1], text, ['--tls', 'starttls', '--keep-going']);
    assert.equal(received, 'EHLO client.test\r\nQUIT\r\n');
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stdout, /:11: this line sends credentials, but the TLS mode is starttls and the session never sends STARTTLS/);
  });
});
