// Lists in line order: where a line starts in one, and the items on a span of lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstFromLine, itemsOnLines } from '../../../server/src/model/byLine';

const items = [{ line: 2 }, { line: 4 }, { line: 4 }, { line: 9 }];
const lineOf = (item: { line: number }) => item.line;

test('the first item on a line or below it, the length when none is', () => {
  assert.deepStrictEqual([0, 2, 3, 4, 5, 9, 10].map((line) => firstFromLine(items, line, lineOf)), [0, 0, 1, 1, 3, 3, 4]);
  assert.equal(firstFromLine([], 3, lineOf), 0);
});

test('the items on lines [from, end)', () => {
  assert.deepStrictEqual(itemsOnLines(items, 4, 9, lineOf), [items[1], items[2]]);
  assert.deepStrictEqual(itemsOnLines(items, 5, 9, lineOf), []);
  assert.deepStrictEqual(itemsOnLines(items, 0, 100, lineOf), items);
});
