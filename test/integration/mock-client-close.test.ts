// The scripted server (smtp-transcript mock) expecting a client to drop the connection in the middle of a message
// (`C: <close>` as the last line of DATA content, or inside a BDAT chunk short of its size). The client is Python's
// smtplib: its `data()` always ends the message, so the test drives the same connection with smtplib's own lower
// calls (`docmd`, `send`) and then closes it, as a client that gives up mid-message does.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { startScriptedServer } from '../../server/src/smtpTestServer/scriptedServer';
import type { PlayedSession } from '../../server/src/smtpTestServer/scriptedSession';

const run = promisify(execFile);

const OPEN = ['S: 220 mx.example.com ESMTP', 'C: EHLO *', 'S: 250-mx.example.com', 'S: 250 CHUNKING', 'C: MAIL FROM:<a@example.com>', 'S: 250 2.1.0 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 2.1.5 Ok'];
const DATA_CUT = [...OPEN, 'C: DATA', 'S: 354 End data with <CR><LF>.<CR><LF>', 'C: Subject: half', 'C:', 'C: ..the first half', 'C: <close>', ''].join('\n');
const BDAT_CUT = [...OPEN, 'C: BDAT 100 LAST', 'C: Subject: half', 'C:', 'C: the first half', 'C: <close>', ''].join('\n');

/**
 * smtplib up to the content, then `after` (Python statements on the SMTP object `s`); the mock's verdict on the
 * connection.
 */
async function smtplibThen(transcript: string, content: string, after: string): Promise<Pick<PlayedSession, 'status' | 'deviation'>> {
  const parsed = parseTranscript(transcript);
  assert.deepEqual(parsed.diagnostics, []);
  const server = await startScriptedServer(parsed, { port: 0, connections: 1, env: {}, timeoutMs: 3000, readInclude: () => Promise.reject(new Error('no includes here')) });
  const script = [
    'import smtplib',
    `s = smtplib.SMTP("127.0.0.1", ${server.port}, local_hostname="client.test")`,
    's.ehlo()',
    's.mail("a@example.com")',
    's.rcpt("b@example.com")',
    content,
    after,
  ].join('\n');
  await run('python3', ['-c', script], { timeout: 20_000 }).catch(() => undefined);
  const [result] = await server.done;
  return { status: result.status, deviation: result.deviation };
}

const SEND_DATA = 'assert s.docmd("DATA")[0] == 354\ns.send(b"Subject: half\\r\\n\\r\\n..the first half\\r\\n")';
const SEND_CHUNK = 's.send(b"BDAT 100 LAST\\r\\nSubject: half\\r\\n\\r\\nthe first half\\r\\n")';
const CLOSE = 's.close()';

describe('mock: C: <close> inside content, with smtplib', () => {
  test('the client sends part of the message and closes the connection: pass', async () => {
    assert.deepEqual(await smtplibThen(DATA_CUT, SEND_DATA, CLOSE), { status: 'pass', deviation: undefined });
  });

  test('the client ends the message with `.` instead: a deviation at the `<close>` line, which the client reads as a 554', async () => {
    const verdict = await smtplibThen(DATA_CUT, SEND_DATA, 's.send(b".\\r\\n")\nreply = s.getreply()\nassert reply[0] == 554, reply\ns.close()');
    assert.deepEqual(verdict, {
      status: 'fail',
      deviation: { line: 13, expected: '<close>', actual: '.', message: 'the client ended the message with `.`: the transcript expects it to close the connection inside the content, without the final `.`' },
    });
  });

  test('the client sends a line more: a deviation at the `<close>` line', async () => {
    const verdict = await smtplibThen(DATA_CUT, SEND_DATA, 's.send(b"the second half\\r\\n.\\r\\n")\ns.getreply()\ns.close()');
    assert.deepEqual(verdict.deviation, {
      line: 13,
      expected: '<close>',
      actual: 'the second half',
      message: 'the message has more lines than the transcript, which expects the client to close the connection after the line above',
    });
  });

  test('the client closes earlier, before a written line: a deviation at that line', async () => {
    const verdict = await smtplibThen(DATA_CUT, 'assert s.docmd("DATA")[0] == 354', CLOSE);
    assert.deepEqual(verdict.deviation, { line: 10, expected: 'Subject: half', actual: '(the client closed the connection)', message: 'the client closed the connection' });
  });

  test('BDAT: the client sends part of the chunk it declared and closes: pass; all of it: a deviation', async () => {
    assert.deepEqual(await smtplibThen(BDAT_CUT, SEND_CHUNK, CLOSE), { status: 'pass', deviation: undefined });
    const whole = await smtplibThen(BDAT_CUT, 's.send(b"BDAT 100 LAST\\r\\nSubject: half\\r\\n\\r\\nthe first half\\r\\n" + b"x" * 69)', 's.getreply()\ns.close()');
    assert.deepEqual(whole.deviation, {
      line: 12,
      expected: '<close>',
      actual: '(more octets of the chunk)',
      message: 'the client sent more of the chunk than the transcript holds: it expects the client to close the connection inside the chunk',
    });
  });
});
