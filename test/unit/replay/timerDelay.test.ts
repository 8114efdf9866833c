import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_TIMER_MS, timerDelay } from '../../../server/src/replay/timerDelay';

test('every timeout replay sets fits setTimeout', () => {
  assert.deepEqual([300, 99_999_999_000, Infinity, Number.NaN, -5, 0].map(timerDelay), [300, MAX_TIMER_MS, MAX_TIMER_MS, MAX_TIMER_MS, 0, 0]);
  assert.equal(MAX_TIMER_MS, 2_147_483_647);
});
