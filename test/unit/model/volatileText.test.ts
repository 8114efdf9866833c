import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectedReplyText, invisibleAsWildcards, replyLineWithWildcards } from '../../../server/src/model/volatileText';
import { matchText } from '../../../server/src/model/textPattern';
import { unescapeBraces } from '../../../server/src/model/variables';

describe('what a server sent, written into a transcript', () => {
  test('a run of control characters or bidirectional marks becomes one `*`; a tab and plain text stay', () => {
    assert.deepEqual(
      ['220 evil \x1b[2J\x1b]0;pwned\x07 ESMTP', 'a\x00\x01\x7f\x9bb', 'x\u202ey', 'tab\there', 'Grüße → ok'].map(invisibleAsWildcards),
      ['220 evil *[2J*]0;pwned* ESMTP', 'a*b', 'x*y', 'tab\there', 'Grüße → ok'],
    );
  });

  test('the recorder and --update write them so, with literal stars escaped and volatile parts as `*`', () => {
    assert.equal(expectedReplyText('Ok *\x1b[31m queued as 4Xyz'), 'Ok \\**[31m queued as *');
    assert.equal(replyLineWithWildcards('250 \x1b[31mRED\x1b[0m'), '250 *[31mRED*[0m');
  });

  test('a text that reads as `/regex/` is written as a regex matching exactly it, control characters as `\\x{..}`', () => {
    const written = invisibleAsWildcards(replyLineWithWildcards('250 /a.b\x1bc/'));
    assert.equal(written, '250 /\\/a\\.b\\x{1b}c\\//');
    assert.deepEqual(matchText(unescapeBraces(written.slice(4)), '/a.b\x1bc/'), { matches: true });
    assert.deepEqual(matchText(written.slice(4), '/aXb\x1bc/'), { matches: false });
  });
});
