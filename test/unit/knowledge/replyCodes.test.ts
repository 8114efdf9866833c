import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ANY_COMMAND_REPLY_CODES, GREETING_REPLY_CODES, REPLY_CODES, lookupReplyCode, replyClass } from '../../../server/src/knowledge';

describe('reply table', () => {
  test('holds every code of RFC 5321 §4.2.3', () => {
    const rfc5321 = [211, 214, 220, 221, 250, 251, 252, 354, 421, 450, 451, 452, 455, 500, 501, 502, 503, 504, 550, 551, 552, 553, 554, 555];
    assert.deepEqual(rfc5321.filter((code) => lookupReplyCode(code)?.rfc.rfc !== 5321), []);
  });

  test('holds the codes of AUTH (RFC 4954) and of RFC 7504', () => {
    assert.deepEqual(
      [235, 334, 432, 454, 530, 534, 535, 538, 521, 556].map((code) => lookupReplyCode(code)?.rfc.rfc),
      [4954, 4954, 4954, 4954, 4954, 4954, 4954, 4954, 7504, 7504],
    );
  });

  test('every entry has a text, a meaning and a code its key agrees with', () => {
    for (const [code, spec] of REPLY_CODES) {
      assert.equal(spec.code, code);
      assert.ok(spec.text.length > 0 && spec.meaning.length > 0, String(code));
      assert.ok(replyClass(code), `${code} has digits RFC 5321 allows`);
    }
  });

  test('looks codes up by number or text', () => {
    assert.equal(lookupReplyCode('250')?.text, 'Requested mail action okay, completed');
    assert.equal(lookupReplyCode(599), undefined);
    assert.deepEqual(lookupReplyCode(454)?.otherUses, [{ text: 'TLS not available due to temporary reason', rfc: { rfc: 3207, section: '4' } }]);
  });

  test('the codes any command may get, and those of the greeting, are in the table', () => {
    const codes = [...ANY_COMMAND_REPLY_CODES, ...GREETING_REPLY_CODES.success, ...GREETING_REPLY_CODES.error];
    assert.deepEqual(codes.filter((code) => !REPLY_CODES.has(code)), []);
  });
});

describe('replyClass', () => {
  test('names the severity and category of a code', () => {
    const result = replyClass(550);
    assert.deepEqual([result?.severity.severity, result?.severity.title, result?.category?.title], [
      'permanent-negative',
      'Permanent Negative Completion reply',
      'Mail system',
    ]);
  });

  test('reads every first digit', () => {
    assert.deepEqual(
      ['250', '354', '421', '500'].map((code) => replyClass(code)?.severity.severity),
      ['positive-completion', 'positive-intermediate', 'transient-negative', 'permanent-negative'],
    );
  });

  test('reads every second digit', () => {
    assert.deepEqual(
      [500, 214, 421, 235, 432, 550].map((code) => replyClass(code)?.category?.title),
      ['Syntax', 'Information', 'Connections', 'Unspecified', 'Unspecified', 'Mail system'],
    );
  });

  test('accepts wildcards after the first digit', () => {
    assert.equal(replyClass('2xx')?.severity.digit, 2);
    assert.equal(replyClass('2xx')?.category, undefined);
    assert.equal(replyClass('25x')?.category?.digit, 5);
  });

  test('rejects codes outside the ranges of RFC 5321 §4.2', () => {
    assert.deepEqual(['150', '650', '260', 'x50', '25', '2500', 'abc'].map(replyClass), [
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
