import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../../server/src/model/parseTranscript';
import { matchReply, type MatchMode, type MatchResult } from '../../../server/src/replay/matchReply';
import type { ActualReply } from '../../../server/src/replay/replyReader';

/** The greeting expectation of `S:` lines, matched against the raw reply lines. */
function match(expected: string, actualLines: string[], mode: MatchMode = 'code'): MatchResult {
  const transcript = parseTranscript(expected);
  const reply = transcript.sessions[0].exchanges[0].reply!;
  const actual: ActualReply = {
    code: actualLines[0].slice(0, 3),
    lines: actualLines.map((l) => ({ code: l.slice(0, 3), separator: (l[3] ?? '') as ' ' | '-' | '', text: l.slice(4) })),
  };
  return matchReply(reply, actual, mode, (line) => line.text.replace('{{host}}', 'mx.test'));
}

describe('matchReply, code mode', () => {
  test('same code, other text: passes with the text difference listed', () => {
    assert.deepEqual(match('S: 250 Ok: queued as 12345', ['250 2.0.0 Ok: queued as 9F3A']), {
      status: 'pass',
      differences: ['expected text `Ok: queued as 12345`, got `Ok: queued as 9F3A`'],
      message: 'got 250 2.0.0 Ok: queued as 9F3A',
    });
  });

  test('x wildcards in the code', () => {
    assert.equal(match('S: 2xx', ['251 forwarded']).status, 'pass');
    assert.equal(match('S: 25x', ['252 cannot verify']).status, 'pass');
    assert.deepEqual(match('S: 2xx', ['550 5.1.1 unknown']), {
      status: 'fail',
      differences: ['expected reply code 2xx, got 550'],
      message: 'expected reply code 2xx, got 550: 550 5.1.1 unknown',
    });
  });

  test('enhanced status code must match when given', () => {
    assert.equal(match('S: 550 5.1.1 no', ['550 5.1.1 User unknown']).status, 'pass');
    assert.equal(match('S: 550 5.1.x no', ['550 5.1.2 Bad domain']).status, 'pass');
    assert.deepEqual(match('S: 550 5.1.1 no', ['550 5.7.1 Relaying denied']).differences, [
      'expected enhanced status code 5.1.1, got 5.7.1',
    ]);
    assert.deepEqual(match('S: 550 5.1.1 no', ['550 Relaying denied']).differences, ['expected enhanced status code 5.1.1, got none']);
  });

  test('an enhanced status code is class.subject.detail (RFC 3463 §2: 2, 4 or 5, then 1-3 digits each) before a space or the end', () => {
    const enhancedOf = (text: string): string[] => match('S: 550 5.1.1', [`550 ${text}`]).differences;
    assert.deepEqual(enhancedOf('5.1.1'), []);
    assert.deepEqual(enhancedOf('5.100.100 long'), ['expected enhanced status code 5.1.1, got 5.100.100']);
    assert.deepEqual(enhancedOf('5.1.1000 four digits'), ['expected enhanced status code 5.1.1, got none']);
    assert.deepEqual(enhancedOf('5.1000.1 four digits'), ['expected enhanced status code 5.1.1, got none']);
    assert.deepEqual(enhancedOf('5.1.1x'), ['expected enhanced status code 5.1.1, got none']);
    assert.deepEqual(enhancedOf('3.1.1 no such class'), ['expected enhanced status code 5.1.1, got none']);
    assert.deepEqual(enhancedOf('5..1 empty'), ['expected enhanced status code 5.1.1, got none']);
    // Not an enhanced code, so part of the text a strict expectation compares.
    assert.deepEqual(match('S: 250 2.1.1000 Ok', ['250 2.1.1000 Ok'], 'strict').differences, []);
    assert.deepEqual(match('S: 250 Ok', ['250 2.1.0 Ok'], 'strict').differences, []);
  });

  test('a different number of lines passes (EHLO lists vary)', () => {
    const result = match('S: 250-mx.test\nS: 250 PIPELINING', ['250-mx.test', '250-PIPELINING', '250 SMTPUTF8']);
    assert.deepEqual(result, { status: 'pass', differences: [], message: 'got 250-mx.test (3 lines)' });
  });
});

describe('matchReply, strict mode', () => {
  test('stars match any run, a code alone any text', () => {
    assert.equal(match('S: 250 2.0.0 Ok: queued as *', ['250 2.0.0 Ok: queued as 9F3A'], 'strict').status, 'pass');
    assert.equal(match('S: 250 *queued*', ['250 2.0.0 Ok: queued as 9F3A'], 'strict').status, 'pass');
    assert.equal(match('S: 221', ['221 2.0.0 Bye'], 'strict').status, 'pass');
  });

  test('text must match exactly otherwise', () => {
    assert.deepEqual(match('S: 250 2.0.0 Ok: queued as *', ['250 2.0.0 Accepted'], 'strict'), {
      status: 'fail',
      differences: ['expected text `Ok: queued as *`, got `Accepted`'],
      message: 'expected text `Ok: queued as *`, got `Accepted`: 250 2.0.0 Accepted',
    });
  });

  test('escaped star is literal', () => {
    assert.equal(match('S: 250 rating \\*\\*\\*', ['250 rating ***'], 'strict').status, 'pass');
    assert.equal(match('S: 250 rating \\*', ['250 rating 5'], 'strict').status, 'fail');
  });

  test('regular expressions match the whole text', () => {
    assert.equal(match('S: 250 /Ok: queued as [0-9A-F]+/', ['250 Ok: queued as 9F3A'], 'strict').status, 'pass');
    assert.equal(match('S: 250 /ok/i', ['250 OK'], 'strict').status, 'pass');
    assert.equal(match('S: 250 /Ok/', ['250 Ok then'], 'strict').status, 'fail');
    assert.deepEqual(match('S: 250 /(/', ['250 Ok'], 'strict').differences, [
      'invalid regular expression /(/: missing closing ): `(`',
    ]);
  });

  test('line counts matter; ellipsis matches any number of lines', () => {
    assert.deepEqual(match('S: 250-mx.test\nS: 250 PIPELINING', ['250-mx.test', '250-PIPELINING', '250 SMTPUTF8'], 'strict').differences, [
      'expected 2 lines, got 3',
    ]);
    const ehlo = ['250-mx.test', '250-PIPELINING', '250-8BITMIME', '250 SMTPUTF8'];
    assert.equal(match('S: 250-mx.test\nS: ...\nS: 250 SMTPUTF8', ehlo, 'strict').status, 'pass');
    assert.equal(match('S: 250-mx.test\nS: ...\nS: 250-8BITMIME\nS: ...\nS: 250 SMTPUTF8', ehlo, 'strict').status, 'pass');
    assert.equal(match('S: 250-mx.test\nS: ...\nS: 250-PIPELINING\nS: 250-8BITMIME\nS: 250 SMTPUTF8', ehlo, 'strict').status, 'pass');
    assert.deepEqual(match('S: 250-mx.test\nS: ...\nS: 250-CHUNKING\nS: ...\nS: 250 SMTPUTF8', ehlo, 'strict').differences, [
      'expected a line matching `250-CHUNKING` after reply line 1, found none in the reply',
    ]);
    assert.deepEqual(match('S: 250-a\nS: 250-b\nS: ...\nS: 250 c', ['250-a', '250 c'], 'strict').differences, [
      'expected at least 3 lines, got 2',
    ]);
  });

  test('variables are substituted before comparison', () => {
    assert.equal(match('S: 250 {{host}} greets you', ['250 mx.test greets you'], 'strict').status, 'pass');
  });
});
