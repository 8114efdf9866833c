import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, diagnostic } from './lintHarness';
import { lines } from '../../support/text';

const ids = ['variable-too-large', 'variable-cycle'];
const doubling = (depth: number): string[] =>
  Array.from({ length: depth }, (_, i) => (i === 0 ? '@v1 = xx' : `@v${i + 1} = {{v${i}}}{{v${i}}}`));

describe('variable-too-large', () => {
  test('41 doubling lines: one error at the definition that first passes 1 MiB (v20 = 2^20 characters fits)', () => {
    const text = lines(...doubling(41), 'S: 220 mx', 'C: NOOP {{v41}}', 'S: 250 ok');
    assert.deepEqual(brief(text, ids), [{ line: 21, code: 'variable-too-large', severity: 'error' }]);
    assert.equal(
      diagnostic(text, 'variable-too-large').message,
      '`v21` expands to more than 1 MiB (1,048,576 characters), the cap on one line or variable: replay refuses the session before connecting (docs/transcript-format.md, "Expansion limits").',
    );
    assert.deepEqual(brief(lines(...doubling(20), 'S: 220 mx'), ids), []);
  });
  test('built-ins are sized from their arguments: base64 of 1 MiB passes the cap', () => {
    const text = lines(...doubling(19), '@b = {{$base64 {{v19}}{{v19}}}}', 'S: 220 mx');
    assert.deepEqual(brief(text, ids), [{ line: 20, code: 'variable-too-large', severity: 'error' }]);
  });
});

describe('variable-cycle', () => {
  test('two variables referring to each other: error at the first', () => {
    const text = lines('@a = x{{b}}', '@b = {{a}}y', 'S: 220 mx', 'C: NOOP {{a}}', 'S: 250 ok');
    assert.deepEqual(brief(text, ids), [{ line: 1, code: 'variable-cycle', severity: 'error' }]);
    assert.match(diagnostic(text, 'variable-cycle').message, /\(a -> b -> a\)/);
  });
  test('three in a session, and one referring to itself', () => {
    const text = lines('S: 220 mx', '@a = {{b}}', '@b = {{c}}', '@c = {{a}}', '@self = {{self}}', 'C: NOOP', 'S: 250 ok');
    assert.deepEqual(brief(text, ids), [
      { line: 2, code: 'variable-cycle', severity: 'error' },
      { line: 5, code: 'variable-cycle', severity: 'error' },
    ]);
  });
  test('the file-level block, then each session in order: a session sees the file-level names, a cycle is reported once', () => {
    const text = lines(
      '@a = {{b}}',
      '@b = {{a}}',
      '### plain',
      'S: 220 mx',
      '### own cycle',
      '@c = {{d}}',
      '@d = {{c}}',
      '### through the file',
      '@e = {{a}}{{e}}',
      '### self',
      '@g = x{{g}}',
      '### no cycle',
      '@f = {{a}}',
    );
    // `@e` meets the file's a -> b cycle first (reported at line 1 already), so its own is not looked at.
    assert.deepEqual(brief(text, ids), [
      { line: 1, code: 'variable-cycle', severity: 'error' },
      { line: 6, code: 'variable-cycle', severity: 'error' },
      { line: 11, code: 'variable-cycle', severity: 'error' },
    ]);
  });
  test('a redefinition that uses the earlier value through another name is no cycle', () => {
    assert.deepEqual(brief(lines('@a = 1', '@b = {{a}}2', 'S: 220 mx', 'C: NOOP {{b}}', 'S: 250 ok'), ids), []);
  });
  test('a cycle made by redefinitions: `@user` sized while `@a = x` was visible is sized again below `@a = {{user}}`', () => {
    // Replay resolves `{{user}}` with both redefinitions visible: user -> a -> user.
    const text = lines('@a = x', '@user = y', '@user = {{a}}', '@a = {{user}}', 'S: 220 mx', 'C: NOOP {{user}}', 'S: 250 ok');
    assert.deepEqual(brief(text, ids), [{ line: 3, code: 'variable-cycle', severity: 'error' }]);
    assert.match(diagnostic(text, 'variable-cycle').message, /\(user -> a -> user\)/);
    // Between lines 3 and 4 the two refer to each other: a definition's value is checked just below it, as a use
    // there resolves it, though `@a = w` below ends the cycle for the lines after it.
    assert.deepEqual(brief(lines('@a = x', '@user = {{a}}', '@a = {{user}}z', '@a = w', 'S: 220 mx', 'C: NOOP {{user}}', 'S: 250 ok'), ids), [
      { line: 2, code: 'variable-cycle', severity: 'error' },
    ]);
    // A session redefining a file-level name: its value refers to the file's other name, which refers back.
    const session = lines('@b = {{a}}', '@a = 1', '### s', '@a = {{b}}', 'S: 220 mx', 'C: NOOP {{a}}', 'S: 250 ok');
    assert.deepEqual(brief(session, ids), [{ line: 4, code: 'variable-cycle', severity: 'error' }]);
  });
});

