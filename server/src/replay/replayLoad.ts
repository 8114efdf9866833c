// Load mode: a transcript's sessions replayed `repeat` times over `concurrency` connections at once, each finished
// session handed to the caller as it ends (so a long run keeps no results), the way smtp-source -s C -m N loads a
// server. Each session is an ordinary replay: the same checks, the same expectations.
import type { Session, Transcript } from '../model/types';
import { replaySession } from './replayTranscript';
import type { ReplayOptions, SessionResult } from './replayTypes';

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
  const round = files.flatMap((file) => file.sessions.map((session) => ({ ...file, session })));
  const total = round.length * plan.repeat;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const job = round[next++ % round.length];
      if (job.options.signal?.aborted) return;
      // A finer clock than Date.now(): exchanges on loopback take well under a millisecond.
      onSession(await replaySession(job.transcript, job.session, { ...job.options, clock: () => performance.now() }));
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(plan.concurrency, total) }, worker));
  return performance.now() - started;
}
