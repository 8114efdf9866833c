import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  continuesReply,
  joinReplyLine,
  looksLikeReplyLine,
  replyCodeEnd,
  sameReplyCode,
  separatorAt,
  splitReplyLine,
} from '../../../server/src/dialogue';

describe('reply-line grammar (RFC 5321 §4.2)', () => {
  test('code sets: wire takes any three digits, valid 2-5 then 0-5, expectation digits or x/X', () => {
    const texts = ['250 ok', '199 x', '260 x', '2xx ok', 'XXX', '25', 'abc'];
    assert.deepEqual(
      texts.map((t) => [replyCodeEnd(t, 'wire'), replyCodeEnd(t, 'valid'), replyCodeEnd(t, 'expectation')]),
      [[3, 3, 3], [3, 0, 3], [3, 0, 3], [0, 0, 3], [0, 0, 3], [0, 0, 0], [0, 0, 0]],
    );
  });

  test('the separator: space, dash, or the end of the line; anything else is no reply line', () => {
    assert.deepEqual(['250 a', '250-a', '250', '250x', '250\ta'].map(separatorAt), [' ', '-', '', undefined, undefined]);
  });

  test('splitReplyLine: code, separator and text; the text may hold any character', () => {
    assert.deepEqual(splitReplyLine('250-SIZE 1000', 'wire'), { code: '250', separator: '-', text: 'SIZE 1000' });
    assert.deepEqual(splitReplyLine('354', 'wire'), { code: '354', separator: '', text: '' });
    assert.deepEqual(splitReplyLine('220 a\rb\u2028c', 'wire'), { code: '220', separator: ' ', text: 'a\rb\u2028c' });
    assert.deepEqual(splitReplyLine('199 odd', 'valid'), undefined);
    assert.deepEqual(splitReplyLine('250x', 'wire'), undefined);
    assert.deepEqual(splitReplyLine('hello', 'wire'), undefined);
  });

  test('joinReplyLine puts the parts back together', () => {
    assert.equal(joinReplyLine({ code: '250', separator: '-', text: 'PIPELINING' }), '250-PIPELINING');
    assert.equal(joinReplyLine({ code: '250', separator: '', text: '' }), '250');
  });

  test('only a dash continues a reply; every line of it carries the same code (§4.2.1)', () => {
    assert.deepEqual((['-', ' ', ''] as const).map(continuesReply), [true, false, false]);
    assert.equal(sameReplyCode({ code: '250' }, { code: '250' }), true);
    assert.equal(sameReplyCode({ code: '250' }, { code: '251' }), false);
  });

  test('looksLikeReplyLine: what a forgotten `S:` prefix looks like', () => {
    const texts = ['250 ok', '550-no', '354', 'x50 any', 'X50 any', '150 x', '250ok', '25'];
    assert.deepEqual(texts.map(looksLikeReplyLine), [true, true, true, true, false, false, false, false]);
  });
});