describe('line-too-large', () => {
  const ids = ['line-too-large', 'variable-too-large'];
  const half = `@half = ${'x'.repeat(600_000)}`;
  test('a line whose references together pass 1 MiB: an error at the line, though each value fits', () => {
    const text = lines(half, 'S: 220 mx', 'C: EHLO {{half}}{{half}}', 'S: 250 ok', 'C: NOOP {{half}}', 'S: 250 ok');
    assert.deepEqual(brief(text, ids), [{ line: 3, code: 'line-too-large', severity: 'error' }]);
    assert.equal(
      diagnostic(text, 'line-too-large').message,
      'This line expands to more than 1 MiB (1,048,576 characters), the cap on one line or variable: replay refuses the session before connecting (docs/transcript-format.md, "Expansion limits").',
    );
  });
  test('a line with a reference written longer than 1 MiB says how long; one without a reference is sent as written', () => {
    const long = 'y'.repeat(1_100_000);
    const text = lines('@v = x', 'S: 220 mx', `C: NOOP {{v}}${long}`, 'S: 250 ok', `C: NOOP ${long}`, 'S: 250 ok');
    assert.deepEqual(brief(text, ids), [{ line: 3, code: 'line-too-large', severity: 'error' }]);
    assert.match(diagnostic(text, 'line-too-large').message, /^This line holds 1,100,010 characters, more than 1 MiB/);
  });
  test('a variable past the cap is reported at its definition, not again at each line using it', () => {
    const text = lines(...doubling(21), 'S: 220 mx', 'C: NOOP {{v21}}', 'S: 250 ok');
    assert.deepEqual(brief(text, ids), [{ line: 21, code: 'variable-too-large', severity: 'error' }]);
  });
  test('a size holds for the definitions it was computed with: below a redefinition, the line is sized again', () => {
    const text = lines('@half = x', '@h = {{half}}', 'S: 220 mx', 'C: NOOP {{h}}{{h}}', 'S: 250 ok', half, 'C: NOOP {{h}}{{h}}', 'S: 250 ok');
    assert.deepEqual(brief(text, ids), [{ line: 7, code: 'line-too-large', severity: 'error' }]);
  });
  test('the scope is the line\'s: a session\'s definition below the line does not count', () => {
    const text = lines('@half = x', 'S: 220 mx', 'C: NOOP {{half}}{{half}}', 'S: 250 ok', half, 'C: NOOP {{half}}{{half}}', 'S: 250 ok');
    assert.deepEqual(brief(text, ids), [{ line: 6, code: 'line-too-large', severity: 'error' }]);
  });
});

describe('variable-too-deep', () => {
  const ids = ['variable-too-deep', 'line-too-large', 'variable-too-large', 'variable-cycle'];
  // `@v1 = {{v0}}` ... `@vN = {{vN-1}}`, below `@v0 = x` (or above it: defined further down, as a use finally sees them).
  const chain = (n: number, below = true): string[] => {
    const links = Array.from({ length: n }, (_, i) => (below ? `@v${i + 1} = {{v${i}}}` : `@v${i} = {{v${i + 1}}}`));
    return below ? ['@v0 = x', ...links] : [...links, `@v${n} = x`];
  };
  const use = (name: string) => ['S: 220 mx', `C: NOOP {{${name}}}`, 'S: 250 ok'];
  test('replay follows 64 variables deep: a use of v63 fits, one of v64 is an error at the line', () => {
    assert.deepEqual(brief(lines(...chain(63), ...use('v63')), ids), []);
    assert.deepEqual(brief(lines(...chain(64), ...use('v64')), ids), [{ line: 67, code: 'variable-too-deep', severity: 'error' }]);
    assert.equal(
      diagnostic(lines(...chain(64), ...use('v64')), 'variable-too-deep').message,
      '`{{v64}}` nests variables more than 64 deep (a value that uses a variable whose value uses another, and so on): replay follows no deeper, and refuses the session before connecting (docs/transcript-format.md, "Expansion limits").',
    );
  });
  test('a built-in holds no variable open, though its arguments are followed: a chain through `$base64` counts as one through values', () => {
    // Link 30 goes through a built-in's argument; the others are plain.
    const through = (n: number) => ['@v0 = x', ...Array.from({ length: n }, (_, i) => (i === 29 ? `@v${i + 1} = {{$base64 {{v${i}}}}}` : `@v${i + 1} = {{v${i}}}`))];
    assert.deepEqual(brief(lines(...through(63), ...use('v63')), ids), []);
    assert.deepEqual(brief(lines(...through(64), ...use('v64')), ids), [{ line: 67, code: 'variable-too-deep', severity: 'error' }]);
    assert.match(diagnostic(lines('@w = x', ...through(64), 'S: 220 mx', 'C: NOOP {{w}}{{$base64 {{v64}}}}', 'S: 250 ok'), 'variable-too-deep').message, /^`\{\{\$base64 \.\.\.\}\}` nests variables more than 64 deep/);
    // The last value holds a reference too (a built-in): one more step.
    assert.deepEqual(brief(lines('@v0 = {{$base64 x}}', ...chain(63).slice(1), ...use('v63')), ids), [{ line: 66, code: 'variable-too-deep', severity: 'error' }]);
  });
  test('10,000 chained variables, in either order: one error at the line, and no stack overflow', () => {
    assert.deepEqual(brief(lines(...chain(10_000), ...use('v10000')), ids), [{ line: 10_003, code: 'variable-too-deep', severity: 'error' }]);
    assert.deepEqual(brief(lines(...chain(10_000, false), ...use('v0')), ids), [{ line: 10_003, code: 'variable-too-deep', severity: 'error' }]);
    assert.deepEqual(brief(lines(...chain(10_000), ...use('v40')), ids), []);
  });
});
