// A duration option of the long-running commands (`mock --timeout`, `serve --command-timeout`): read as the
// settings read durations (settingValues.ts), more than 0 and at most what a timer can wait, as the README says.
import { DURATION_TAKES } from '../settings/settingRefusal';
import { MAX_TIMER_MS, parseDuration } from '../settings/settingValues';
import { UsageError } from './io';

/** Milliseconds, or undefined when the option was not given; a UsageError naming the option otherwise. */
export function durationOption(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined) throw new UsageError(`${option} takes ${DURATION_TAKES}, not '${text}'`);
  // 0 would time every client out at once.
  if (ms <= 0) throw new UsageError(`${option} must be more than 0, not '${text}'`);
  // Node fires a longer timer after 1 ms instead.
  if (ms > MAX_TIMER_MS) throw new UsageError(`${option} can be at most ${MAX_TIMER_MS}ms (about 24 days), not '${text}'`);
  return ms;
}
