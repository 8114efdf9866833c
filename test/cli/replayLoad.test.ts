import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';

const dir = mkdtempSync(path.join(tmpdir(), 'smtp-replay-load-'));
const KINDS = ['greeting', 'EHLO', 'MAIL', 'RCPT', 'DATA', '.', 'QUIT'];

describe('smtp-transcript replay --repeat --concurrency (load mode)', () => {
  test('replays the sessions N times over C connections and reports throughput and latency per kind as JSON', async () => {
    const run = await runCli(['replay', '--local', '--repeat', '5', '--concurrency', '3', '--reporter', 'json', 'examples/plain.smtp']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const figures = JSON.parse(run.stdout) as Record<string, unknown> & { latency: Record<string, Record<string, number>>; wallMs: number };
    const { wallMs, messagesPerSecond, sessionsPerSecond, latency, ...counts } = figures;
    assert.deepEqual(counts, { repeat: 5, concurrency: 3, sessions: 5, passed: 5, failed: 0, errors: 0, insecure: 0, messages: 5 });
    assert.ok(wallMs > 0);
    assert.equal(messagesPerSecond, Math.round((5000 / wallMs) * 1000) / 1000);
    assert.equal(sessionsPerSecond, messagesPerSecond);
    assert.deepEqual(Object.keys(latency), KINDS);
    for (const kind of KINDS) {
      const { count, p50, p95, p99, max } = latency[kind];
      assert.equal(count, 5, kind);
      assert.ok(0 <= p50 && p50 <= p95 && p95 <= p99 && p99 <= max, `${kind}: ${JSON.stringify(latency[kind])}`);
    }
  });

  test('the text report, and a failed expectation in any repetition exits 1 naming its exchange', async () => {
    const text = readFileSync('examples/plain.smtp', 'utf8').replace('S: 250 2.1.5 Accepted', 'S: 251 2.1.5 Accepted');
    const changed = path.join(dir, 'changed.smtp');
    writeFileSync(changed, text);
    const line = text.split('\n').indexOf('S: 251 2.1.5 Accepted') + 1;
    const run = await runCli(['replay', '--local', '--repeat', '2', changed]);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /^load: 2 sessions \(2 x the file's, 1 at a time\) in \d+\.\d\d s$/m);
    assert.match(run.stdout, /^ {2}0\.0 messages\/s \(0 messages\), \d+\.\d sessions\/s$/m);
    assert.match(run.stdout, /^ {2}0 passed, 2 failed, 0 errors$/m);
    assert.match(run.stdout, /^ {2}RCPT {13}2 +\d+\.\d\d ms/m);
    assert.match(run.stderr, new RegExp(`first problem: line ${line - 1}: expected reply code 251, got 250`));
  });

  test('bad counts and options that make no sense in load mode are usage errors (exit 2)', async () => {
    for (const [args, message] of [
      [['--repeat', '0'], "--repeat must be a whole number from 1 to 1000000, not '0'"],
      [['--concurrency', '2.5'], "--concurrency must be a whole number from 1 to 1000, not '2.5'"],
      [['--repeat', '2', '--update'], '--update rewrites expectations from one replay: not with --repeat or --concurrency'],
      [['--repeat', '2', '--reporter', 'junit'], 'load mode (--repeat, --concurrency) reports as text or json, not junit'],
    ] as const) {
      const run = await runCli(['replay', '--local', ...args, 'examples/plain.smtp']);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), args.join(' '));
    }
  });
});
