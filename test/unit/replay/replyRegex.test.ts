import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { matchText } from '../../../server/src/model/textPattern';
import { compileReplyRegex } from '../../../server/src/model/replyRegex';

describe('regex expectations run on RE2 (linear time)', () => {
  test('the catastrophic pattern against a long hostile reply completes with its answer', () => {
    const hostile = `${'a'.repeat(100_000)}!`;
    assert.deepEqual(matchText('/(a+)+$/', hostile), { matches: false });
    assert.deepEqual(matchText('/(a+)+!/', hostile), { matches: true });
    assert.deepEqual(matchText('/(a|aa)*b/', 'a'.repeat(50_000)), { matches: false });
  });

  test('the whole text must match, whatever ^, $ and m say', () => {
    assert.deepEqual(matchText('/queued as [A-F0-9]+/', 'Ok: queued as 9F3A'), { matches: false });
    assert.deepEqual(matchText('/Ok: queued as [A-F0-9]+/', 'Ok: queued as 9F3A'), { matches: true });
    assert.deepEqual(matchText('/^b$/m', 'a\nb'), { matches: false });
  });

  test('flags: i, s and m map to RE2; g, y, d and u change nothing', () => {
    assert.deepEqual(matchText('/ok/', 'OK'), { matches: false });
    assert.deepEqual(matchText('/ok/i', 'OK'), { matches: true });
    assert.deepEqual(matchText('/a.b/', 'a\nb'), { matches: false });
    assert.deepEqual(matchText('/a.b/s', 'a\nb'), { matches: true });
    assert.deepEqual(matchText('/a.*$/m', 'a\nb'), { matches: false });
    assert.deepEqual(matchText('/ok/gyduim', 'OK'), { matches: true });
  });

  test('a flag RE2 cannot honour, or a pattern it cannot compile, is a problem with the reason', () => {
    assert.deepEqual(matchText('/ok/v', 'ok'), {
      matches: false,
      problem: 'invalid regular expression /ok/v: the flag `v` (set notation) has no RE2 equivalent; use i, s or m',
    });
    assert.deepEqual(matchText('/ok/x', 'ok'), {
      matches: false,
      problem: 'invalid regular expression /ok/x: the flag `x` is not a regular expression flag; use i, s or m',
    });
    assert.deepEqual(compileReplyRegex({ body: '(a)\\1', flags: '' }), {
      ok: false,
      problem: 'invalid regular expression /(a)\\1/: invalid escape sequence: `\\1` (the linear-time RE2 engine has no backreferences or lookaround)',
    });
    assert.deepEqual(compileReplyRegex({ body: 'a(?=b)', flags: '' }), {
      ok: false,
      problem: 'invalid regular expression /a(?=b)/: invalid or unsupported Perl syntax: `(?=` (the linear-time RE2 engine has no backreferences or lookaround)',
    });
    assert.deepEqual(matchText('/a(/', 'a('), { matches: false, problem: 'invalid regular expression /a(/: missing closing ): `a(`' });
  });
});
