// Repeated timing with median and p95: benchmarks report ratios against a baseline measured in the same run.
import { performance } from 'node:perf_hooks';

export interface Timing {
  median: number;
  p95: number;
  runs: number;
}

export function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), runs: sorted.length };
}

/**
 * A full collection before a measure (`npm run bench` exposes `gc`), so that each one starts from a clean heap and
 * does not pay for the garbage the one before it left (a lint from scratch of 100k lines leaves hundreds of MB).
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** A turn of the event loop of its own, as the language server gets each message. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** `warmUps`: calls before the timed ones (JIT and caches). */
export function timeSync(runs: number, fn: () => unknown, warmUps = 1): Timing {
  collectGarbage();
  for (let i = 0; i < warmUps; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

/**
 * `timeSync`, each call in a turn of the event loop of its own, as the language server gets each keystroke (a message
 * of its own). In one synchronous loop every object a `WeakRef` was made for or read from stays alive until the loop
 * ends (ECMAScript's KeepDuringJob): a parse noting the one it came from (model/contentEdit.ts) then kept every
 * previous parse of the run, hundreds of MB the server never holds, and the collector's time with them.
 */
export async function timeEachTurn(runs: number, fn: () => unknown, warmUps = 1): Promise<Timing> {
  collectGarbage();
  for (let i = 0; i < warmUps; i++) {
    await nextTurn();
    fn();
  }
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    await nextTurn();
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

/**
 * `timeEachTurn` for a request that comes after several edits: before each timed call, `untimed` is called
 * `untimedTurns` times, each in a turn of its own (the keystrokes the editor sent meanwhile, parsed for other requests).
 */
export async function timeAfterTurns(runs: number, untimed: () => unknown, untimedTurns: number, fn: () => unknown, warmUps = 1): Promise<Timing> {
  const timed: number[] = [];
  collectGarbage();
  for (let i = 0; i < runs + warmUps; i++) {
    for (let k = 0; k < untimedTurns; k++) {
      await nextTurn();
      untimed();
    }
    await nextTurn();
    const start = performance.now();
    fn();
    if (i >= warmUps) timed.push(performance.now() - start);
  }
  return summarize(timed);
}

export async function timeAsync(runs: number, fn: () => Promise<unknown>): Promise<Timing> {
  collectGarbage();
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

export const ms = (n: number): string => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
