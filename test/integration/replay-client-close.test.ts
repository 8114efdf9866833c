// `C: <close>` inside message content against real MTAs: replay sends the content written so far and drops the
// connection without the final `.`; the server must not deliver the partial message (RFC 5321 §4.1.1.4: only the
// `.` line completes a message). Each test sends a whole message after it, in a second session, so the sink is
// known to be read where the server delivers, and waits for that one before looking for the partial one.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { replayTranscript } from '../../server/src/replay/replayTranscript';
import { requireServer, type TestServer } from '../servers/available';
import { awaitDelivery, deliveredSince, type SinkServer } from '../servers/sinkMessages';

const envelope = (server: TestServer) => [
  `@server = ${server.host}`,
  `@port = ${server.port}`,
  'S: 220 *',
  'C: EHLO client.test',
  'S: 250-*',
  'S: ...',
  'S: 250 *',
  'C: MAIL FROM:<sender@client.test>',
  'S: 250 *',
  'C: RCPT TO:<recipient@example.com>',
  'S: 250 *',
];

function transcript(server: TestServer, cut: string, whole: string, chunked: boolean): string {
  const partial = chunked
    ? ['C: BDAT 400 LAST', `C: Subject: ${cut}`, 'C:', 'C: the first half', 'C: <close>']
    : ['C: DATA', 'S: 354 *', `C: Subject: ${cut}`, 'C:', 'C: .. a line starting with a dot', 'C: the first half', 'C: <close>'];
  return [
    '### cut',
    ...envelope(server),
    ...partial,
    '### whole',
    ...envelope(server),
    'C: DATA',
    'S: 354 *',
    `C: Subject: ${whole}`,
    'C:',
    'C: all of it',
    'C: .',
    'S: 250 *',
    'C: QUIT',
    'S: 221 *',
  ].join('\n');
}

async function replayCut(name: SinkServer, server: TestServer, chunked = false): Promise<void> {
  const cut = `cut-${randomBytes(6).toString('hex')}`;
  const whole = `whole-${randomBytes(6).toString('hex')}`;
  const since = Date.now();
  const result = await replayTranscript(parseTranscript(transcript(server, cut, whole, chunked)), { env: {}, timeouts: { connectMs: 5000, replyMs: 10_000 } });
  assert.deepEqual(result.sessions.map((s) => s.status), ['pass', 'pass']);
  const [content, close] = result.sessions[0].exchanges.slice(-2);
  assert.deepEqual(
    [content.kind, content.status, content.sent, content.actual, close.kind, close.status, close.message],
    [
      chunked ? 'bdat' : 'message',
      'pass',
      chunked ? ['BDAT 400 LAST', `Subject: ${cut}`, '', 'the first half'] : [`Subject: ${cut}`, '', '.. a line starting with a dot', 'the first half'],
      [],
      'client-close',
      'pass',
      chunked ? 'closed the connection inside the BDAT chunk' : 'closed the connection inside the message content, without the final `.`',
    ],
  );
  // What went on the wire: the content, dot-stuffed as written, and no `.` line.
  const sent = result.sessions[0].wireLog.filter((e) => e.direction === 'C').map((e) => e.text);
  assert.deepEqual(sent.slice(-content.sent.length), content.sent);
  assert.ok(!sent.includes('.'));
  assert.ok(await awaitDelivery(name, whole, since), `the whole message (${whole}) never reached ${name}'s sink`);
  const partial = (await deliveredSince(name, since)).filter((text) => text.includes(cut));
  assert.deepEqual(partial, [], `${name} delivered the message the client abandoned`);
}

describe('C: <close> inside content: the server keeps nothing of the message', () => {
  for (const name of ['postfix', 'exim', 'aiosmtpd'] as const) {
    test(`${name}: DATA content cut by the client is not delivered`, async (t) => {
      const server = await requireServer(t, name);
      if (!server) return;
      await replayCut(name, server);
    });
  }

  for (const name of ['postfix', 'exim'] as const) {
    test(`${name}: a BDAT chunk cut short by the client is not delivered (RFC 3030 §2)`, async (t) => {
      const server = await requireServer(t, name);
      if (!server) return;
      await replayCut(name, server, true);
    });
  }
});
