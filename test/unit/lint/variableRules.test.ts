import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, diagnostic } from './lintHarness';
import { applyFix } from '../../support/edits';
import { lines } from '../../support/text';

const ids = ['variable-undefined', 'variable-unused', 'env-unset', 'builtin-unknown'];
const GREET = ['S: 220 mx', 'C: EHLO client.example.com', 'S: 250 mx'];

describe('variable-undefined', () => {
  test('a reference with no definition, or one defined only below: error on the name', () => {
    const text = lines(...GREET, 'C: MAIL FROM:<{{sender}}>', 'S: 250 Ok');
    assert.deepEqual(brief(text, ids), [{ line: 4, code: 'variable-undefined', severity: 'error' }]);
    const d = diagnostic(text, 'variable-undefined');
    assert.deepEqual(d.range, { start: { line: 3, character: 16 }, end: { line: 3, character: 22 } });
    assert.equal(d.message, '`{{sender}}` is not defined: add `@sender = value` above this line (or at the top of the file).');
    assert.deepEqual(brief(lines(...GREET, 'C: NOOP {{late}}', 'S: 250 Ok', '@late = x', 'C: NOOP {{late}}', 'S: 250 Ok'), ids), [
      { line: 4, code: 'variable-undefined', severity: 'error' },
    ]);
  });
  test('nested in a built-in, and in S: lines', () => {
    const text = lines(...GREET, 'C: AUTH PLAIN {{$plain {{user}} secret}}', 'S: 235 {{greeting}}');
    assert.deepEqual(brief(text, ids), [
      { line: 4, code: 'variable-undefined', severity: 'error' },
      { line: 5, code: 'variable-undefined', severity: 'error' },
    ]);
  });
  test('file-level and session definitions above, and directive values naming a later definition: nothing', () => {
    const text = lines('@sender = a@{{domain}}', '@domain = example.org', '### one', '@rcpt = b@example.com', ...GREET, 'C: MAIL FROM:<{{sender}}>', 'S: 250 Ok', 'C: RCPT TO:<{{rcpt}}>', 'S: 250 Ok');
    assert.deepEqual(brief(text, ids), []);
  });
  test("another session's definition does not count", () => {
    const text = lines('### one', '@rcpt = b@example.com', ...GREET, 'C: NOOP {{rcpt}}', 'S: 250 Ok', '### two', ...GREET, 'C: NOOP {{rcpt}}', 'S: 250 Ok');
    assert.deepEqual(brief(text, ids), [{ line: 12, code: 'variable-undefined', severity: 'error' }]);
  });
});

describe('variable-undefined through a value', () => {
  test('a line resolves values with the definitions above it: `{{c}}` whose value needs `a`, defined only below the line, is an error there', () => {
    const text = lines('@c = {{a}}', ...GREET, 'C: NOOP {{c}}', 'S: 250 Ok', '@a = x', 'C: NOOP {{c}} {{$base64 {{c}}}}', 'S: 250 Ok');
    assert.deepEqual(brief(text, ids), [{ line: 5, code: 'variable-undefined', severity: 'error' }]);
    assert.equal(
      diagnostic(text, 'variable-undefined').message,
      '`{{c}}` leads to `{{a}}`, which is not defined above this line: a line is resolved with the definitions above it, values included, so replay refuses the session before connecting. Define `@a` above this line.',
    );
  });
  test('through several values and a built-in argument; each value walked once however it is reached', () => {
    const doubling = Array.from({ length: 40 }, (_, i) => `@v${i + 1} = {{v${i}}}{{v${i}}}`);
    const text = lines('@v0 = {{$plain {{late}} p}}', ...doubling, ...GREET, 'C: NOOP {{v40}}', 'S: 250 Ok', '@late = u');
    assert.deepEqual(brief(text, ids).filter((d) => d.code === 'variable-undefined'), [{ line: 45, code: 'variable-undefined', severity: 'error' }]);
    assert.match(diagnostic(text, 'variable-undefined').message, /^`\{\{v40\}\}` leads to `\{\{late\}\}`/);
  });
});

