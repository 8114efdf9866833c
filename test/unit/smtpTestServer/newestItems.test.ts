import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NewestItems } from '../../../server/src/smtpTestServer/newestItems';

test('keeps the newest items, oldest first, and counts every one', () => {
  const list = new NewestItems<string>(2);
  assert.deepEqual([list.items, list.total], [[], 0]);
  list.add('a');
  list.add('b');
  assert.deepEqual([list.items, list.total], [['a', 'b'], 2]);
  list.add('c');
  assert.deepEqual([list.items, list.total], [['b', 'c'], 3]);
});

test('the same array throughout: a reader holding it sees what is added', () => {
  const list = new NewestItems<number>(1);
  const held = list.items;
  list.add(1);
  list.add(2);
  assert.equal(held, list.items);
  assert.deepEqual(held, [2]);
});

test('a limit below one is a programming error', () => {
  assert.throws(() => new NewestItems(0), /at least one item, not 0/);
  assert.throws(() => new NewestItems(1.5), /at least one item, not 1.5/);
});
