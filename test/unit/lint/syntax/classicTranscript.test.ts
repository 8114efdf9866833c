import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findings, summary } from './syntaxHarness';
import { applyFix } from '../../../support/edits';
import { lines } from '../../../support/text';

const CLASSIC = lines(
  'S: 220 www.example.com ESMTP Postfix',
  'C: HELO mydomain.com',
  'S: 250 Hello mydomain.com',
  'C: MAIL FROM: <sender@mydomain.com>',
  'S: 250 Ok',
  'C: RCPT TO: <friend@example.com>',
  'S: 250 Ok',
  'C: DATA',
  'S: 354 End data with <CR><LF>.<CR><LF>',
  'C: Subject: test message',
  'C: From:""< sender@mydomain.com>',
  'C: To:""< friend@example.com>',
  'C:',
  'C: Hello,',
  'C: This is a test.',
  'C: Goodbye.',
  'C: .',
  'S: 250 Ok: queued as 12345',
  'C: quit',
  'S: 221 Bye',
);

const docBlocks = (): string[] => {
  const doc = readFileSync(join(__dirname, '../../../../../docs/transcript-format.md'), 'utf8');
  return [...doc.matchAll(/```smtp\n([\s\S]*?)```/g)].map((m) => m[1].replace(/\n$/, ''));
};

describe('the transcripts of docs/transcript-format.md', () => {
  test('the classic transcript is the first example of the format document', () => {
    assert.equal(docBlocks()[0], CLASSIC);
  });

  test('the classic transcript: space warnings with fixes, hints for HELO and quit, info for Date, no error', () => {
    assert.deepEqual(summary(CLASSIC), [
      { rule: 'helo-instead-of-ehlo', line: 2, severity: 'hint' },
      { rule: 'path-space-after-colon', line: 4, severity: 'warning' },
      { rule: 'path-space-after-colon', line: 6, severity: 'warning' },
      { rule: 'missing-date-header', line: 10, severity: 'warning' },
      { rule: 'lowercase-verb', line: 19, severity: 'hint' },
    ]);
  });

  test('the classic transcript: the space fixes remove exactly the space after the colon', () => {
    const [mail, rcpt] = findings(CLASSIC).filter((f) => f.ruleId === 'path-space-after-colon');
    const fixedText = applyFix(applyFix(CLASSIC, rcpt.fix!), mail.fix!);
    assert.equal(
      fixedText,
      CLASSIC.replace('MAIL FROM: <', 'MAIL FROM:<').replace('RCPT TO: <', 'RCPT TO:<'),
    );
    assert.deepEqual(summary(fixedText).map((s) => s.rule), ['helo-instead-of-ehlo', 'missing-date-header', 'lowercase-verb']);
  });

  test('the classic transcript: the Date fix adds a header computed at send time', () => {
    const date = findings(CLASSIC).find((f) => f.ruleId === 'missing-date-header')!;
    assert.equal(applyFix(CLASSIC, date.fix!), CLASSIC.replace('C: To:""< friend@example.com>\n', 'C: To:""< friend@example.com>\nC: Date: {{$date}}\n'));
  });

  test('every other example of the format document produces no warning or error', () => {
    for (const block of docBlocks().slice(1)) {
      const serious = summary(block).filter((s) => s.severity === 'warning' || s.severity === 'error');
      assert.deepEqual(serious, [], block);
    }
  });

  test('the complete example produces no finding at all', () => {
    const blocks = docBlocks();
    assert.deepEqual(summary(blocks[blocks.length - 1]), []);
  });
});
