// setTimeout takes at most 2^31-1 ms: a longer delay (or NaN) fires after 1 ms with a TimeoutOverflowWarning, which
// would turn a generous `--timeout 99999999s` into an immediate timeout.
import { MAX_TIMER_MS } from '../settings/settingValues';

export { MAX_TIMER_MS };

/** A delay setTimeout honours: within 0..2^31-1 ms; NaN waits as long as a timer can. */
export function timerDelay(ms: number): number {
  if (Number.isNaN(ms)) return MAX_TIMER_MS;
  return Math.min(Math.max(ms, 0), MAX_TIMER_MS);
}
