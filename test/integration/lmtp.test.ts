// LMTP (RFC 2033) with real parts: a transcript opened with LHLO replays against Postfix's smtp-sink in LMTP mode
// (`-L`: LHLO, EHLO refused with 500, one reply per accepted recipient after the final `.`), and the mock plays it to
// clients no one here wrote: Python's smtplib.LMTP, swaks --protocol LMTP and Nodemailer (lmtp: true), the last two
// reading a reply per recipient. Lint reads LHLO as EHLO, and the replies after `.` as the recipients'.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as nodemailer from 'nodemailer';
import { runCli } from '../support/cli';
import { listenWithCert } from '../support/listeningCli';
import { startLmtpSink, startLmtpSinkOnSocket } from '../support/lmtpSink';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'smtp-lmtp-'));

const TRANSCRIPT = [
  'S: 220 *',
  'C: LHLO client.test',
  'S: 250-*',
  'S: ...',
  'S: 250 *',
  'C: MAIL FROM:<a@test.local> BODY=8BITMIME',
  'S: 250 2.1.0 *',
  'C: RCPT TO:<b@example.com>',
  'S: 250 2.1.5 *',
  'C: DATA',
  'S: 354 *',
  'C: From: <a@test.local>',
  'C: To: <b@example.com>',
  'C: Subject: lmtp',
  'C: Date: Mon, 7 Dec 2026 10:00:00 +0000',
  'C: Message-ID: <lmtp.1@test.local>',
  'C:',
  'C: Delivered to the store.',
  'C: .',
  'S: 250 2.x.x *',
  'C: EHLO client.test',
  'S: 500 5.5.1 *',
  'C: QUIT',
  'S: 221 *',
  '',
].join('\n');

/** Two recipients, each answered after the final `.`: the first delivered, the second over quota (RFC 2033 §4.2). */
const RECIPIENTS = [
  'S: 220 store.example.com LMTP',
  'C: LHLO *',
  'S: 250-store.example.com',
  'S: 250-PIPELINING',
  'S: 250 ENHANCEDSTATUSCODES',
  'C: MAIL FROM:<a@test.local>',
  'S: 250 2.1.0 Ok',
  'C: RCPT TO:<b@example.com>',
  'S: 250 2.1.5 Ok',
  'C: RCPT TO:<c@example.com>',
  'S: 250 2.1.5 Ok',
  'C: DATA',
  'S: 354 End data with <CR><LF>.<CR><LF>',
  'C: Subject: two recipients',
  'C:',
  'C: hi',
  'C: .',
  'S: 250 2.1.5 <b@example.com> delivered',
  'S: 452 4.2.2 <c@example.com> mailbox full',
].join('\n');

