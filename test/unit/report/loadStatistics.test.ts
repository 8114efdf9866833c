import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExchangeResult, SessionResult } from '../../../server/src/replay/replayTypes';
import { exchangeKind, formatLoadText, latencyFigures, LoadTally } from '../../../server/src/report/loadStatistics';

function exchange(kind: ExchangeResult['kind'], sent: string[], timeMs: number | undefined, status: ExchangeResult['status'] = 'pass'): ExchangeResult {
  return { kind, line: 0, status, sent, expected: [], actual: [], differences: [], message: '', timeMs, expectedLines: [], insertAfterLine: 0 };
}

function session(status: SessionResult['status'], exchanges: ExchangeResult[]): SessionResult {
  return { index: 0, line: 0, status, exchanges, timings: [], wireLog: [], durationMs: 0 };
}

describe('load statistics', () => {
  test('nearest-rank percentiles: each figure is one of the samples', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 .. 1, unsorted
    assert.deepEqual(latencyFigures(samples), { count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    assert.deepEqual(latencyFigures([3, 1, 2]), { count: 3, p50: 2, p95: 3, p99: 3, max: 3 });
    assert.deepEqual(latencyFigures([]), { count: 0, p50: 0, p95: 0, p99: 0, max: 0 });
  });

  test('exchange kinds: the greeting, the verb of a command as sent (HELO, LHLO and EHLO each their own), "." for content', () => {
    assert.deepEqual(
      [
        exchange('greeting', [], 1),
        exchange('command', ['HELO client.example'], 1),
        exchange('command', ['ehlo client.example'], 1),
        exchange('command', ['LHLO client.example'], 1),
        exchange('command', ['MAIL FROM:<a@example.com>'], 1),
        exchange('message', ['Subject: x', '.'], 1),
        exchange('bdat', ['BDAT 5 LAST'], 1),
        exchange('auth-response', ['***'], 1),
        exchange('close', [], 1),
      ].map(exchangeKind),
      ['greeting', 'HELO', 'EHLO', 'LHLO', 'MAIL', '.', 'BDAT', undefined, undefined],
    );
  });

  test('a tally counts sessions, accepted messages and latencies per kind, in the order a session says them', () => {
    const tally = new LoadTally();
    const ok = (ms: number): SessionResult =>
      session('pass', [
        exchange('greeting', [], ms),
        exchange('command', ['EHLO c'], ms),
        exchange('command', ['MAIL FROM:<a@example.com>'], ms),
        exchange('command', ['RCPT TO:<b@example.com>'], ms),
        exchange('command', ['DATA'], ms),
        exchange('message', ['.'], ms),
        exchange('command', ['NOOP'], ms),
        exchange('command', ['QUIT'], ms),
      ]);
    tally.add(ok(1));
    tally.add(ok(3));
    tally.add(session('fail', [exchange('greeting', [], 2), exchange('command', ['EHLO c'], 2), exchange('message', ['.'], 2, 'fail')]));
    tally.add(session('error', [exchange('greeting', [], undefined, 'error')]));
    const figures = tally.figures({ repeat: 2, concurrency: 2, wallMs: 500 });
    const l = (count: number, p50: number, high: number) => ({ count, p50, p95: high, p99: high, max: high });
    assert.deepEqual(figures, {
      repeat: 2,
      concurrency: 2,
      wallMs: 500,
      sessions: 4,
      passed: 2,
      failed: 1,
      errors: 1,
      insecure: 0,
      messages: 2,
      messagesPerSecond: 4,
      sessionsPerSecond: 8,
      latency: {
        greeting: l(3, 2, 3),
        EHLO: l(3, 2, 3),
        MAIL: l(2, 1, 3),
        RCPT: l(2, 1, 3),
        DATA: l(2, 1, 3),
        '.': l(3, 2, 3),
        QUIT: l(2, 1, 3),
        NOOP: l(2, 1, 3),
      },
    });
    assert.equal(tally.firstProblem, 'line 1: ');
  });

  test('the text report: throughput, then one row per kind', () => {
    const tally = new LoadTally();
    tally.add(session('pass', [exchange('greeting', [], 0.5), exchange('message', ['.'], 1.25)]));
    assert.equal(
      formatLoadText(tally.figures({ repeat: 1, concurrency: 1, wallMs: 250 })),
      [
        "load: 1 session (1 x the file's, 1 at a time) in 0.25 s",
        '  4.0 messages/s (1 message), 4.0 sessions/s',
        '  1 passed, 0 failed, 0 errors',
        '  exchange     count        p50        p95        p99        max',
        '  greeting         1    0.50 ms    0.50 ms    0.50 ms    0.50 ms',
        '  .                1    1.25 ms    1.25 ms    1.25 ms    1.25 ms',
        '',
      ].join('\n'),
    );
  });

  test('sessions whose certificate went unverified (--insecure-tls) are said in the counts line, as replay says them', () => {
    const tally = new LoadTally();
    tally.add({ ...session('pass', [exchange('greeting', [], 0.5)]), insecure: true });
    tally.add({ ...session('pass', [exchange('greeting', [], 0.5)]), insecure: true });
    const text = formatLoadText(tally.figures({ repeat: 2, concurrency: 1, wallMs: 250 }));
    assert.equal(text.split('\n')[2], '  2 passed, 0 failed, 0 errors; TLS NOT VERIFIED in 2 sessions (insecure)');
    assert.equal(tally.figures({ repeat: 2, concurrency: 1, wallMs: 250 }).insecure, 2);
  });
});
