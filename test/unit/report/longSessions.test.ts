// A session of more exchanges and log lines than a function call takes arguments (about 125,000 here): the reports
// list each of them instead of overflowing the stack (`replay --keep-going --reporter github` of 140,000 failing
// NOOPs ended in "internal error: Maximum call stack size exceeded").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExchangeResult, ReplayResult, SessionResult } from '../../../server/src/replay/replayTypes';
import { replayAnnotations } from '../../../server/src/report/githubReporter';
import { formatSessionLog } from '../../../server/src/report/sessionLog';

const EXCHANGES = 130_000;

function failedNoop(i: number): ExchangeResult {
  const line = 3 + 2 * i;
  return { kind: 'command', line, status: 'fail', sent: ['NOOP'], expected: ['500 no'], actual: ['250 2.0.0 Ok'], differences: [], message: 'reply code 250, expected 500', expectedLines: [line + 1], insertAfterLine: line + 1 };
}

const SESSION: SessionResult = {
  index: 0,
  line: 0,
  status: 'fail',
  target: { host: '127.0.0.1', port: 2525, tls: 'none', servername: '127.0.0.1' },
  exchanges: Array.from({ length: EXCHANGES }, (_, i) => failedNoop(i)),
  timings: [],
  wireLog: Array.from({ length: 2 * EXCHANGES }, (_, i) => ({ direction: i % 2 === 0 ? ('C' as const) : ('S' as const), tls: false, text: i % 2 === 0 ? 'NOOP' : '250 2.0.0 Ok', time: i })),
  durationMs: 5000,
};
const RESULT: ReplayResult = { status: 'fail', sessions: [SESSION], durationMs: 5000 };

test('replay --reporter github: one annotation for each of 130,000 failed exchanges', () => {
  const annotations = replayAnnotations('long.smtp', RESULT);
  assert.equal(annotations.length, EXCHANGES);
  assert.equal(annotations[EXCHANGES - 1], `::error file=long.smtp,line=${3 + 2 * (EXCHANGES - 1) + 2},title=replay session 1::reply code 250, expected 500%0Aexpected: 500 no%0Aactual:   250 2.0.0 Ok`);
});

test('the session log: every one of 260,000 wire lines, then every failure', () => {
  const lines = formatSessionLog(SESSION, 'long.smtp').split('\n');
  assert.equal(lines.length, 1 + 2 * EXCHANGES + EXCHANGES);
  assert.deepEqual([lines[1], lines[2], lines[2 * EXCHANGES + 1]], ['  0.000s    C: NOOP', '  0.001s    S: 250 2.0.0 Ok', 'long.smtp:5: reply code 250, expected 500']);
});
