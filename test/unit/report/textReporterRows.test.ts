// The text reporter's row for an exchange: a multi-line reply by its first line and its length; the end of an LMTP
// message, answered once per accepted recipient (RFC 2033 §4.2), by its first reply and the others' codes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExchangeResult } from '../../../server/src/replay/replayTypes';
import { liveTextReporter, PLAIN } from '../../../server/src/report/textReporter';

/** `actualStarts`: an LMTP message end's replies, where each starts in `actual`. */
function row(kind: ExchangeResult['kind'], sent: string[], actual: string[], actualStarts?: number[]): string {
  const rows: string[] = [];
  const recipientReplies = actualStarts?.map((actualStart) => ({ status: 'pass' as const, actualStart }));
  const result: ExchangeResult = { kind, line: 9, status: 'pass', sent, expected: [], actual, differences: [], message: '', timeMs: 1, expectedLines: [], insertAfterLine: 9, ...(recipientReplies ? { recipientReplies } : {}) };
  liveTextReporter('f.smtp', (line) => rows.push(line), PLAIN)({ type: 'exchange', session: 0, result });
  return rows.join('\n');
}

describe('text reporter rows', () => {
  test('a multi-line reply: its first line and how many follow', () => {
    assert.equal(row('command', ['EHLO c.test'], ['250-mx', '250-PIPELINING', '250 SIZE 10']), '  ✓   10 EHLO c.test → 250-mx (+2 lines) 1 ms');
  });

  test("an LMTP message's end: the first recipient's reply, then the others' codes", () => {
    assert.equal(row('message', ['Subject: hi'], ['250 2.1.5 b delivered', '452 4.2.2 c full'], [0, 1]), '  ✓   10 Subject: hi → 250 2.1.5 b delivered (+1 reply: 452) 1 ms');
    assert.equal(
      row('bdat', ['BDAT 5 LAST'], ['250-first', '250 2.1.5 b delivered', '250 2.1.5 c delivered', '550 5.1.1 d unknown'], [0, 2, 3]),
      '  ✓   10 BDAT 5 LAST → 250-first (+1 line) (+2 replies: 250, 550) 1 ms',
    );
    assert.equal(row('message', ['Subject: hi'], ['250 2.0.0 queued']), '  ✓   10 Subject: hi → 250 2.0.0 queued 1 ms');
    // The server answered once where the transcript expects two replies: the one that came.
    assert.equal(row('message', ['Subject: hi'], ['250 2.1.5 b delivered'], [0]), '  ✓   10 Subject: hi → 250 2.1.5 b delivered 1 ms');
  });
});
