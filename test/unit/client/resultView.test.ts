// The result view's content as pure data and HTML: which exchanges passed, failed and were not run, TLS details,
// the wire log made visible and escaped, the status bar's text, and the bounded run history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExchangeResult, ReplayResult, SessionResult } from '../../../server/src/replay/replayTypes';
import { resultViewHtml } from '../../../client/src/results/resultViewHtml';
import { resultViewModel, statusBarText } from '../../../client/src/results/resultViewModel';
import { RUNS_KEPT, RunHistory } from '../../../client/src/results/runHistory';

function exchange(line: number, status: ExchangeResult['status'], sent: string[], expected: string[], actual: string[], extra: Partial<ExchangeResult> = {}): ExchangeResult {
  return { kind: 'command', line, status, sent, expected, actual, differences: [], message: '', expectedLines: [line + 1], insertAfterLine: line + 1, ...extra };
}

const SESSION: SessionResult = {
  index: 0,
  name: 'submission',
  line: 2,
  status: 'fail',
  target: { host: '127.0.0.1', port: 2525, tls: 'starttls', servername: '127.0.0.1' },
  exchanges: [
    { ...exchange(3, 'pass', [], ['220 *'], ['220 mx.test ESMTP'], { timeMs: 3.4 }), kind: 'greeting', expectedLines: [3] },
    exchange(4, 'pass', ['EHLO client.test'], ['250 *'], ['250 mx.test'], { timeMs: 1.2 }),
    exchange(6, 'fail', ['MAIL FROM:<a@client.test>'], ['251 2.1.0 Ok'], ['250 2.1.0 <b>\x1b[31m'], { timeMs: 0.6, message: 'reply code 250, expected 251' }),
    exchange(8, 'skipped', [], ['250 *'], []),
  ],
  timings: [],
  tls: {
    protocol: 'TLSv1.3',
    cipher: 'TLS_AES_256_GCM_SHA384',
    authorized: true,
    certificate: { subject: 'CN=mx.test', issuer: 'CN=Test CA', validFrom: 'a', validTo: 'b', fingerprint: 'AA' },
  },
  wireLog: [
    { direction: 'S', tls: false, text: '220 mx.test ESMTP', time: 3 },
    { direction: 'C', tls: true, text: 'AUTH PLAIN ********', time: 12 },
    { direction: 'S', tls: true, text: '250 2.1.0 <b>\x1b[31m', time: 1250 },
  ],
  durationMs: 41.7,
};
// What the file says: a row for an exchange never sent shows its C: line from here.
const LINES = ['', '', '### submission', 'S: 220 *', 'C: EHLO client.test', 'S: 250 *', 'C: MAIL FROM:<a@client.test>', 'S: 251 2.1.0 Ok', 'C: RCPT TO:<b@server.test>', 'S: 250 *'];
const FAILED: ReplayResult = { status: 'fail', sessions: [SESSION], durationMs: 42.2 };

test('the model lists each exchange with its status, time and, for failures, expected and actual (server text made visible)', () => {
  assert.deepEqual(resultViewModel('submission.smtp', FAILED, { lines: LINES }), {
    file: 'submission.smtp',
    status: 'fail',
    summary: '1 failed, 2 passed, 1 not run · 42 ms',
    sessions: [
      {
        index: 0,
        title: 'Session 1: submission',
        status: 'fail',
        target: '127.0.0.1:2525, TLS starttls',
        tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', verified: 'verified', certificate: 'CN=mx.test' },
        insecure: false,
        durationMs: 42,
        exchanges: [
          { line: 4, status: 'pass', sent: 'greeting', timeMs: 3 },
          { line: 6, status: 'pass', sent: 'EHLO client.test', timeMs: 1 },
          {
            line: 8,
            status: 'fail',
            sent: 'MAIL FROM:<a@client.test>',
            timeMs: 1,
            failure: { message: 'reply code 250, expected 251', expected: ['251 2.1.0 Ok'], actual: ['250 2.1.0 <b>\\x1b[31m'] },
          },
          { line: 10, status: 'not run', sent: 'RCPT TO:<b@server.test>' },
        ],
        wire: ['0.003s    S: 220 mx.test ESMTP', '0.012s 🔒 C: AUTH PLAIN ********', '1.250s 🔒 S: 250 2.1.0 <b>\\x1b[31m'],
      },
    ],
    history: [],
    stale: false,
  });
});

