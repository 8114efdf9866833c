// Where a replay's outcome is shown: a mark per reply written, and a failure at the replies that failed, each with its
// own expected and actual lines; in LMTP one per recipient's reply to the message's end (RFC 2033 §4.2).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExchangeResult, RecipientReplyResult } from '../../../server/src/replay/replayTypes';
import { failedReplies, failedReplyLines, replyMarks } from '../../../server/src/report/replyMarks';

// A message end at line 20 whose replies are written on lines 30.., each reply's lines given.
function messageEnd(expected: string[], actual: string[], recipientReplies?: RecipientReplyResult[]): ExchangeResult {
  const failed = recipientReplies?.some((r) => r.status === 'fail') ?? false;
  return {
    kind: 'message', line: 20, status: failed ? 'fail' : 'pass', sent: [], expected, actual, differences: [], message: failed ? 'the first failure' : '',
    expectedLines: expected.map((_, i) => 30 + i), insertAfterLine: 29, ...(recipientReplies ? { recipientReplies } : {}),
  };
}

describe('reply marks', () => {
  test('an SMTP reply: one mark at its first line, a failure over all its lines', () => {
    const ehlo: ExchangeResult = { ...messageEnd(['250-mx', '250 SIZE 10'], ['250-mx', '250 8BITMIME']), kind: 'command', status: 'fail', message: 'line 2 differs' };
    assert.deepEqual(replyMarks(ehlo), [{ line: 30, status: 'fail' }]);
    assert.deepEqual(failedReplies(ehlo), [{ lines: [30, 31], message: 'line 2 differs', expected: ['250-mx', '250 SIZE 10'], actual: ['250-mx', '250 8BITMIME'] }]);
    // No reply written: the exchange's own line.
    assert.deepEqual(replyMarks({ ...ehlo, expectedLines: [] }), [{ line: 20, status: 'fail' }]);
  });

  test("LMTP: a mark per recipient's reply, a failure only at the ones that failed", () => {
    const end = messageEnd(['250-b', '250 b ok', '250 c ok', '250 d ok'], ['250-b', '250 b ok', '452 c full', '250 d ok'], [
      { status: 'pass', expectedStart: 0, actualStart: 0 },
      { status: 'fail', message: 'recipient 2: 452', expectedStart: 2, actualStart: 2 },
      { status: 'pass', expectedStart: 3, actualStart: 3 },
    ]);
    assert.deepEqual(replyMarks(end), [
      { line: 30, status: 'pass' },
      { line: 32, status: 'fail' },
      { line: 33, status: 'pass' },
    ]);
    assert.deepEqual(failedReplies(end), [{ lines: [32], message: 'recipient 2: 452', expected: ['250 c ok'], actual: ['452 c full'] }]);
    assert.deepEqual(failedReplyLines(end), [32]);
  });

  test('LMTP: replies the server did not send fail at their lines; those it sent beyond the written ones at the last line, as one', () => {
    const fewer = messageEnd(['250 b ok', '250 c ok', '250 d ok'], ['250 b ok'], [
      { status: 'pass', expectedStart: 0, actualStart: 0 },
      { status: 'fail', message: 'answered once', expectedStart: 1 },
      { status: 'fail', message: 'answered once', expectedStart: 2 },
    ]);
    assert.deepEqual(replyMarks(fewer).map((m) => m.status), ['pass', 'fail', 'fail']);
    assert.deepEqual(failedReplies(fewer), [
      { lines: [31], message: 'answered once', expected: ['250 c ok'], actual: [] },
      { lines: [32], message: 'answered once', expected: ['250 d ok'], actual: [] },
    ]);
    const more = messageEnd(['250 b ok'], ['250 b ok', '250 c ok', '452 d full'], [
      { status: 'pass', expectedStart: 0, actualStart: 0 },
      { status: 'fail', message: 'answered for 3', actualStart: 1 },
      { status: 'fail', message: 'answered for 3', actualStart: 2 },
    ]);
    // Line 30 is where the replies not written would go: it is marked failed, as the diagnostic there says.
    assert.deepEqual(replyMarks(more), [{ line: 30, status: 'fail' }]);
    assert.deepEqual(failedReplies(more), [{ lines: [30], message: 'answered for 3', expected: [], actual: ['250 c ok', '452 d full'] }]);
  });
});
