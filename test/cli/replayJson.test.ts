import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../support/cli';

test('JSON gives each session and exchange its 1-based lineNumber next to the 0-based line', async () => {
  const run = await runCli(['replay', '--local', '--reporter', 'json', 'examples/plain.smtp']);
  assert.equal(run.code, 0, run.stderr);
  const [{ result }] = JSON.parse(run.stdout) as Array<{ result: { sessions: Array<Record<string, unknown> & { exchanges: Array<Record<string, unknown>> }> } }>;
  const [session] = result.sessions;
  assert.deepEqual([session.line, session.lineNumber], [3, 4]);
  assert.deepEqual(
    session.exchanges.map((e) => [e.kind, e.lineNumber]),
    [['greeting', 4], ['command', 5], ['command', 17], ['command', 19], ['command', 21], ['message', 23], ['command', 34]],
  );
  const keys = Object.keys(session.exchanges[0]);
  assert.equal(keys[keys.indexOf('line') + 1], 'lineNumber');
});

test('JSON carries each session wire log: every line as sent and received, in order (the other reporters keep none)', async () => {
  const run = await runCli(['replay', '--local', '--reporter', 'json', 'examples/plain.smtp']);
  assert.equal(run.code, 0, run.stderr);
  const [{ result }] = JSON.parse(run.stdout) as Array<{ result: { sessions: Array<{ wireLog: Array<{ direction: string; text: string }> }> } }>;
  const said = result.sessions[0].wireLog
    .filter((entry) => entry.direction !== 'info')
    .map((entry) => `${entry.direction}: ${entry.text}`)
    // Fresh at each run: the date, the message id and the local server's queue id.
    .map((line) => line.replace(/^(C: Date: |C: Message-ID: |S: 250 2\.6\.0 Message stored as ).+$/, '$1*'));
  assert.deepEqual(said, [
    'S: 220 localhost ESMTP smtp-transcripts local test server',
    'C: EHLO client.test',
    'S: 250-localhost Nice to meet you, [127.0.0.1]',
    'S: 250-PIPELINING',
    'S: 250-8BITMIME',
    'S: 250-SMTPUTF8',
    'S: 250-ENHANCEDSTATUSCODES',
    'S: 250-DSN',
    'S: 250-CHUNKING',
    'S: 250-BINARYMIME',
    'S: 250-AUTH PLAIN LOGIN CRAM-MD5',
    'S: 250-STARTTLS',
    'S: 250 SIZE 10485760',
    'C: MAIL FROM:<sender@client.test>',
    'S: 250 2.1.0 Accepted',
    'C: RCPT TO:<alice@example.com>',
    'S: 250 2.1.5 Accepted',
    'C: DATA',
    'S: 354 End data with <CR><LF>.<CR><LF>',
    'C: From: Sender <sender@client.test>',
    'C: To: Alice <alice@example.com>',
    'C: Subject: Hello from a transcript',
    'C: Date: *',
    'C: Message-ID: *',
    'C: ',
    'C: Hello Alice,',
    'C: ..this line starts with a dot, so it is sent stuffed (RFC 5321 section 4.5.2).',
    'C: Bye.',
    'C: .',
    'S: 250 2.6.0 Message stored as *',
    'C: QUIT',
    'S: 221 2.0.0 Bye',
  ]);
});
