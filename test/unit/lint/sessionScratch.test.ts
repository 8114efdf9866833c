// Lint's per-session memos: a value is computed once per key while lint checks one session, whether the session asks
// about a few keys or many, and computed again once lint has moved on to another session.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkingSession, doneChecking, scratchMemo } from '../../../server/src/features/lint/sessionScratch';
import type { Session } from '../../../server/src/model';

const session = (index: number): Session => ({ index, range: { start: { line: index, character: 0 }, end: { line: index, character: 0 } }, directives: [], exchanges: [] });

/** A memo counting its computations, over keys `{ n }`. */
function countingMemo(): { memo: (key: { n: number }) => number; computed: number[] } {
  const computed: number[] = [];
  return {
    memo: scratchMemo((key: { n: number }) => {
      computed.push(key.n);
      return key.n * 10;
    }),
    computed,
  };
}

test('a few keys, and many more than a short list holds, are each computed once per session', () => {
  const { memo, computed } = countingMemo();
  checkingSession(session(0));
  const keys = Array.from({ length: 20 }, (_, n) => ({ n }));
  assert.deepEqual(keys.map(memo), keys.map((k) => k.n * 10));
  assert.deepEqual(keys.map(memo), keys.map((k) => k.n * 10));
  assert.deepEqual(computed, keys.map((k) => k.n));
  doneChecking();
});

test('another session, or the end of the pass, drops what was kept', () => {
  const { memo, computed } = countingMemo();
  const few = [{ n: 1 }];
  const many = Array.from({ length: 12 }, (_, n) => ({ n: 100 + n }));
  for (const keys of [few, many]) {
    computed.length = 0;
    checkingSession(session(0));
    keys.forEach(memo);
    keys.forEach(memo);
    checkingSession(session(1));
    keys.forEach(memo);
    doneChecking();
    keys.forEach(memo);
    assert.deepEqual(computed, [...keys, ...keys, ...keys].map((k) => k.n));
    doneChecking();
  }
});

test('an undefined value is kept too', () => {
  const computed: number[] = [];
  const memo = scratchMemo((key: { n: number }) => void computed.push(key.n));
  checkingSession(session(0));
  const keys = Array.from({ length: 12 }, (_, n) => ({ n }));
  for (const key of [...keys, ...keys]) assert.equal(memo(key), undefined);
  assert.deepEqual(computed, keys.map((k) => k.n));
  doneChecking();
});