describe('builtin-unknown', () => {
  test('an unknown built-in: error; known ones: nothing', () => {
    assert.deepEqual(brief(lines(...GREET, 'C: NOOP {{$nope x}}', 'S: 250 Ok'), ids), [{ line: 4, code: 'builtin-unknown', severity: 'error' }]);
    assert.deepEqual(brief(lines(...GREET, 'C: NOOP {{$uuid}} {{$base64 hi}} {{$date}}', 'S: 250 Ok'), ids), []);
  });
});

describe('builtin-arguments', () => {
  const ids = ['builtin-arguments', 'builtin-unknown'];
  test('a built-in given another count than it takes: an error on the reference, saying what it takes and what it got', () => {
    const text = lines(...GREET, '@user = u', '@password = p', 'C: AUTH PLAIN {{$plain {{user}}}}', 'S: 235 ok', 'C: NOOP {{$xoauth2 u t x}} {{$env}} {{$boundary}}', 'S: 250 Ok');
    assert.deepEqual(brief(text, ids), [
      { line: 6, code: 'builtin-arguments', severity: 'error' },
      { line: 8, code: 'builtin-arguments', severity: 'error' },
      { line: 8, code: 'builtin-arguments', severity: 'error' },
      { line: 8, code: 'builtin-arguments', severity: 'error' },
    ]);
    assert.equal(
      diagnostic(text, 'builtin-arguments').message,
      '`$plain` takes a user and a password (`{{$plain user password}}`), and this reference gives one: replay refuses the session before connecting.',
    );
  });
  test('arguments are counted as written: a reference inside one is one argument, whatever it holds; raw and argument-free built-ins are not counted', () => {
    const text = lines(...GREET, '@both = u p', 'C: AUTH PLAIN {{$plain {{both}} x}}', 'S: 235 ok', 'C: NOOP {{$base64 a b c}} {{$env SMTP_PASSWORD}} {{$boundary 1}} {{$date}}', 'S: 250 Ok');
    assert.deepEqual(brief(text, ids), []);
  });
  test('a value written as it is sent is checked as replay checks it: `{{$boundary x}}`; one from a reference is not known yet', () => {
    const text = lines(...GREET, '@n = x', 'C: NOOP {{$boundary x}} {{$boundary 1000}} {{$boundary {{n}}}}', 'S: 250 Ok');
    assert.deepEqual(brief(text, ids), [{ line: 5, code: 'builtin-arguments', severity: 'error' }, { line: 5, code: 'builtin-arguments', severity: 'error' }]);
    assert.equal(diagnostic(text, 'builtin-arguments').message, '`$boundary`: expected a boundary number (1 to 999). Replay refuses the session before connecting.');
  });
});

describe('variable-unused', () => {
  test('a definition nothing references: hint, fixed by removing the line', () => {
    const text = lines('@user = alice', '@server = 127.0.0.1', ...GREET);
    assert.deepEqual(brief(text, ids), [{ line: 1, code: 'variable-unused', severity: 'hint' }]);
    const fixed = applyFix(text, diagnostic(text, 'variable-unused').fix!);
    assert.equal(fixed, lines('@server = 127.0.0.1', ...GREET));
    assert.deepEqual(brief(fixed, ids), []);
  });
  test('used in a payload or in another definition, or a replay setting: nothing', () => {
    const text = lines('@user = alice', '@password = {{$env SMTP_PASSWORD}}', '@port = 2525', '@tls = starttls', ...GREET, 'C: AUTH PLAIN {{$plain {{user}} {{password}}}}', 'S: 235 Ok');
    assert.deepEqual(brief(text, ids), []);
  });
});

describe('env-unset', () => {
  const text = lines('@password = {{$env SMTP_PASSWORD}}', ...GREET, 'C: AUTH PLAIN {{$plain alice {{password}}}}', 'S: 235 Ok');
  test('an unset environment variable, when the environment is known: info', () => {
    assert.deepEqual(brief(text, ids, { context: { env: {} } }), [{ line: 1, code: 'env-unset', severity: 'info' }]);
  });
  test('set, or no environment given (the editor): nothing', () => {
    assert.deepEqual(brief(text, ids, { context: { env: { SMTP_PASSWORD: 'x' } } }), []);
    assert.deepEqual(brief(text, ids), []);
  });
});
