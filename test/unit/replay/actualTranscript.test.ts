import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { actualReplyLines, actualTranscript } from '../../../server/src/replay/actualTranscript';
import type { ExchangeResult, ReplayResult } from '../../../server/src/replay/replayTypes';

function exchange(fields: Partial<ExchangeResult> & Pick<ExchangeResult, 'line' | 'status' | 'actual' | 'expectedLines' | 'insertAfterLine'>): ExchangeResult {
  return { kind: 'command', sent: [], expected: [], differences: [], message: '', ...fields };
}

function result(exchanges: ExchangeResult[]): ReplayResult {
  return {
    status: 'fail',
    durationMs: 0,
    sessions: [{ index: 0, line: 0, status: 'fail', exchanges, timings: [], wireLog: [], durationMs: 0 }],
  };
}

describe('actualTranscript', () => {
  test('failed replies are replaced, passing ones and everything else kept as written', () => {
    const text = [
      '@user = {{$env USER}}',
      'S: 220 *',
      'C: EHLO {{user}}.test',
      'S: 250-first',
      '# the server lists more',
      'S: 250 last',
      'C: RCPT TO:<a@reject.test>',
      'S: 250 2.1.5 Ok',
      '',
    ].join('\n');
    const updated = actualTranscript(text, result([
      exchange({ kind: 'greeting', line: 1, status: 'pass', actual: ['220 mx ESMTP'], expectedLines: [1], insertAfterLine: 0 }),
      exchange({ line: 2, status: 'pass', actual: ['250-mx', '250 PIPELINING'], expectedLines: [3, 5], insertAfterLine: 2 }),
      exchange({ line: 6, status: 'fail', actual: ['550 5.1.1 ****: no such user'], expectedLines: [7], insertAfterLine: 6 }),
    ]));
    assert.equal(updated, text.replace('S: 250 2.1.5 Ok', 'S: 550 5.1.1 ****: no such user'));
  });

  test('a failed multi-line reply: the comment between its lines stays', () => {
    const text = 'S: 220\r\nC: EHLO x\r\nS: 250-a\r\n# note\r\nS: 250 b\r\n';
    const updated = actualTranscript(text, result([
      exchange({ line: 1, status: 'fail', actual: ['421 bye'], expectedLines: [2, 4], insertAfterLine: 1 }),
    ]));
    assert.equal(updated, 'S: 220\r\nC: EHLO x\r\nS: 421 bye\r\n# note\r\n');
  });

  test('the server\'s queue ids and dates are written as `*`, unless keepVolatileText', () => {
    const text = 'C: .\nS: 250 Ok\nC: QUIT\n';
    const replayed = result([
      exchange({ line: 0, status: 'fail', actual: ['250 2.6.0 Message stored as 9m6k8phl0ecntv8s-1'], expectedLines: [1], insertAfterLine: 0 }),
      exchange({ line: 2, status: 'pass', actual: ['221 2.0.0 mx.test closing at Thu, 03 Dec 2026 01:50:00 +0000'], expectedLines: [], insertAfterLine: 2 }),
    ]);
    assert.equal(actualTranscript(text, replayed), 'C: .\nS: 250 2.6.0 Message stored as *\nC: QUIT\nS: 221 2.0.0 mx.test closing at *\n');
    assert.equal(
      actualTranscript(text, replayed, { keepVolatileText: true }),
      'C: .\nS: 250 2.6.0 Message stored as 9m6k8phl0ecntv8s-1\nC: QUIT\nS: 221 2.0.0 mx.test closing at Thu, 03 Dec 2026 01:50:00 +0000\n',
    );
  });

  test('one exchange\'s lines, as "Accept the actual reply" writes them: kept expectations, the server\'s text with `*`', () => {
    const failed = exchange({
      line: 1,
      status: 'fail',
      actual: ['250-mx.test', '250 2.0.0 id=1tXyZa-000123-AB'],
      expectedLines: [2, 3],
      insertAfterLine: 1,
      replacementLines: [{ text: '250-mx *', fromServer: false }, { text: '250 2.0.0 id=1tXyZa-000123-AB', fromServer: true }],
    });
    assert.deepEqual(actualReplyLines(failed), ['S: 250-mx *', 'S: 250 2.0.0 id=*']);
    assert.deepEqual(actualReplyLines(failed, { keepVolatileText: true }), ['S: 250-mx *', 'S: 250 2.0.0 id=1tXyZa-000123-AB']);
    assert.deepEqual(actualReplyLines({ ...failed, kind: 'close' }), []);
  });

  test('a failed reply with replacement lines keeps the expectation lines that still match', () => {
    const text = '@match = strict\nC: EHLO x\nS: 250-mx *\nS: 250 CHUNKING\n';
    const updated = actualTranscript(text, result([
      exchange({ line: 1, status: 'fail', actual: ['250-mx.test', '250 SIZE 10'], expectedLines: [2, 3], insertAfterLine: 1, replacementLines: [{ text: '250-mx *', fromServer: false }, { text: '250 SIZE 10', fromServer: true }] }),
    ]));
    assert.equal(updated, '@match = strict\nC: EHLO x\nS: 250-mx *\nS: 250 SIZE 10\n');
  });

  test('replies the file does not show are inserted, greeting first', () => {
    const text = '@server = mx.test\nC: EHLO x\nC: QUIT\n';
    const updated = actualTranscript(text, result([
      exchange({ kind: 'greeting', line: 1, status: 'pass', actual: ['220 mx'], expectedLines: [], insertAfterLine: 0 }),
      exchange({ line: 1, status: 'pass', actual: ['250 mx'], expectedLines: [], insertAfterLine: 1 }),
      exchange({ line: 2, status: 'pass', actual: ['221 bye'], expectedLines: [], insertAfterLine: 2 }),
    ]));
    assert.equal(updated, '@server = mx.test\nS: 220 mx\nC: EHLO x\nS: 250 mx\nC: QUIT\nS: 221 bye\n');
  });

  test('a server that did not close loses its `S: <closed>`', () => {
    const text = 'C: QUIT\nS: 221 bye\nS: <closed>\n';
    const updated = actualTranscript(text, result([
      exchange({ kind: 'close', line: 2, status: 'fail', actual: [], expectedLines: [2], insertAfterLine: 1 }),
    ]));
    assert.equal(updated, 'C: QUIT\nS: 221 bye\n');
  });
});
