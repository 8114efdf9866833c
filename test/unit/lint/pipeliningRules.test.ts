import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, diagnostic } from './lintHarness';
import { lines } from '../../support/text';

const GREET = ['S: 220 mx.example.com ESMTP', 'C: EHLO client.example.com', 'S: 250 mx.example.com'];
const ids = ['pipelining-group-end'];

describe('pipelining-group-end', () => {
  test('EHLO followed by MAIL before its reply: warning on EHLO', () => {
    const text = lines('S: 220 mx', 'C: EHLO client.example.com', 'C: MAIL FROM:<a@example.org>', 'S: 250 mx', 'S: 250 Ok');
    assert.deepEqual(brief(text, ids), [{ line: 2, code: 'pipelining-group-end', severity: 'warning' }]);
    assert.equal(
      diagnostic(text, 'pipelining-group-end').message,
      'EHLO must be the last command of a pipelined group (RFC 2920 §3.1): write its `S:` reply before line 3.',
    );
  });
  test('DATA, NOOP, QUIT, STARTTLS and an AUTH that needs a challenge must end the group', () => {
    const cases: [string, string][] = [
      ['C: NOOP', 'S: 250 Ok'],
      ['C: STARTTLS', 'S: 220 Go'],
      ['C: AUTH LOGIN YWxpY2U=', 'S: 334 UGFzc3dvcmQ6'],
      ['C: VRFY alice', 'S: 252 Ok'],
    ];
    for (const [command, reply] of cases) {
      const text = lines(...GREET, command, 'C: RSET', reply, 'S: 250 Ok');
      assert.deepEqual(brief(text, ids), [{ line: 4, code: 'pipelining-group-end', severity: 'warning' }], command);
    }
  });
  test('MAIL, RCPT, DATA together; RSET anywhere; AUTH PLAIN with its initial response: nothing', () => {
    const envelope = ['C: RSET', 'C: MAIL FROM:<a@example.org>', 'C: RCPT TO:<b@example.com>', 'C: DATA', 'S: 250 Ok', 'S: 250 Ok', 'S: 250 Ok', 'S: 354 Go', 'C: .', 'S: 250 Ok'];
    assert.deepEqual(brief(lines(...GREET, ...envelope), ids), []);
    const plain = ['C: AUTH PLAIN AGFsaWNlAHNlY3JldA==', 'C: MAIL FROM:<a@example.org>', 'S: 235 Ok', 'S: 250 Ok'];
    assert.deepEqual(brief(lines(...GREET, ...plain), ids), []);
  });
  test('the message content may open a group: `.` then QUIT together', () => {
    const text = lines(...GREET, 'C: MAIL FROM:<a@example.org>', 'S: 250 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 Ok', 'C: DATA', 'S: 354 Go', 'C: Hi', 'C: .', 'C: QUIT', 'S: 250 Ok', 'S: 221 Bye');
    assert.deepEqual(brief(text, ids), []);
  });
});
