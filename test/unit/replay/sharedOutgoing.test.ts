import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../../server/src/model/parseTranscript';
import type { OutgoingContext } from '../../../server/src/replay/outgoing';
import { sharedOutgoing } from '../../../server/src/replay/sharedOutgoing';

const context: OutgoingContext = {
  resolve: (text) => text.replace('{{name}}', 'Alice'),
  addSecret: () => undefined,
  readInclude: () => Promise.reject(new Error('no includes here')),
  signs: () => false,
};

test('an exchange sent as written is built anew the first two times and shared from then on; one with a reference is built each time', () => {
  const [, ehlo, mail, data, message] = parseTranscript('S: 220\nC: EHLO client.test\nS: 250\nC: MAIL FROM:<{{name}}@test>\nS: 250\nC: DATA\nS: 354\nC: Hi\nC: .\nS: 250\n').sessions[0].exchanges;
  for (const exchange of [ehlo, data, message]) {
    const sent = [0, 1, 2, 3].map(() => sharedOutgoing(exchange, context));
    // A replay that sends each exchange once keeps none of their bytes; the load mode's repetitions share the second.
    assert.deepEqual([sent[0] === sent[1], sent[1] === sent[2], sent[2] === sent[3]], [false, true, true], exchange.kind);
    assert.deepEqual(sent[0], sent[1]);
  }
  const mails = [0, 1, 2].map(() => sharedOutgoing(mail, context));
  assert.deepEqual([mails[0] === mails[1], mails[1] === mails[2]], [false, false]);
  assert.deepEqual(Buffer.concat((mails[2] as { data: Buffer[] }).data).toString('latin1'), 'MAIL FROM:<Alice@test>\r\n');
});
