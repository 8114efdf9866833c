import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { annotationCommand, escapeCommandData, escapeCommandProperty, plainLogText } from '../../../server/src/report/githubCommands';

describe('GitHub workflow commands', () => {
  test('a message escapes %, CR and LF, and keeps colons and commas', () => {
    assert.equal(escapeCommandData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
    // `%0A` written by someone else stays text: its `%` is escaped first.
    assert.equal(escapeCommandData('%0A'), '%250A');
  });

  test('a property value escapes : and , too, which would end it', () => {
    assert.equal(escapeCommandProperty('tests/a,b:c 100%.smtp\n'), 'tests/a%2Cb%3Ac 100%25.smtp%0A');
  });

  test('an annotation lists the properties it has, in GitHub order, and its escaped message', () => {
    assert.equal(
      annotationCommand({ level: 'warning', file: 'a:b.smtp', line: 3, column: 5, endLine: 3, endColumn: 9, title: 'session 1 "x, y"', message: 'expected: 250\nactual:   550' }),
      '::warning file=a%3Ab.smtp,line=3,col=5,endLine=3,endColumn=9,title=session 1 "x%2C y"::expected: 250%0Aactual:   550',
    );
    assert.equal(annotationCommand({ level: 'notice', file: 'a.smtp', message: 'no line' }), '::notice file=a.smtp::no line');
    assert.equal(annotationCommand({ level: 'error', file: 'a.smtp', line: 1, message: '' }), '::error file=a.smtp,line=1::');
    // About the run, not a file: no blank before the `::`.
    assert.equal(annotationCommand({ level: 'error', message: 'bad usage: 100%' }), '::error::bad usage: 100%25');
    assert.equal(annotationCommand({ level: 'error', title: 'smtp-transcript lint', message: 'x' }), '::error title=smtp-transcript lint::x');
  });

  test('a log line beside the commands that GitHub would read as one gets a zero-width space between its first colons', () => {
    assert.equal(
      plainLogText('::error file=x::y.smtp session 1\n  ✓ 2 NOOP\n      ::warning::y.smtp:3: expected\nreply ::notice:: stays'),
      ':\u200b:error file=x::y.smtp session 1\n  ✓ 2 NOOP\n      :\u200b:warning::y.smtp:3: expected\nreply ::notice:: stays',
    );
    assert.equal(plainLogText('a.smtp: ok'), 'a.smtp: ok');
  });
});