test('the status bar names the file its result is of', () => {
  assert.equal(statusBarText('starttls-auth.smtp', FAILED), '$(error) SMTP: starttls-auth.smtp 1 failed');
  const passed: ReplayResult = { status: 'pass', sessions: [{ ...SESSION, status: 'pass', exchanges: SESSION.exchanges.slice(0, 2), insecure: true }], durationMs: 5 };
  assert.equal(statusBarText('plain.smtp', passed), '$(pass) SMTP: plain.smtp 2/2 passed $(unlock) insecure TLS');
  assert.equal(statusBarText('x.smtp', { status: 'error', sessions: [], durationMs: 0 }), '$(warning) SMTP: x.smtp replay error');
});

test('the page: a strict CSP with a nonce, no remote resource, every server text escaped, not-run rows marked', () => {
  const html = resultViewHtml(resultViewModel('a<b>.smtp', FAILED, { lines: LINES, history: [{ id: 1, label: '10:00:00 · passed', status: 'pass' }, { id: 2, label: '10:01:00 · 1 failed', status: 'fail' }] }), {
    nonce: 'N0NCE',
  });
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-N0NCE'; script-src 'nonce-N0NCE';">/);
  assert.doesNotMatch(html, /https?:\/\//);
  assert.doesNotMatch(html, /<b>/, 'the server\'s "<b>" is escaped');
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.match(html, /<title>a&#60;b&#62;\.smtp<\/title>/);
  const rows = [...html.matchAll(/<tr class="([a-z-]+)"><td>(\d+)<\/td><td>([a-z ]+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => m.slice(1));
  assert.deepEqual(rows, [
    ['pass', '4', 'pass', 'greeting', '3 ms'],
    ['pass', '6', 'pass', 'EHLO client.test', '1 ms'],
    ['fail', '8', 'fail', 'MAIL FROM:&#60;a@client.test&#62;', '1 ms'],
    ['not-run', '10', 'not run', 'RCPT TO:&#60;b@server.test&#62;', ''],
  ]);
  assert.match(html, /<pre>expected: 251 2\.1\.0 Ok\nactual: {3}250 2\.1\.0 &#60;b&#62;\\x1b\[31m<\/pre>/);
  assert.match(html, /<p class="tls">TLS: TLSv1\.3 TLS_AES_256_GCM_SHA384, verified; certificate CN=mx\.test<\/p>/);
  const buttons = [...html.matchAll(/<button data-command="(\w+)">([^<]+)<\/button>/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(buttons, [
    ['rerun', 'Rerun'],
    ['update', 'Update Expectations'],
    ['copy', 'Copy as Command'],
    ['expectedVsActual', 'Show Expected vs Actual'],
    ['diffRuns', 'Diff Runs'],
  ]);
  assert.match(html, /<ol><li class="pass">#1 10:00:00 · passed<\/li><li class="fail">#2 10:01:00 · 1 failed<\/li><\/ol>/);
});

test('a passing page has no expected-vs-actual button and no history section without runs; a stale one says so', () => {
  const passed: ReplayResult = { status: 'pass', sessions: [{ ...SESSION, status: 'pass', exchanges: [] }], durationMs: 1 };
  const html = resultViewHtml(resultViewModel('p.smtp', passed, { stale: true }), { nonce: 'n' });
  assert.doesNotMatch(html, /expectedVsActual|Run history/);
  assert.match(html, /<p class="stale">The file changed since this run: rerun it for a current result\.<\/p>/);
});

test('the run history keeps each file\'s last runs with their actual transcripts, oldest dropped first', () => {
  const history = new RunHistory();
  const at = new Date('2026-01-02T03:04:05Z');
  for (let i = 0; i < RUNS_KEPT + 2; i++) history.add('file:///a.smtp', i % 2 ? FAILED : { ...FAILED, status: 'pass' }, `text ${i}`, at);
  history.add('file:///b.smtp', FAILED, 'b', at);
  const runs = history.of('file:///a.smtp');
  assert.deepEqual(
    runs.map((r) => [r.id, r.actual]),
    Array.from({ length: RUNS_KEPT }, (_, i) => [i + 3, `text ${i + 2}`]),
  );
  assert.deepEqual(history.find('file:///a.smtp', 4), { id: 4, label: '03:04:05 · 1 failed', status: 'fail', actual: 'text 3' });
  assert.equal(history.find('file:///a.smtp', 1), undefined);
  assert.deepEqual(history.of('file:///b.smtp').map((r) => r.id), [13]);
});

test("an exchange that passed with replay's notes shows them under its row, as the text report's note: lines", () => {
  const note = 'SMTP_PASSWORD is shorter than 8 characters: other text holding it is masked too (`EHLO client.****`)';
  const passed: ReplayResult = {
    status: 'pass',
    sessions: [
      {
        ...SESSION,
        status: 'pass',
        exchanges: [
          { ...exchange(3, 'pass', [], ['220 *'], ['220 mx.test ESMTP'], { differences: [note] }), kind: 'greeting', expectedLines: [3] },
          exchange(4, 'pass', ['EHLO client.test'], ['250 <mx>'], ['250 mx.test'], { differences: ['reply text "mx.test", expected "<mx>"'] }),
          exchange(6, 'pass', ['NOOP'], ['250 *'], ['250 Ok']),
        ],
      },
    ],
    durationMs: 5,
  };
  const model = resultViewModel('notes.smtp', passed, { lines: LINES });
  assert.deepEqual(
    model.sessions[0].exchanges.map((row) => [row.sent, row.notes]),
    [
      ['greeting', [note]],
      ['EHLO client.test', ['reply text "mx.test", expected "<mx>"']],
      ['NOOP', undefined],
    ],
  );
  const notes = [...resultViewHtml(model, { nonce: 'n' }).matchAll(/<tr class="note"><td><\/td><td colspan="3">([^<]*)<\/td><\/tr>/g)].map((m) => m[1]);
  assert.deepEqual(notes, [
    'note: SMTP_PASSWORD is shorter than 8 characters: other text holding it is masked too (`EHLO client.****`)',
    'note: reply text &#34;mx.test&#34;, expected &#34;&#60;mx&#62;&#34;',
  ]);
});

test('a session of 140,000 exchanges: the page shows 1,000 rows (failed ones first), the wire log\'s ends, and counts them all', () => {
  const failedAt = new Set([5, 70_000, 139_999]);
  const exchanges = Array.from({ length: 140_000 }, (_, i) =>
    failedAt.has(i) ? exchange(2 * i, 'fail', ['NOOP'], ['500 no'], ['250 ok'], { message: 'reply code 250, expected 500' }) : exchange(2 * i, 'pass', ['NOOP'], ['250 *'], ['250 ok']),
  );
  const wireLog = Array.from({ length: 280_000 }, (_, i) => ({ direction: i % 2 === 0 ? ('C' as const) : ('S' as const), tls: false, text: i % 2 === 0 ? 'NOOP' : '250 ok', time: i }));
  const long: ReplayResult = { status: 'fail', sessions: [{ ...SESSION, exchanges, wireLog }], durationMs: 5000 };
  const model = resultViewModel('long.smtp', long);
  const session = model.sessions[0];
  assert.equal(model.summary, '3 failed, 139997 passed · 5000 ms');
  assert.deepEqual([session.exchanges.length, session.hiddenExchanges, session.wireLinesInAll, session.wire.length], [1000, 139_000, 280_000, 2001]);
  // The three failures, then the earliest passes; in the file's order.
  assert.deepEqual(session.exchanges.filter((row) => row.status === 'fail').map((row) => row.line), [12, 140_002, 280_000]);
  assert.deepEqual([session.exchanges[5].line, session.exchanges[997].line, session.exchanges[998].line, session.exchanges[999].line], [12, 1996, 140_002, 280_000]);
  assert.deepEqual([session.wire[999], session.wire[1000], session.wire[1001]], ['0.999s    S: 250 ok', '... 278000 lines not shown ...', '279.000s    C: NOOP']);
  const html = resultViewHtml(model, { nonce: 'n' });
  assert.ok(html.includes('<tr class="hidden"><td></td><td colspan="3">139,000 more exchanges not shown: the view lists 1,000, the failed ones first; the summary counts them all</td></tr>'));
  assert.ok(html.includes('<summary>Wire log (280,000 lines, the first and last 1,000 shown)</summary>'));
});

test("an LMTP message end whose second recipient's reply failed: its row links that reply's line", () => {
  const end = exchange(20, 'fail', ['Subject: hi'], ['250 2.x.x <b@example.com> *', '452 4.x.x <c@example.com> *'], ['250 2.6.0 <b@example.com> ok', '250 2.6.0 <c@example.com> ok'], {
    kind: 'message',
    expectedLines: [24, 25],
    recipientReplies: [
      { status: 'pass', expectedStart: 0, actualStart: 0 },
      { status: 'fail', message: 'recipient 2: expected reply code 452, got 250', expectedStart: 1, actualStart: 1 },
    ],
  });
  const result: ReplayResult = { status: 'fail', sessions: [{ ...SESSION, exchanges: [end, exchange(30, 'pass', ['NOOP'], ['250 *'], ['250 Ok'])] }], durationMs: 5 };
  assert.deepEqual(resultViewModel('lmtp.smtp', result, { lines: LINES }).sessions[0].exchanges.map((row) => row.line), [26, 32]);
});
