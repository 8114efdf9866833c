import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../../server/src/model/parseTranscript';
import { definitionsAt, resolveText, type Resolved } from '../../../server/src/model/variables';

/** Resolves `text` with the file-level definitions written as `@name = value` lines. */
function resolve(definitions: string[], text: string, uuid?: () => string): Resolved {
  const transcript = parseTranscript(`${definitions.join('\n')}\nS: 220 mx\n`);
  return resolveText(text, { definitions: definitionsAt(transcript, undefined, definitions.length), env: {}, uuid });
}
const doubling = (depth: number): string[] => Array.from({ length: depth }, (_, i) => (i === 0 ? '@v1 = xx' : `@v${i + 1} = {{v${i}}}{{v${i}}}`));

describe('bounded variable expansion', () => {
  test('41 doubling lines: one error naming the first variable past 1 MiB, and an empty text', () => {
    assert.deepEqual(resolve(doubling(41), 'EHLO {{v41}}'), {
      text: '',
      secrets: [],
      errors: ['`{{v21}}` expands to more than 1 MiB (1,048,576 characters), the cap on one line or variable (docs/transcript-format.md, "Expansion limits")'],
    });
  });
  test('a value of exactly 1 MiB is kept; a line that joins two is refused', () => {
    assert.equal(resolve(doubling(20), '{{v20}}').text.length, 1024 * 1024);
    assert.deepEqual(resolve(doubling(20), '{{v20}}!').errors, [
      'this line expands to more than 1 MiB (1,048,576 characters), the cap on one line or variable (docs/transcript-format.md, "Expansion limits")',
    ]);
  });
  test('a line with a reference written longer than 1 MiB is said to be so, not counted as expansion work; one without any is kept whole', () => {
    const long = `EHLO ${'a'.repeat(5 * 1024 * 1024)}`;
    assert.deepEqual(resolve(['@x = y'], `${long}{{x}}`).errors, [
      'this line holds 5,242,885 characters, more than 1 MiB (1,048,576 characters), the cap on one line or variable (docs/transcript-format.md, "Expansion limits")',
    ]);
    const literal = resolve([], long);
    assert.deepEqual([literal.text === long, literal.errors], [true, []]);
  });
  test('2^40 references: resolved once each when memoized; with a fresh value inside (no memo), stopped by the work cap', () => {
    const empty = Array.from({ length: 41 }, (_, i) => (i === 0 ? '@e1 =' : `@e${i + 1} = {{e${i}}}{{e${i}}}`));
    assert.deepEqual(resolve(empty, '{{e41}}'), { text: '', secrets: [], errors: [] });
    const fresh = ['@u = {{$uuid}}', ...empty.slice(1).map((line) => line.replace(/e1\}/g, 'u}'))];
    assert.deepEqual(resolve(fresh, '{{e41}}', () => '').errors, [
      '`{{e4}}` takes more than 4,194,304 steps to expand, the cap on expansion work (docs/transcript-format.md, "Expansion limits")',
    ]);
  });
  test('a fresh built-in is drawn anew at each reference; other values once per resolution', () => {
    let n = 0;
    assert.equal(resolve(['@id = <{{$uuid}}>', '@two = {{id}}{{id}}'], '{{two}}', () => String(++n)).text, '<1><2>');
  });
  test('cycles through one, two or three variables are errors, never loops', () => {
    assert.deepEqual(resolve(['@a = {{a}}'], '{{a}}').errors, ['variable `a` refers to itself']);
    assert.deepEqual(resolve(['@a = x{{b}}', '@b = {{a}}'], '{{a}}').errors, ['variables refer to each other in a cycle: a -> b -> a']);
    assert.deepEqual(resolve(['@a = {{b}}', '@b = {{c}}', '@c = {{a}}'], '{{b}}').errors, ['variables refer to each other in a cycle: b -> c -> a -> b']);
  });
  test('more than 64 variables deep: an error, not a stack overflow', () => {
    const chain = Array.from({ length: 100 }, (_, i) => (i === 0 ? '@c1 = end' : `@c${i + 1} = {{c${i}}}`));
    assert.deepEqual(resolve(chain, '{{c100}}').errors, ['`{{c36}}` is nested more than 64 variables deep (docs/transcript-format.md, "Expansion limits")']);
  });
});

describe('{{$boundary N}}', () => {
  test('the same number gives the same boundary in a run, another number another; a token (RFC 2045 §5.1), quoted or not', () => {
    const one = resolve([], '{{$boundary 1}}').text;
    assert.match(one, /^_smtp-transcripts_[0-9a-f]{16}_001$/);
    assert.equal(resolve([], '--{{$boundary 1}}--').text, `--${one}--`);
    assert.equal(resolve([], '{{$boundary 2}}').text, one.replace(/_001$/, '_002'));
  });
  test('a number is required', () => {
    assert.deepEqual([resolve([], '{{$boundary}}').errors.length, resolve([], '{{$boundary x}}').errors.length, resolve([], '{{$boundary 1 2}}').errors.length], [1, 1, 1]);
  });
});

describe('built-in argument counts', () => {
  test('counted as written, before anything is resolved; the error names the built-in and what it takes', () => {
    assert.deepEqual(resolve(['@both = u p'], '{{$plain {{both}}}}').errors, ['`{{$plain}}`: expected a user and a password']);
    assert.deepEqual(resolve([], '{{$xoauth2 u t x}}').errors, ['`{{$xoauth2}}`: expected a user and a token']);
    assert.deepEqual(resolve([], '{{$boundary}}').errors, ['`{{$boundary}}`: expected one boundary number, as `{{$boundary 1}}`']);
    assert.deepEqual(resolve([], '{{$boundary x}}').errors, ['`{{$boundary}}`: expected a boundary number (1 to 999)']);
    assert.deepEqual(resolve(['@user = u'], '{{$plain {{user}} p}}'), { text: 'AHUAcA==', secrets: ['AHUAcA=='], errors: [] });
  });
});
