// How the mock reports its mail-authentication verdicts (`mock --zone --enforce-auth`): the text lines, the editor's
// findings, the JUnit failure and the GitHub annotation of a session that played through but whose reply disagreed
// with the verdict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMockJunit, mockFindings, mockGithubReporter, mockSessionLines } from '../../../server/src/report/mockReport';
import type { PlayedSession } from '../../../server/src/smtpTestServer/scriptedSession';

const REFUSAL = '550 5.7.26 Unauthenticated email from elsewhere.test is not accepted';
const FINDING = `the message fails authentication (a strict receiver answers ${REFUSAL}) but the transcript accepts it with 250`;
const RESULT: PlayedSession = {
  session: 0,
  status: 'fail',
  tls: 'none',
  log: [],
  durationMs: 5,
  messages: [
    { line: 9, summary: 'spf=pass dkim=pass dmarc=pass arc=none' },
    { line: 20, summary: 'spf=fail dkim=none dmarc=fail arc=none', refusal: REFUSAL, finding: FINDING },
  ],
};

test('text: each message with its verdict, then the finding at the reply line', () => {
  assert.deepEqual(mockSessionLines('a.smtp', RESULT), [
    '  session 1 failed in 5 ms',
    '      a.smtp:10: message spf=pass dkim=pass dmarc=pass arc=none',
    `      a.smtp:21: message spf=fail dkim=none dmarc=fail arc=none; a strict receiver refuses it: ${REFUSAL}`,
    `      a.smtp:21: ${FINDING}`,
  ]);
});

test('text: a 451 is said to defer the message, not to refuse it', () => {
  const deferral = '451 4.7.24 SPF validation error (temporary): the DNS TXT query for flaky.test failed (ESERVFAIL)';
  const deferred: PlayedSession = { ...RESULT, status: 'pass', messages: [{ line: 20, summary: 'spf=temperror dkim=none dmarc=none arc=none', refusal: deferral }] };
  assert.deepEqual(mockSessionLines('a.smtp', deferred).slice(1), [`      a.smtp:21: message spf=temperror dkim=none dmarc=none arc=none; a strict receiver defers it: ${deferral}`]);
});

test('editor findings: one at the reply line of each disagreeing message', () => {
  assert.deepEqual(mockFindings(RESULT), [{ line: 20, kind: 'authentication-disagrees', message: `${FINDING}\nverdict: spf=fail dkim=none dmarc=fail arc=none` }]);
});

test('JUnit: a failure naming the reply line, though no client deviated', () => {
  const xml = formatMockJunit('a.smtp', [RESULT]);
  assert.equal(
    xml.slice(xml.indexOf('    <testcase'), xml.indexOf('\n  </testsuite>')),
    [
      '    <testcase classname="a.smtp" name="connection 1: session 1" time="0.005">',
      `      <failure message="a.smtp:21: ${FINDING}">a.smtp:21: ${FINDING}\nverdict: spf=fail dkim=none dmarc=fail arc=none</failure>`,
      '    </testcase>',
    ].join('\n'),
  );
});

test('GitHub: the text lines, then an ::error at the reply line; a transcript error at its own line', () => {
  const written: string[] = [];
  const report = mockGithubReporter('a.smtp', (line) => written.push(line), false);
  report({ type: 'connection', connection: 0, session: 0, remote: '127.0.0.1:5000' });
  report({ type: 'played', connection: 0, result: RESULT });
  const broken: PlayedSession = { session: 1, name: 'x, y', status: 'error', tls: 'none', log: [], durationMs: 1, error: { line: 30, message: 'cannot read ./body.eml' } };
  report({ type: 'connection', connection: 1, session: 1, remote: '127.0.0.1:5001' });
  report({ type: 'played', connection: 1, result: broken });
  assert.deepEqual(written, [
    'a.smtp: connection 1 from 127.0.0.1:5000 plays session 1',
    ...mockSessionLines('a.smtp', RESULT),
    `::error file=a.smtp,line=21,title=mock connection 1%3A session 1::${FINDING}%0Averdict: spf=fail dkim=none dmarc=fail arc=none`,
    'a.smtp: connection 2 from 127.0.0.1:5001 plays session 2',
    '  session 2 "x, y" error in 1 ms',
    '      a.smtp:31: cannot read ./body.eml',
    '::error file=a.smtp,line=31,title=mock connection 2%3A session 2 "x%2C y"::cannot read ./body.eml',
  ]);
});
