// `smtp-transcript mock` against clients that break the rules, each a Python client on a real socket sending the
// octets a broken or hostile SMTP client sends (no mail library sends them on purpose). What the mock prints and
// what the client receives are compared whole.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { listenWithCert } from '../support/listeningCli';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'smtp-mock-hostile-'));

/** Runs the mock CLI on `script` for one connection; `sends` go out one by one, each after the replies to the one before. */
async function mockWith(script: string, sends: string[], reporter = 'text') {
  const file = path.join(dir, `script-${sends.length}-${reporter}.smtp`);
  writeFileSync(file, script);
  const mock = await listenWithCert(['mock', '--port', '0', '--timeout', '5s', '--reporter', reporter, file], dir, { SMTP_PASSWORD: 's3cretpw' });
  const { stdout } = await run('python3', ['-c', [
    'import socket, sys, time',
    `s = socket.create_connection(("127.0.0.1", ${mock.port}))`,
    'received = s.recv(4096)',
    ...sends.flatMap((sent) => [`s.sendall(${JSON.stringify(sent)}.encode())`, 'time.sleep(0.2)', 'received += s.recv(4096)']),
    'while chunk := s.recv(4096): received += chunk',
    'sys.stdout.write(received.decode())',
  ].join('\n')]);
  const exit = await mock.exit;
  return { received: stdout, code: exit.code, report: exit.stdout };
}

const SUBMISSION = ['@user = testuser', '@password = {{$env SMTP_PASSWORD}}', 'S: 220 mx.example.com ESMTP', 'C: EHLO *', 'S: 250-mx.example.com', 'S: 250-STARTTLS',
  'S: 250 AUTH PLAIN', 'C: STARTTLS', 'S: 220 2.0.0 Ready to start TLS', 'C: EHLO *', 'S: 250-mx.example.com', 'S: 250 AUTH PLAIN',
  'C: AUTH PLAIN {{$plain {{user}} {{password}}}}', 'S: 235 2.7.0 Authentication successful', 'C: QUIT', 'S: 221 2.0.0 Bye', ''].join('\n');

/** AUTH PLAIN of testuser / s3cretpw (RFC 4616), as the client sends it. */
const CREDENTIALS = Buffer.from('\0testuser\0s3cretpw').toString('base64');

describe('credentials a hostile client sends where the transcript expects something else', () => {
  test('AUTH before STARTTLS with a blank before the verb: masked in the text and the JSON report all the same', async () => {
    const text = await mockWith(SUBMISSION, ['EHLO client.test\r\n', ` AUTH PLAIN ${CREDENTIALS}\r\n`]);
    assert.deepEqual([text.received, text.code], [
      '220 mx.example.com ESMTP\r\n250-mx.example.com\r\n250-STARTTLS\r\n250 AUTH PLAIN\r\n554 5.5.0 smtp-transcript mock: line 8 of the transcript expects STARTTLS\r\n',
      1,
    ]);
    // After the connection line: the verdict.
    assert.equal(text.report.split('\n').slice(1).join('\n').replace(/\d+ ms/, 'N ms'), [
      '  session 1 failed in N ms',
      `      ${path.join(dir, 'script-2-text.smtp')}:8: the client sent something else than line 8`,
      '      expected: STARTTLS',
      '      actual:    AUTH PLAIN ****',
      'mock: 0 passed, 1 failed',
      '',
    ].join('\n'));
    const json = await mockWith(SUBMISSION, ['EHLO client.test\r\n', ` AUTH PLAIN ${CREDENTIALS}\r\n`], 'json');
    const [session] = (JSON.parse(json.report) as { sessions: { log: { text: string }[]; deviation: { actual: string } }[] }).sessions;
    assert.deepEqual([session.log.at(-2)?.text, session.deviation.actual], [' AUTH PLAIN ****', ' AUTH PLAIN ****']);
    assert.equal(json.report.includes(CREDENTIALS) || json.report.includes('s3cretpw'), false, json.report);
  });
});
