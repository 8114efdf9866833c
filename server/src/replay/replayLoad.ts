// Load mode: a transcript's sessions replayed `repeat` times over `concurrency` connections at once, each finished
// session handed to the caller as it ends (so a long run keeps no results), the way smtp-source -s C -m N loads a
// server. Each session is an ordinary replay: the same checks, the same expectations.
import type { Session, Transcript } from '../model/types';
import { replaySession } from './replayTranscript';
import type { ReplayOptions, SessionResult } from './replayTypes';
import type { Preflight } from './sessionPreflight';

export interface LoadPlan {
  repeat: number;
  concurrency: number;
}

/** Resolves with the wall time in ms once every session ended (or the signal stopped the queue). */
export async function replayLoad(
  files: ReadonlyArray<{ transcript: Transcript; sessions: readonly Session[]; options: ReplayOptions }>,
  plan: LoadPlan,
  onSession: (result: SessionResult) => void,
): Promise<number> {
  // A finer clock than Date.now(): exchanges on loopback take well under a millisecond. Only the tallies are kept,
  // so no wire log; each session is checked before connecting once, not at every repetition.
  const clock = (): number => performance.now();
  const checkedSessions = new Map<Session, Preflight>();
  const round = files.flatMap((file) => {
    const options: ReplayOptions = { ...file.options, clock, wireLog: false, checkedSessions };
    return file.sessions.map((session) => ({ transcript: file.transcript, session, options }));
  });
  const total = round.length * plan.repeat;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const job = round[next++ % round.length];
      if (job.options.signal?.aborted) return;
      onSession(await replaySession(job.transcript, job.session, job.options));
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(plan.concurrency, total) }, worker));
  return performance.now() - started;
}
