import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../../server/src/model/parseTranscript';
import type { OutgoingContext } from '../../../server/src/replay/outgoing';
import { replayedBefore, sharedOutgoing } from '../../../server/src/replay/sharedOutgoing';

const context: OutgoingContext = {
  resolve: (text) => text.replace('{{name}}', 'Alice'),
  addSecret: () => undefined,
  readInclude: () => Promise.reject(new Error('no includes here')),
  signs: () => false,
};

test('an exchange sent as written is built anew in its session\'s first two replays and shared from then on; one with a reference is built each time', () => {
  const session = parseTranscript('S: 220\nC: EHLO client.test\nS: 250\nC: MAIL FROM:<{{name}}@test>\nS: 250\nC: DATA\nS: 354\nC: Hi\nC: .\nS: 250\n').sessions[0];
  const [, ehlo, mail, data, message] = session.exchanges;
  // Each replay asks once whether the session was replayed before, then builds what it sends.
  const replays = [0, 1, 2, 3].map(() => {
    const shared = replayedBefore(session);
    return { shared, sent: [ehlo, mail, data, message].map((exchange) => sharedOutgoing(exchange, context, shared)) };
  });
  assert.deepEqual(replays.map((r) => r.shared), [false, true, true, true]);
  for (const k of [0, 2, 3]) {
    const sent = replays.map((r) => r.sent[k]);
    // A replay that sends each exchange once keeps none of their bytes; the load mode's repetitions share the second.
    assert.deepEqual([sent[0] === sent[1], sent[1] === sent[2], sent[2] === sent[3]], [false, true, true], session.exchanges[k + 1].kind);
    assert.deepEqual(sent[0], sent[1]);
  }
  const mails = replays.map((r) => r.sent[1]);
  assert.deepEqual([mails[0] === mails[1], mails[1] === mails[2], mails[2] === mails[3]], [false, false, false]);
  assert.deepEqual(Buffer.concat((mails[3] as { data: Buffer[] }).data).toString('latin1'), 'MAIL FROM:<Alice@test>\r\n');
});
