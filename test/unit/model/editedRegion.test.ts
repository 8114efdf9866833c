import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { editedRegion } from '../../../server/src/model/editedRegion';

describe('editedRegion', () => {
  test('a character replaced, inserted, deleted', () => {
    assert.deepStrictEqual(editedRegion('S: 250 ok', 'S: 251 ok'), { prefix: 5, suffix: 3 });
    assert.deepStrictEqual(editedRegion('S: 250 ok', 'S: 2500 ok'), { prefix: 6, suffix: 3 });
    assert.deepStrictEqual(editedRegion('S: 2500 ok', 'S: 250 ok'), { prefix: 6, suffix: 3 });
  });

  test('prefix and suffix never overlap, whichever text is longer', () => {
    assert.deepStrictEqual(editedRegion('aaaa', 'aaaaaa'), { prefix: 4, suffix: 0 });
    assert.deepStrictEqual(editedRegion('aaaaaa', 'aaaa'), { prefix: 4, suffix: 0 });
    assert.deepStrictEqual(editedRegion('abab', 'ab'), { prefix: 2, suffix: 0 });
  });

  test('equal, empty and unrelated texts', () => {
    assert.deepStrictEqual(editedRegion('same', 'same'), { prefix: 4, suffix: 0 });
    assert.deepStrictEqual(editedRegion('', 'new'), { prefix: 0, suffix: 0 });
    assert.deepStrictEqual(editedRegion('abc', 'xyz'), { prefix: 0, suffix: 0 });
  });
});
