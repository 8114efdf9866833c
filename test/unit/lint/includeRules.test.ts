import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LintContext } from '../../../server/src/features/lint/rule';
import { brief, diagnostic } from './lintHarness';
import { lines } from '../../support/text';

/** File access as the CLI and the language server give it, over a fixed set of files. */
const files = (sizes: Record<string, number>): LintContext => ({
  readInclude: (path) => (path in sizes ? { size: sizes[path] } : undefined),
});

const GREET = ['S: 220 mx', 'C: EHLO c.test', 'S: 250-mx', 'S: 250 CHUNKING', 'C: MAIL FROM:<a@example.com>', 'S: 250 ok', 'C: RCPT TO:<b@example.com>', 'S: 250 ok'];
const ids = ['include-missing', 'bdat-size-mismatch', 'setting-value'];

describe('include-missing', () => {
  const text = lines(...GREET, 'C: DATA', 'S: 354 go', '< ./missing.eml', '< ./present.eml', '< ./{{name}}.eml', 'C: .', 'S: 250 ok');
  test('an include of a file that does not exist: error on the path', () => {
    const context = files({ './present.eml': 10 });
    assert.deepEqual(brief(lines('@name = x', text), ids, { context }), [{ line: 12, code: 'include-missing', severity: 'error' }]);
    const d = diagnostic(text, 'include-missing', { context });
    assert.deepEqual(d.range, { start: { line: 10, character: 2 }, end: { line: 10, character: 15 } });
    assert.equal(d.message, '`./missing.eml` does not exist (include paths are relative to the transcript): replay cannot send this content.');
  });
  test('without file access nothing is checked', () => {
    assert.deepEqual(brief(text, ids), []);
  });
  test('@ca naming a file that does not exist', () => {
    const ca = lines('@ca = ./ca.pem', 'S: 220 mx', 'C: QUIT', 'S: 221 bye');
    assert.deepEqual(brief(ca, ids, { context: files({}) }), [{ line: 1, code: 'setting-value', severity: 'error' }]);
    assert.deepEqual(brief(ca, ids, { context: files({ './ca.pem': 1200 }) }), []);
  });
});

describe('BDAT with an include', () => {
  const chunk = (count: number) => lines(...GREET, `C: BDAT ${count} LAST`, 'C: Subject: x', '< ./body.eml', 'S: 250 ok');
  test('a count below the written lines plus the included file: error on the count', () => {
    const context = files({ './body.eml': 100 });
    assert.deepEqual(brief(chunk(50), ids, { context }), [{ line: 9, code: 'bdat-size-mismatch', severity: 'error' }]);
    assert.equal(
      diagnostic(chunk(50), 'bdat-size-mismatch', { context }).message,
      'BDAT declares 50 octets but the chunk below holds at least 112 (its included files alone are 100 octets; RFC 3030 §2). Use `BDAT * LAST` to have the count computed.',
    );
  });
  test('a count the chunk may reach (line ends may grow the file): nothing', () => {
    assert.deepEqual(brief(chunk(112), ids, { context: files({ './body.eml': 100 }) }), []);
    assert.deepEqual(brief(chunk(120), ids, { context: files({ './body.eml': 100 }) }), []);
  });
});
