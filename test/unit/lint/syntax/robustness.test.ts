import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findings } from './syntaxHarness';
import { lines } from '../../../support/text';

const MEGABYTE = 1024 * 1024;

/** Every finding lies inside the text and its message stays short. */
function assertSane(text: string): void {
  const textLines = text.split('\n');
  for (const finding of findings(text)) {
    const { start, end } = finding.range;
    assert.ok(start.line >= 0 && end.line < textLines.length, finding.ruleId);
    assert.ok(start.character >= 0 && end.character <= textLines[end.line].length, finding.ruleId);
    assert.ok(finding.message.length < 1000, finding.ruleId);
  }
}

describe('pathological input', () => {
  test('a megabyte-long command, path, parameter, reply and content line', () => {
    const long = 'a'.repeat(MEGABYTE);
    assertSane(lines('S: 220 mx', `C: ${long}`, 'S: 500 Unknown'));
    assertSane(lines('S: 220 mx', `C: MAIL FROM:<${long}@${long}>`, 'S: 250 Ok'));
    assertSane(lines('S: 220 mx', `C: MAIL FROM:<a@example.org> ${'X'.repeat(MEGABYTE)}=${long}`, 'S: 250 Ok'));
    assertSane(lines('S: 220 mx', `C: EHLO ${'-'.repeat(MEGABYTE)}`, `S: 250 ${'5.'.repeat(MEGABYTE / 2)}`));
    assertSane(lines('S: 220 mx', 'C: DATA', 'S: 354 Go', `C: ${'.'.repeat(MEGABYTE)}`, `C: ${long}:`, 'C: .', 'S: 250 Ok'));
    assertSane(lines('S: 220 mx', `C: AUTH PLAIN ${'A'.repeat(MEGABYTE)}=`, 'S: 235 Ok'));
  });

  test('many lines of everything at once', () => {
    const block = ['S: 220 mx', 'C: ehlo c', 'S: 250-x', 'S: 251 y', 'C: MAIL FROM: a@b SIZE=1', 'S: 250 Ok', 'C: DATA', 'S: 354 Go', 'C: .x', 'C: Grüße', 'C: .', 'S: 250 Ok'];
    assertSane(lines(...Array.from({ length: 500 }, () => ['###', ...block]).flat()));
  });
});
