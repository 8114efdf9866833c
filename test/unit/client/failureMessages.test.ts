// What a failed session's test result says: one message per failed exchange up to 100, then how many more, and the
// lines left unchecked, named up to 20.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExchangeResult, SessionResult } from '../../../server/src/engine';
import { failureMessages, MESSAGES_SHOWN } from '../../../client/src/testing/failureMessages';

function exchange(line: number, status: ExchangeResult['status']): ExchangeResult {
  return { kind: 'command', line, status, sent: ['NOOP'], expected: ['500 no'], actual: status === 'skipped' ? [] : ['250 ok'], differences: [], message: 'reply code 250, expected 500', expectedLines: [line + 1], insertAfterLine: line + 1 };
}

function session(exchanges: ExchangeResult[]): SessionResult {
  return { index: 0, line: 0, status: 'fail', target: { host: '127.0.0.1', port: 2525, tls: 'none', servername: '127.0.0.1' }, exchanges, timings: [], wireLog: [], durationMs: 1 };
}

test('a few failures: a message each, and the lines not run named', () => {
  const said = failureMessages(session([exchange(2, 'pass'), exchange(4, 'fail'), exchange(6, 'skipped'), exchange(8, 'skipped')]));
  assert.deepEqual([said.failed.map((e) => e.line), said.moreFailed, said.notRun?.text, said.notRun?.first.line], [[4], undefined, 'Not run because of the failure: lines 8, 10', 6]);
  assert.equal(failureMessages(session([exchange(4, 'fail'), exchange(6, 'skipped')])).notRun?.text, 'Not run because of the failure: line 8');
});

test('140,000 failures and 50 lines not run: 100 messages, how many more, and 20 lines named', () => {
  const exchanges = [...Array.from({ length: 140_000 }, (_, i) => exchange(2 * i, i % 2 === 0 ? 'fail' : 'error')), ...Array.from({ length: 50 }, (_, i) => exchange(300_000 + 2 * i, 'skipped'))];
  const said = failureMessages(session(exchanges));
  assert.deepEqual([said.failed.length, said.failed[MESSAGES_SHOWN - 1].line, said.moreFailed], [100, 198, '139900 more exchanges failed: the test output lists them all']);
  assert.equal(said.notRun?.text, `Not run because of the failure: lines ${Array.from({ length: 20 }, (_, i) => 300_002 + 2 * i).join(', ')} and 30 more`);
});