describe('LMTP (RFC 2033)', () => {
  const file = path.join(dir, 'lmtp.smtp');
  writeFileSync(file, TRANSCRIPT);

  test('the transcript lints clean: LHLO opens the session, the EHLO after it expects the refusal (a hint)', async () => {
    const lint = await runCli(['lint', file]);
    assert.equal(lint.code, 0, lint.stdout + lint.stderr);
    assert.match(lint.stdout, /hello-in-lmtp/);
    assert.match(lint.stdout, /0 errors, 0 warnings, 0 info, 1 hint/);
  });

  test('replays green against smtp-sink -L, which refuses EHLO as the transcript expects', async (t) => {
    const sink = await startLmtpSink(t);
    if (!sink) return;
    const replay = await runCli(['replay', '--server', `127.0.0.1:${sink.port}`, file]);
    assert.equal(replay.code, 0, replay.stdout + replay.stderr);
    assert.match(replay.stdout, /✓ +2 LHLO client\.test → 250-smtp-sink/);
    assert.match(replay.stdout, /✓ +21 EHLO client\.test → 500 5\.5\.1 Error: unknown command/);
    assert.match(replay.stdout, /replay: 1 passed, 0 failed, 0 skipped/);
  });

  test('the mock plays it to Python smtplib.LMTP: LHLO answered with the extensions the session uses, the message accepted, EHLO refused', async () => {
    const mock = await listenWithCert(['mock', '--port', '0', file], dir, {});
    const script = [
      'import smtplib, sys',
      `s = smtplib.LMTP('127.0.0.1', ${mock.port})`,
      "code, _ = s.ehlo('client.test')",
      "print('lhlo', code, s.has_extn('8bitmime'))",
      "msg = b'From: <a@test.local>\\r\\nTo: <b@example.com>\\r\\nSubject: lmtp\\r\\nDate: Mon, 7 Dec 2026 10:00:00 +0000\\r\\nMessage-ID: <lmtp.1@test.local>\\r\\n\\r\\nDelivered to the store.\\r\\n'",
      "print('refused', s.sendmail('a@test.local', ['b@example.com'], msg, mail_options=['BODY=8BITMIME']))",
      "print('ehlo', s.docmd('EHLO', 'client.test')[0])",
      's.quit()',
    ].join('\n');
    const client = await run('python3', ['-c', script], { timeout: 20_000 });
    // 8BITMIME: the reply's `S: ...` stands for what the session goes on to use (BODY=8BITMIME).
    assert.equal(client.stdout, 'lhlo 250 True\nrefused {}\nehlo 500\n');
    const played = await mock.exit;
    assert.equal(played.code, 0, played.stdout + played.stderr);
    assert.match(played.stdout, /session 1 passed/);
    assert.match(played.stdout, /mock: 1 passed, 0 failed/);
  });

  test('two recipients against smtp-sink -L: a reply for each after the `.`, matched in order; one written is a failure naming both counts', async (t) => {
    const sink = await startLmtpSink(t);
    if (!sink) return;
    const both = path.join(dir, 'both.smtp');
    writeFileSync(both, RECIPIENTS.replace('S: 452 4.2.2 <c@example.com> mailbox full', 'S: 250 2.x.x *').replace('S: 250 2.1.5 <b@example.com> delivered', 'S: 250 2.x.x *') + '\nC: QUIT\nS: 221 *\n');
    const lint = await runCli(['lint', both]);
    // (The message lacks From: and Date:, which the clients below do not send either: warnings of their own.)
    assert.match(lint.stdout, /0 errors, 2 warnings/);
    assert.doesNotMatch(lint.stdout, /lmtp-recipient-replies|reply-without-command/);
    const passed = await runCli(['replay', '--server', `127.0.0.1:${sink.port}`, both]);
    assert.equal(passed.code, 0, passed.stdout + passed.stderr);
    assert.match(passed.stdout, /✓ +14 Subject: two recipients \(\+3 lines\) → 250 2\.2\.0 Ok \(\+1 reply: 250\)/);
    // Load mode reads them the same way, on every connection.
    const load = await runCli(['replay', '--server', `127.0.0.1:${sink.port}`, '--repeat', '20', '--concurrency', '4', both]);
    assert.equal(load.code, 0, load.stdout + load.stderr);
    assert.match(load.stdout, /\n {2}20 passed, 0 failed, 0 errors\n/);
    // The hello row is LHLO's, as sent (it said EHLO).
    assert.match(load.stdout, /\n {2}LHLO +20 /);
    const one = path.join(dir, 'one-reply.smtp');
    writeFileSync(one, RECIPIENTS.replace('\nS: 452 4.2.2 <c@example.com> mailbox full', '').replace('S: 250 2.1.5 <b@example.com> delivered', 'S: 250 2.x.x *') + '\nC: QUIT\nS: 221 *\n');
    assert.match((await runCli(['lint', one])).stdout, /lmtp-recipient-replies/);
    const failed = await runCli(['replay', '--server', `127.0.0.1:${sink.port}`, '--reporter', 'json', one]);
    assert.equal(failed.code, 1, failed.stdout + failed.stderr);
    const row = JSON.parse(failed.stdout)[0].result.sessions[0].exchanges.find((e: { kind: string }) => e.kind === 'message');
    assert.deepEqual([row.status, row.actual, row.message], ['fail', ['250 2.2.0 Ok', '250 2.2.0 Ok'], 'the server answered the end of the message for 2 accepted recipients (RFC 2033 §4.2); the transcript writes 1 reply there']);
    // The other way: two replies written for the one recipient the transcript sends to.
    const two = path.join(dir, 'two-replies.smtp');
    writeFileSync(two, RECIPIENTS.replace('C: RCPT TO:<c@example.com>\nS: 250 2.1.5 Ok\n', '').replace(/S: [24]5[02] [24]\.[12]\.[25] <[bc]@example\.com> [a-z ]+/g, 'S: 250 2.x.x *') + '\nC: QUIT\nS: 221 *\n');
    const over = await runCli(['replay', '--server', `127.0.0.1:${sink.port}`, '--reporter', 'json', two]);
    assert.equal(over.code, 1, over.stdout + over.stderr);
    const overRow = JSON.parse(over.stdout)[0].result.sessions[0].exchanges.find((e: { kind: string }) => e.kind === 'message');
    assert.deepEqual([overRow.status, overRow.actual, overRow.message], ['fail', ['250 2.2.0 Ok'], 'the server answered the end of the message once (RFC 2033 §4.2); the transcript writes 2 replies there']);
  });

  test('the mock answers each recipient: swaks --protocol LMTP and Nodemailer read the delivered one and the refused one', async () => {
    const file = path.join(dir, 'recipients.smtp');
    writeFileSync(file, RECIPIENTS + '\nC: QUIT\nS: 221 2.0.0 Bye\n');
    const mock = await listenWithCert(['mock', '--port', '0', file], dir, {});
    const swaks = await run('swaks', ['--protocol', 'LMTP', '--server', `127.0.0.1:${mock.port}`, '--from', 'a@test.local', '--to', 'b@example.com,c@example.com', '--data', 'Subject: two recipients\n\nhi'], { timeout: 20_000 });
    assert.match(swaks.stdout, /\n<- {2}250 2\.1\.5 <b@example\.com> delivered\n<\*\* 452 4\.2\.2 <c@example\.com> mailbox full\n -> QUIT\n/);
    const played = await mock.exit;
    assert.equal(played.code, 0, played.stdout + played.stderr);

    // Nodemailer closes the connection after the message instead of sending QUIT: its transcript says so.
    writeFileSync(file, RECIPIENTS + '\nC: <close>\n');
    const again = await listenWithCert(['mock', '--port', '0', file], dir, {});
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: again.port, lmtp: true, ignoreTLS: true, name: 'client.test' });
    const info = await transport.sendMail({ envelope: { from: 'a@test.local', to: ['b@example.com', 'c@example.com'] }, raw: 'Subject: two recipients\r\n\r\nhi\r\n' });
    assert.deepEqual([info.accepted, info.rejected, info.rejectedErrors?.map((e) => (e as Error & { response?: string }).response)], [['b@example.com'], ['c@example.com'], ['452 4.2.2 <c@example.com> mailbox full']]);
    const second = await again.exit;
    assert.equal(second.code, 0, second.stdout + second.stderr);
    assert.match(second.stdout, /mock: 1 passed, 0 failed/);
  });

  test('recorded through the proxy (swaks --protocol LMTP to smtp-sink -L): both replies after `.` kept; the recording lints clean, replays and mocks green', async (t) => {
    const sink = await startLmtpSink(t);
    if (!sink) return;
    const file = path.join(dir, 'recorded.smtp');
    const swaks = (port: number) => run('swaks', ['--protocol', 'LMTP', '--server', `127.0.0.1:${port}`, '--from', 'a@test.local', '--to', 'b@example.com,c@example.com', '--helo', 'client.test', '--data', 'From: <a@test.local>\nDate: Mon, 7 Dec 2026 10:00:00 +0000\nSubject: recorded\n\nhi'], { timeout: 20_000 });
    const proxy = await listenWithCert(['record', '--listen', '0', '--upstream', `127.0.0.1:${sink.port}`, '--tls', 'none', '--upstream-tls', 'none', '--out', file], dir, {});
    await swaks(proxy.port);
    assert.equal((await proxy.exit).code, 0);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /\nC: \.\nS: 250 2\.2\.0 Ok\nS: 250 2\.2\.0 Ok\nC: QUIT\n/);
    const lint = await runCli(['lint', file]);
    assert.match(lint.stdout, /0 errors, 0 warnings/);
    const replay = await runCli(['replay', '--server', `127.0.0.1:${sink.port}`, file]);
    assert.equal(replay.code, 0, replay.stdout + replay.stderr);
    const mock = await listenWithCert(['mock', '--port', '0', file], dir, {});
    await swaks(mock.port);
    const played = await mock.exit;
    assert.equal(played.code, 0, played.stdout + played.stderr);
  });

  test('the exports speak LMTP and read a reply per recipient: swaks --protocol LMTP, Python (smtplib.LMTP, the transaction spelled out) and Nodemailer (lmtp: true), each played by the mock', async () => {
    const file = path.join(dir, 'export.smtp');
    const content = ['C: From: <a@test.local>', 'C: Date: {{$date}}', 'C: Message-ID: {{$message-id}}', 'C: Subject: exported', 'C:', 'C: hi'].join('\n');
    const transcript = (ending: string) => RECIPIENTS.replace('C: LHLO *', 'C: LHLO client.test').replace('C: Subject: two recipients\nC:\nC: hi', content) + ending;
    const played = async (target: string, ending: string, runCode: (code: string) => Promise<{ stdout: string }>): Promise<string> => {
      writeFileSync(file, transcript(ending));
      const mock = await listenWithCert(['mock', '--port', '0', file], dir, {});
      const exported = await runCli(['export', '--as', target, '--server', `127.0.0.1:${mock.port}`, file]);
      assert.equal(exported.code, 0, exported.stderr);
      const output = (await runCode(exported.stdout)).stdout;
      const mocked = await mock.exit;
      assert.equal(mocked.code, 0, `${target}: ${mocked.stdout}${mocked.stderr}`);
      return output;
    };
    const quit = '\nC: QUIT\nS: 221 2.0.0 Bye\n';
    const swaks = await played('swaks', quit, (code) => run('bash', ['-c', code], { timeout: 20_000 }));
    assert.match(swaks, /\n<- {2}250 2\.1\.5 <b@example\.com> delivered\n<\*\* 452 4\.2\.2 <c@example\.com> mailbox full\n/);
    const python = await played('python', quit, (code) => run('python3', ['-c', code], { timeout: 20_000 }));
    assert.equal(python, 'b@example.com 250 2.1.5 <b@example.com> delivered\nc@example.com 452 4.2.2 <c@example.com> mailbox full\n');
    // Nodemailer closes the connection after the message instead of sending QUIT.
    const code = path.join(dir, 'send.js');
    const node = await played('nodemailer', '\nC: <close>\n', async (text) => {
      writeFileSync(code, text);
      return run(process.execPath, [code], { timeout: 20_000, env: { ...process.env, NODE_PATH: path.join(__dirname, '../../../node_modules') } });
    });
    assert.equal(node, 'b@example.com accepted\nc@example.com 452 4.2.2 <c@example.com> mailbox full\n');
  });

  test('replay over a UNIX-domain socket (`--server unix:/path`, where LMTP services listen): smtp-sink -L on one; a missing one is a clear error', async (t) => {
    const sink = await startLmtpSinkOnSocket(t);
    if (!sink) return;
    const { socket, folder: sockets } = sink;
    const file = path.join(dir, 'socket.smtp');
    writeFileSync(file, `@server = unix:${socket}\n` + RECIPIENTS.replace(/S: [24]5[02] [24]\.[12]\.[25] <[bc]@example\.com> [a-z ]+/g, 'S: 250 2.x.x *') + '\nC: QUIT\nS: 221 *\n');
    assert.match((await runCli(['lint', file])).stdout, /0 errors/);
    const replay = await runCli(['replay', file]);
    assert.equal(replay.code, 0, replay.stdout + replay.stderr);
    assert.match(replay.stdout, new RegExp(`connected to unix:${socket.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, TLS none`));
    // The exports reach it too: swaks --socket, Python's smtplib.LMTP given the path.
    const swaksCode = await runCli(['export', '--as', 'swaks', file]);
    assert.match((await run('bash', ['-c', swaksCode.stdout], { timeout: 20_000 })).stdout, /=== Connected to .*lmtp\.sock\.\n[\s\S]*\n<- {2}250 2\.2\.0 Ok\n<- {2}250 2\.2\.0 Ok\n -> QUIT\n/);
    const pythonCode = await runCli(['export', '--as', 'python', file]);
    assert.equal((await run('python3', ['-c', pythonCode.stdout], { timeout: 20_000 })).stdout, 'b@example.com 250 2.2.0 Ok\nc@example.com 250 2.2.0 Ok\n');
    const missing = await runCli(['replay', '--server', `unix:${sockets}/none.sock`, file]);
    assert.equal(missing.code, 2, missing.stdout + missing.stderr);
    assert.match(missing.stdout, /cannot connect to unix:.*none\.sock: connect ENOENT/);
  });
});
