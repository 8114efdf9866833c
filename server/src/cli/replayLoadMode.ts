// `smtp-transcript replay --repeat N --concurrency C`: the load mode's options and its run; the figures come from
// report/loadStatistics.ts, the sessions from replay/replayLoad.ts.
import { setMaxListeners } from 'node:events';
import type { Session, Transcript } from '../model/types';
import { replayLoad, type LoadPlan } from '../replay/replayLoad';
import type { ReplayOptions } from '../replay/replayTypes';
import { locatedErrorText, errorInfo } from '../replay/replayError';
import { transcriptProblem } from '../replay/replayTranscript';
import { formatLoadText, LoadTally } from '../report/loadStatistics';
import { UsageError, type CliIo } from './io';

const LIMITS = { repeat: 1_000_000, concurrency: 1000 };

/** The plan when --repeat or --concurrency was given; undefined for an ordinary replay. */
export function loadPlanOption(values: { repeat?: string; concurrency?: string; update?: boolean; reporter?: string }): LoadPlan | undefined {
  if (values.repeat === undefined && values.concurrency === undefined) return undefined;
  if (values.update) throw new UsageError('--update rewrites expectations from one replay: not with --repeat or --concurrency');
  if (values.reporter === 'junit' || values.reporter === 'github') throw new UsageError(`load mode (--repeat, --concurrency) reports as text or json, not ${values.reporter}`);
  return { repeat: count('--repeat', values.repeat, LIMITS.repeat), concurrency: count('--concurrency', values.concurrency, LIMITS.concurrency) };
}

function count(option: string, text: string | undefined, max: number): number {
  if (text === undefined) return 1;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) throw new UsageError(`${option} must be a whole number from 1 to ${max}, not '${text}'`);
  return Number(text);
}

export interface LoadFile {
  display: string;
  transcript: Transcript;
  sessions: number[];
  options: ReplayOptions;
}

/** Runs the plan and prints its figures; the exit code is replay's: 0 all passed, 1 a failure, 2 an error. */
export async function runLoadMode(io: CliIo, files: LoadFile[], plan: LoadPlan, reporter: string): Promise<number> {
  // As an ordinary replay: a transcript with structural errors is refused before anything connects.
  for (const file of files) {
    const problem = transcriptProblem(file.transcript);
    if (problem) {
      io.stderr(`smtp-transcript replay: ${file.display}: ${locatedErrorText(errorInfo(problem))}\n`);
      return 2;
    }
  }
  const tally = new LoadTally();
  // Each connection under way listens for the interrupt: C of them at once is no leak.
  const signal = files[0]?.options.signal;
  if (signal) setMaxListeners(plan.concurrency * 2 + 10, signal);
  const jobs = files.map((file) => ({
    transcript: file.transcript,
    sessions: file.transcript.sessions.filter((s: Session) => file.sessions.includes(s.index)),
    options: file.options,
  }));
  const measured = await replayLoad(jobs, plan, (session) => tally.add(session));
  // Rates come from the wall time as reported (to the microsecond), so a reader's division gives the same figure.
  const wallMs = Math.round(measured * 1000) / 1000;
  const figures = tally.figures({ ...plan, wallMs });
  if (reporter === 'json') io.stdout(JSON.stringify({ ...figures, firstProblem: tally.firstProblem }, toMicroseconds, 2) + '\n');
  else {
    io.stdout(formatLoadText(figures));
    if (tally.firstProblem) io.stderr(`smtp-transcript replay: first problem: ${tally.firstProblem}\n`);
  }
  if (figures.errors > 0) return 2;
  return figures.failed > 0 ? 1 : 0;
}

/** Times and rates to three decimals: finer than that is the clock's noise. */
function toMicroseconds(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value;
}
