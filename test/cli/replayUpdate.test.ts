import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO, runCli, spawnCli } from '../support/cli';
import { closedPort } from '../support/closedPort';
import { startScriptedServer } from './scriptedServer';

const dir = mkdtempSync(path.join(tmpdir(), 'smtp-update-'));
const file = (name: string, text: string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const plain = readFileSync(path.join(REPO, 'examples/plain.smtp'), 'utf8');

describe('replay --update', () => {
  test('the diff masks AUTH payloads, AUTH responses and literal secrets; the file keeps them as written', async () => {
    const text = [
      '@user = testuser',
      '@tls = implicit',
      '',
      '### literal base64',
      'S: 220 *',
      'C: EHLO c.test',
      'S: 250 *',
      'C: AUTH PLAIN AHRlc3R1c2VyAHRlc3RwYXNz',
      'S: 239 stale',
      'C: QUIT',
      'S: 221 *',
      '',
      '### built-in with the password written in',
      'S: 220 *',
      'C: EHLO c.test',
      'S: 250 *',
      '@password = testpass',
      'C: AUTH PLAIN {{$plain testuser testpass}}',
      'S: 239 stale',
      'C: QUIT',
      'S: 221 *',
      '',
      '### AUTH LOGIN',
      'S: 220 *',
      'C: EHLO c.test',
      'S: 250 *',
      'C: AUTH LOGIN',
      'S: 334 *',
      'C: dGVzdHVzZXI=',
      'S: 334 *',
      'C: dGVzdHBhc3M=',
      'S: 239 stale',
      'C: QUIT',
      'S: 221 *',
      '',
    ].join('\n');
    const target = file('secrets.smtp', text);
    const run = await runCli(['replay', '--local', '--update', target]);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    for (const secret of ['testpass', 'AHRlc3R1c2VyAHRlc3RwYXNz', 'dGVzdHBhc3M=']) assert.ok(!run.stdout.includes(secret), `the diff shows ${secret}:\n${run.stdout}`);
    for (const masked of ['@password = ****', 'C: AUTH PLAIN ****', 'C: ****']) assert.match(run.stdout, new RegExp(`^ ${masked.replace(/\*/g, '\\*')}$`, 'm'));
    assert.equal((run.stdout.match(/^\+S: 235 2\.7\.0 Authentication successful$/gm) ?? []).length, 3);
    assert.equal(readFileSync(target, 'utf8'), text.replaceAll('S: 239 stale', 'S: 235 2.7.0 Authentication successful'));
  });

  test('one run fixes every stale expectation of a session, not only the first', async () => {
    const text = plain.replace('S: 250 2.1.0 Accepted', 'S: 251 2.1.0 Accepted').replace('S: 250 2.1.5 Accepted', 'S: 251 2.1.5 Accepted');
    const stale = file('two-stale.smtp', text);
    const update = await runCli(['replay', '--local', '--update', stale]);
    assert.equal(update.code, 1, update.stdout);
    assert.equal(readFileSync(stale, 'utf8'), plain);
    const again = await runCli(['replay', '--local', stale]);
    assert.equal(again.code, 0, again.stdout);
  });

  test('the queue id the local server gives is written as `*`; --keep-volatile writes it literally', async () => {
    const stale = plain.replace('S: 250 2.6.0 Message stored as *', 'S: 251 2.6.0 Message stored as *');
    const target = file('volatile.smtp', stale);
    const update = await runCli(['replay', '--local', '--update', target]);
    assert.equal(update.code, 1, update.stdout);
    assert.equal(readFileSync(target, 'utf8'), plain);
    assert.match(update.stdout, /^\+S: 250 2\.6\.0 Message stored as \*$/m);

    writeFileSync(target, stale);
    const literal = await runCli(['replay', '--local', '--update', '--keep-volatile', target]);
    assert.equal(literal.code, 1, literal.stdout);
    const written = readFileSync(target, 'utf8');
    const id = /^S: 250 2\.6\.0 Message stored as (\S+)$/m.exec(written)?.[1];
    assert.ok(id !== undefined && id !== '*', written);
    assert.equal(written, plain.replace('Message stored as *', `Message stored as ${id}`));
  });

  test('--keep-volatile without --update is a usage error', async () => {
    const run = await runCli(['replay', '--local', '--keep-volatile', file('usage.smtp', plain)]);
    assert.deepEqual([run.code, run.stderr.split('\n')[0]], [2, 'smtp-transcript replay: --keep-volatile says how --update writes replies: use it with --update']);
  });

  test('a session that got no replies (the connection refused) leaves the file as it is, and says why', async () => {
    const closed = await closedPort();
    const text = `@server = 127.0.0.1\n@port = ${closed}\nS: 220 *\nC: QUIT\nS: 221 *\n`;
    const target = file('refused.smtp', text);
    const run = await runCli(['replay', '--update', target]);
    assert.equal(run.code, 2);
    assert.match(run.stdout, new RegExp(`refused\\.smtp: not updated: session 1 stopped \\(127\\.0\\.0\\.1:${closed} refused the connection\\) before a reply that differs from the file\n`));
    assert.doesNotMatch(run.stdout, /already match/);
    assert.equal(readFileSync(target, 'utf8'), text);
  });

  test('a session whose client drops the connection inside DATA: its stale reply is updated, the C: <close> in the content kept', async () => {
    const text = ['S: 220 *', 'C: EHLO c.test', 'S: 250 *', 'C: MAIL FROM:<a@c.test>', 'S: 251 stale', 'C: RCPT TO:<b@c.test>', 'S: 250 *',
      'C: DATA', 'S: 354 *', 'C: Subject: half a message', 'C:', 'C: The client gives up here.', 'C: <close>', ''].join('\n');
    const target = file('cut-by-client.smtp', text);
    const update = await runCli(['replay', '--local', '--update', target]);
    assert.equal(update.code, 1, update.stdout);
    assert.equal(readFileSync(target, 'utf8'), text.replace('S: 251 stale', 'S: 250 2.1.0 Accepted'));
    const again = await runCli(['replay', '--local', target]);
    assert.equal(again.code, 0, again.stdout);
    assert.match(again.stdout, /note: sent the content without the final `\.`, then closed the connection \(C: <close>\)/);
  });

  test('a UTF-8 byte order mark stays', async () => {
    const text = '\ufeff' + plain.replace('S: 250 2.1.5 Accepted', 'S: 251 2.1.5 Accepted');
    const stale = file('bom.smtp', text);
    const update = await runCli(['replay', '--local', '--update', stale]);
    assert.equal(update.code, 1, update.stdout);
    assert.equal(readFileSync(stale, 'utf8'), '\ufeff' + plain);
  });

  test('a UTF-16 file (with its byte order mark) is read, and written back as UTF-16', async () => {
    const stale = file('utf16.smtp', '');
    writeFileSync(stale, Buffer.from('\ufeff' + plain.replace('S: 250 2.1.5 Accepted', 'S: 251 2.1.5 Accepted'), 'utf16le'));
    const update = await runCli(['replay', '--local', '--update', stale]);
    assert.equal(update.code, 1, update.stdout);
    assert.match(update.stdout, /-S: 251 2\.1\.5 Accepted\n\+S: 250 2\.1\.5 Accepted\n/);
    assert.deepEqual(readFileSync(stale), Buffer.from('\ufeff' + plain, 'utf16le'));
  });

  // Ctrl-C, and SIGTERM (what `timeout`, `docker stop` and CI cancellation send): the same abort, its own exit code.
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    test(`${signal} during the run writes nothing and exits ${code}`, async () => {
      // EHLO gets a reply the file does not expect; NOOP gets none, and the test signals while it waits.
      let interrupt = () => undefined as unknown;
      const server = await startScriptedServer(
        '220 hi\r\n',
        (line) => (line === 'NOOP' ? undefined : line === 'QUIT' ? '221 bye\r\n' : '250 ok\r\n'),
        (line) => line === 'NOOP' && interrupt(),
      );
      const text = 'S: 220 *\nC: EHLO c.test\nS: 251 stale\nC: NOOP\nS: 250 *\nC: QUIT\nS: 221 *\n';
      const target = file(`interrupted-${signal}.smtp`, text);
      const child = spawnCli(['replay', '--update', '--server', `127.0.0.1:${server.port}`, target]);
      interrupt = () => child.kill(signal);
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.resume();
      const exit = await new Promise<number | null>((resolve) => child.on('close', resolve));
      await server.close();
      assert.deepEqual([exit, stderr], [code, 'smtp-transcript replay: interrupted; no file was updated\n']);
      assert.equal(readFileSync(target, 'utf8'), text);
    });
  }

  test('Ctrl-C in the first of two sessions: the summary says the second was not run', async () => {
    let interrupt = () => undefined as unknown;
    const server = await startScriptedServer(
      '220 hi\r\n',
      (line) => (line === 'NOOP' ? undefined : line === 'QUIT' ? '221 bye\r\n' : '250 ok\r\n'),
      (line) => line === 'NOOP' && interrupt(),
    );
    const session = 'S: 220 *\nC: EHLO c.test\nS: 250 *\nC: NOOP\nS: 250 *\nC: QUIT\nS: 221 *\n';
    const target = file('interrupted-two.smtp', `### one\n${session}### two\n${session}`);
    const child = spawnCli(['replay', '--server', `127.0.0.1:${server.port}`, target]);
    interrupt = () => child.kill('SIGINT');
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.resume();
    const exit = await new Promise<number | null>((resolve) => child.on('close', resolve));
    await server.close();
    assert.equal(exit, 130);
    assert.match(stdout, /^replay: 0 passed, 1 failed, 0 skipped; 1 session not run \(interrupted\)$/m);
  });

  test("a server's escape sequences are shown escaped in the diff and written as `*` in the file, which then replays green", async () => {
    const server = await startScriptedServer('220 evil \x1b[2J\x1b]0;pwned\x07 ESMTP\r\n', (line) =>
      line.startsWith('EHLO') ? '250-fake\r\n250 \x1b[31mRED\x1b[0m\r\n' : line === 'QUIT' ? '221 bye\r\n' : '250 ok\r\n',
    );
    try {
      const target = file('escapes.smtp', 'S: 554 *\nC: EHLO client.test\nS: 251 *\nC: QUIT\nS: 221 *\n');
      const update = await runCli(['replay', '--update', '--server', `127.0.0.1:${server.port}`, target]);
      assert.equal(update.code, 1, update.stdout);
      assert.ok(!/[\x00-\x08\x0b-\x1f\x7f]/.test(update.stdout), `the terminal gets a control character:\n${JSON.stringify(update.stdout)}`);
      assert.match(update.stdout, /^\+S: 220 evil \*\[2J\*\]0;pwned\* ESMTP$/m);
      assert.equal(readFileSync(target, 'utf8'), 'S: 220 evil *[2J*]0;pwned* ESMTP\nC: EHLO client.test\nS: 250-fake\nS: 250 *[31mRED*[0m\nC: QUIT\nS: 221 *\n');
      const again = await runCli(['replay', '--server', `127.0.0.1:${server.port}`, target]);
      assert.equal(again.code, 0, again.stdout);
    } finally {
      await server.close();
    }
  });

  test("a server's `{{...}}`, `\\*` and `/.../` are written literally: no reference planted in the file, and the next strict replay passes", async () => {
    const server = await startScriptedServer('220 mx ESMTP\r\n', (line) =>
      line.startsWith('MAIL') ? '250 2.1.0 ok {{$env HOME}} end\r\n' : line.startsWith('RCPT') ? '250 /abc/\r\n' : line.startsWith('DATA') ? '250 star * and \\* and {{{x}}\r\n' : line === 'QUIT' ? '221 bye\r\n' : '250 ok\r\n',
    );
    try {
      const target = file('planted.smtp', '@match = strict\nS: 220 *\nC: EHLO c.test\nS: 250 ok\nC: MAIL FROM:<a@c.test>\nS: 250 x\nC: RCPT TO:<b@c.test>\nS: 250 x\nC: DATA\nS: 250 x\nC: QUIT\nS: 221 *\n');
      const update = await runCli(['replay', '--update', '--server', `127.0.0.1:${server.port}`, target], { env: { HOME: '/home/someone' } });
      assert.equal(update.code, 1, update.stdout);
      const written = readFileSync(target, 'utf8').split('\n');
      assert.deepEqual([written[5], written[7], written[9]], ['S: 250 2.1.0 ok \\{{$env HOME}} end', 'S: 250 /\\/abc\\//', 'S: 250 star * and \\\\* and {\\{{x}}']);
      const again = await runCli(['replay', '--server', `127.0.0.1:${server.port}`, target], { env: { HOME: '/home/someone' } });
      assert.equal(again.code, 0, again.stdout);
      assert.doesNotMatch(again.stdout, /someone/);
    } finally {
      await server.close();
    }
  });
});
