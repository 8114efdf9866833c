// The local server speaks LMTP (RFC 2033) to a client that opens with LHLO, so LMTP transcripts replay against it:
// real LMTP clients (swaks --protocol LMTP, Python's smtplib.LMTP, Nodemailer with lmtp: true) read a reply per
// accepted recipient to the message's end, each naming its recipient, on the bytes they receive; the message is
// stored once; EHLO in that session is refused with 500; BDAT LAST and a refusal at the end are answered per
// recipient too. A replay judges each recipient's reply on its own and reports a failure at the one that failed.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as nodemailer from 'nodemailer';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { replayTranscript } from '../../server/src/replay/replayTranscript';
import { failedReplies, replyMarks } from '../../server/src/report/replyMarks';
import { failureLine } from '../../server/src/report/sessionLog';
import { startLocalServer, type LocalServer } from '../../server/src/smtpTestServer/localServer';
import { SmtpTestConnection } from '../servers/smtpTestConnection';
import { runCli } from '../support/cli';

const run = promisify(execFile);
let server: LocalServer;
let mailDir: string;
const SIZE = 2000;

describe('local server: LMTP (RFC 2033)', () => {
  before(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'local-lmtp-'));
    server = await startLocalServer({ mailDir, size: SIZE });
  });
  after(async () => {
    await server.close();
    await rm(mailDir, { recursive: true, force: true });
  });

  test('swaks --protocol LMTP: a reply per accepted recipient after the message, none for the one refused at RCPT', async () => {
    // swaks exits 24 when a recipient is refused: its output is read all the same.
    const swaks = await run('swaks', ['--server', `${server.host}:${server.port}`, '--protocol', 'LMTP', '--helo', 'client.test', '--from', 'a@client.test', '--to', 'b@example.com,c@reject.test,d@example.com', '--body', 'hello'], { timeout: 20_000 }).catch((error: { code?: number; stdout: string }) => {
      assert.equal(error.code, 24, error.stdout);
      return error;
    });
    const id = server.messages.at(-1)!.id;
    const replies = swaks.stdout.split('\n').filter((line) => /^<[-*]/.test(line));
    assert.deepEqual(replies.slice(-4), [
      '<-  354 End data with <CR><LF>.<CR><LF>',
      `<-  250 2.6.0 <b@example.com> Message stored as ${id}`,
      `<-  250 2.6.0 <d@example.com> Message stored as ${id}`,
      '<-  221 2.0.0 Bye',
    ]);
    assert.ok(replies.includes('<** 550 5.1.1 <c@reject.test>: recipient rejected: reject.test is a rejecting test domain'), swaks.stdout);
    // Stored once, for both recipients.
    const message = server.messages.at(-1)!;
    assert.deepEqual(message.recipients, ['b@example.com', 'd@example.com']);
    assert.match(await readFile(message.file, 'latin1'), /\r\n\r\nhello\r\n/);
  });

  test("Python's smtplib.LMTP: LHLO's keywords, EHLO refused in the session, each recipient's reply read", async () => {
    const script = [
      'import smtplib',
      `s = smtplib.LMTP("${server.host}", ${server.port})`,
      'code, _ = s.ehlo("client.test")',
      'print("lhlo", code, s.has_extn("chunking"))',
      'print("ehlo", s.docmd("EHLO", "client.test")[0])',
      's.mail("a@client.test")',
      's.rcpt("b@example.com")',
      's.rcpt("d@example.com")',
      'print(s.data(b"Subject: x\\r\\n\\r\\nhi\\r\\n")[1].decode())',
      'print(s.getreply()[1].decode())',
      's.quit()',
    ].join('\n');
    const python = await run('python3', ['-c', script], { timeout: 20_000 });
    const id = server.messages.at(-1)!.id;
    assert.equal(python.stdout, `lhlo 250 True\nehlo 500\n2.6.0 <b@example.com> Message stored as ${id}\n2.6.0 <d@example.com> Message stored as ${id}\n`);
  });

  test('after STARTTLS the session is still LMTP: EHLO refused with 500, LHLO accepted (Python smtplib.LMTP, the certificate verified)', async () => {
    const cert = join(mailDir, 'local.pem');
    await writeFile(cert, server.certificatePem);
    const script = [
      'import smtplib, ssl',
      `s = smtplib.LMTP("${server.host}", ${server.port})`,
      's.ehlo("client.test")',
      `s.starttls(context=ssl.create_default_context(cafile="${cert}"))`,
      'print("ehlo", s.docmd("EHLO", "client.test")[0])',
      'print("lhlo", s.ehlo("client.test")[0], s.has_extn("starttls"))',
      's.quit()',
    ].join('\n');
    assert.equal((await run('python3', ['-c', script], { timeout: 20_000 })).stdout, 'ehlo 500\nlhlo 250 False\n');
  });

  test('Nodemailer (lmtp: true): each recipient accepted, the one at the rejecting domain refused', async () => {
    const transport = nodemailer.createTransport({ host: server.host, port: server.port, lmtp: true, ignoreTLS: true, name: 'client.test' });
    const info = await transport.sendMail({ from: 'a@client.test', to: ['b@example.com', 'c@reject.test', 'd@example.com'], subject: 'lmtp', text: 'hi' });
    assert.deepEqual(info.accepted, ['b@example.com', 'd@example.com']);
    assert.deepEqual(info.rejected, ['c@reject.test']);
    assert.deepEqual(server.messages.at(-1)!.recipients, ['b@example.com', 'd@example.com']);
  });

  test('BDAT LAST is answered per recipient, and so is a message over SIZE; a chunk before LAST once', async () => {
    const connection = await SmtpTestConnection.open(server.host, server.port);
    await connection.readReply();
    assert.equal((await connection.command('LHLO client.test'))[0], '250-localhost Nice to meet you, [127.0.0.1]');
    await connection.command('MAIL FROM:<a@client.test>');
    await connection.command('RCPT TO:<b@example.com>');
    await connection.command('RCPT TO:<d@example.com>');
    connection.write('BDAT 4\r\nab\r\n');
    assert.deepEqual(await connection.readReply(), ['250 2.0.0 4 octets received']);
    connection.write('BDAT 3 LAST\r\ncd\n');
    const id = (): string => server.messages.at(-1)!.id;
    assert.deepEqual([await connection.readReply(), await connection.readReply()], [[`250 2.6.0 <b@example.com> Message stored as ${id()}`], [`250 2.6.0 <d@example.com> Message stored as ${id()}`]]);

    await connection.command('MAIL FROM:<a@client.test>');
    await connection.command('RCPT TO:<b@example.com>');
    await connection.command('RCPT TO:<d@example.com>');
    await connection.command('DATA');
    connection.write(`${'x'.repeat(SIZE + 10)}\r\n.\r\n`);
    const tooBig = `552 5.3.4 Error: message exceeds fixed maximum message size ${SIZE}`;
    assert.deepEqual([await connection.readReply(), await connection.readReply()], [[tooBig.replace('Error', '<b@example.com> Error')], [tooBig.replace('Error', '<d@example.com> Error')]]);
    assert.deepEqual(await connection.command('EHLO client.test'), ['500 5.5.1 Error: this is an LMTP session: send LHLO']);
    assert.deepEqual(await connection.command('QUIT'), ['221 2.0.0 Bye']);
  });

  test("each recipient's reply is judged on its own, and a failure is reported at the reply that failed", async () => {
    // Lines 12 and 13 (0-based): Alice's reply as the server sends it, Bob's written as a refusal that will not come.
    const lines = ['S: 220 *', 'C: LHLO client.test', 'S: 250-*', 'S: ...', 'S: 250 *', 'C: MAIL FROM:<a@client.test>', 'S: 250 *', 'C: RCPT TO:<alice@example.com>', 'S: 250 *', 'C: RCPT TO:<bob@example.com>', 'S: 250 *', 'C: DATA', 'S: 354 *', 'C: Subject: hi', 'C:', 'C: hello', 'C: .', 'S: 250 2.6.0 <alice@example.com> *', 'S: 452 4.2.2 <bob@example.com> *', 'C: QUIT', 'S: 221 *'];
    const alice = lines.indexOf('S: 250 2.6.0 <alice@example.com> *');
    const replay = async (text: string) => {
      const result = await replayTranscript(parseTranscript(text), { env: {}, target: { host: server.host, port: server.port }, timeouts: { connectMs: 5000, replyMs: 5000 } });
      return result.sessions[0].exchanges.find((e) => e.kind === 'message')!;
    };
    const end = await replay(lines.join('\n') + '\n');
    assert.equal(end.status, 'fail');
    const bob = end.actual[1];
    assert.match(bob, /^250 2\.6\.0 <bob@example\.com> Message stored as \S+$/);
    assert.deepEqual(end.recipientReplies, [
      { status: 'pass', expectedStart: 0, actualStart: 0 },
      { status: 'fail', message: `recipient 2: expected reply code 452, got 250: ${bob}`, expectedStart: 1, actualStart: 1 },
    ]);
    assert.deepEqual(failedReplies(end), [{ lines: [alice + 1], message: `recipient 2: expected reply code 452, got 250: ${bob}`, expected: ['452 4.2.2 <bob@example.com> *'], actual: [bob] }]);
    assert.deepEqual(replyMarks(end), [
      { line: alice, status: 'pass' },
      { line: alice + 1, status: 'fail' },
    ]);
    assert.equal(failureLine(end), alice + 1);

    // A third reply written for a recipient the session never named: the server sends two, the third fails unanswered.
    const third = [...lines.slice(0, alice + 1), 'S: 250 2.6.0 <bob@example.com> *', 'S: 250 2.6.0 <carol@example.com> *', ...lines.slice(alice + 2)];
    const missing = await replay(third.join('\n') + '\n');
    const miscount = 'the server answered the end of the message for 2 accepted recipients (RFC 2033 §4.2); the transcript writes 3 replies there';
    assert.deepEqual(missing.recipientReplies, [
      { status: 'pass', expectedStart: 0, actualStart: 0 },
      { status: 'pass', expectedStart: 1, actualStart: 1 },
      { status: 'fail', message: miscount, expectedStart: 2 },
    ]);
    assert.deepEqual(failedReplies(missing), [{ lines: [alice + 2], message: miscount, expected: ['250 2.6.0 <carol@example.com> *'], actual: [] }]);
    assert.equal(failureLine(missing), alice + 2);

    // The CLI says so at Bob's line (1-based), in text and as a GitHub annotation.
    const dir = await mkdtemp(join(tmpdir(), 'local-lmtp-replay-'));
    try {
      await writeFile(join(dir, 'bob.smtp'), lines.join('\n') + '\n');
      const text = await runCli(['replay', '--local', 'bob.smtp'], { cwd: dir });
      assert.equal(text.code, 1, text.stdout + text.stderr);
      assert.match(text.stdout, new RegExp(`bob\\.smtp:${alice + 2}: recipient 2: `));
      const github = await runCli(['replay', '--local', '--reporter', 'github', 'bob.smtp'], { cwd: dir });
      assert.match(github.stdout, new RegExp(`^::error file=bob\\.smtp,line=${alice + 2},`, 'm'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('examples/lmtp.smtp replays green against it (replay --local)', async () => {
    const replay = await runCli(['replay', '--local', 'examples/lmtp.smtp']);
    assert.equal(replay.code, 0, replay.stdout + replay.stderr);
    assert.match(replay.stdout, /→ 250 2\.6\.0 <alice@example\.com> Message stored as \S+ \(\+1 reply: 250\)/);
    assert.match(replay.stdout, /^replay: 1 passed, 0 failed, 0 skipped$/m);
  });
});
