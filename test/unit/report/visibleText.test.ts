import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { shownLine, visibleText, xmlText } from '../../../server/src/report/visibleText';

describe('visible text', () => {
  test('plain text is returned as it is', () => {
    assert.equal(visibleText('250 2.0.0 Ok: queued as 50B5120CB6F'), '250 2.0.0 Ok: queued as 50B5120CB6F');
    assert.equal(visibleText('Grüße → ok'), 'Grüße → ok');
    assert.equal(visibleText(''), '');
  });

  test('controls, DEL, C1 and bidirectional marks are shown as escapes, each of them', () => {
    assert.equal(visibleText('\x1b[31mred\x07\x00'), '\\x1b[31mred\\x07\\x00');
    assert.equal(visibleText('a\x7fb\x9bc\td'), 'a\\x7fb\\x9bc\\x09d');
    assert.equal(visibleText('x\u202ey\u2066z\u061c\u200e\u200f'), 'x\\u202ey\\u2066z\\u061c\\u200e\\u200f');
    // The same text twice: no state is left between calls.
    assert.equal(visibleText('\x1bA'), '\\x1bA');
    assert.equal(visibleText('\x1bA'), '\\x1bA');
  });

  test('XML report text: a server\'s CR, escape and NUL shown as the text reporter shows them, line breaks kept, markup escaped', () => {
    assert.equal(xmlText('451 4.0.0 \rtext\x1bc\x1b]8;;http://evil/\x07 & <b> "q"\x00\nexpected: 250'), '451 4.0.0 \\x0dtext\\x1bc\\x1b]8;;http://evil/\\x07 &amp; &lt;b&gt; &quot;q&quot;\\x00\nexpected: 250');
    assert.equal(xmlText('plain & simple'), 'plain &amp; simple');
  });

  test('an expected or actual line is cut after 1000 characters, saying how many more there were', () => {
    assert.equal(shownLine(`NOOP ${'x'.repeat(995)}`), `NOOP ${'x'.repeat(995)}`);
    assert.equal(shownLine(`\x1b${'y'.repeat(2_000_000)}`), `\\x1b${'y'.repeat(999)}… (+1999001 characters)`);
  });
});
