import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDomainName } from '../../../server/src/dialogue';

test('isDomainName: labels of 1-63 letters, digits, inner hyphens and underscores, 253 characters at most, no final dot', () => {
  const label63 = 'a'.repeat(63);
  const names: Array<[string, boolean]> = [
    ['example.test', true],
    ['_dmarc.Example.TEST', true],
    ['my_host.test', true],
    ['localhost', true],
    ['xn--bcher-kva.example', true],
    [`${label63}.test`, true],
    [`${label63}a.test`, false],
    [[label63, label63, label63, 'a'.repeat(61)].join('.'), true],
    [[label63, label63, label63, 'a'.repeat(62)].join('.'), false],
    ['-a.test', false],
    ['a-.test', false],
    ['a..test', false],
    ['example.test.', false],
    ['x[31m.test', false],
    ['bücher.example', false],
    ['', false],
  ];
  assert.deepEqual(names.map(([name]) => [name, isDomainName(name)]), names);
});
