// Each file's last runs, in memory: the actual transcript of each (what the server said, as a .smtp text), so that
// any two can be diffed. Bounded: the last RUNS_KEPT runs per file; the oldest goes first.
import type { ReplayResult } from '../../../server/src/engine';
import type { RunEntry } from './resultViewModel';

export const RUNS_KEPT = 10;

export interface Run extends RunEntry {
  /** The actual transcript: the file's text with the server's replies in place of its S: lines. */
  actual: string;
}

export class RunHistory {
  private readonly runs = new Map<string, Run[]>();
  private nextId = 1;

  /** Records a run of `file` (a URI's text); `at` names it in the view. */
  add(file: string, result: ReplayResult, actual: string, at: Date): Run {
    const exchanges = result.sessions.flatMap((s) => s.exchanges);
    const failed = exchanges.filter((e) => e.status === 'fail' || e.status === 'error').length;
    const outcome = result.status === 'pass' ? 'passed' : result.status === 'fail' ? `${failed} failed` : 'error';
    const run: Run = { id: this.nextId++, label: `${at.toISOString().slice(11, 19)} · ${outcome}`, status: result.status, actual };
    const runs = [...(this.runs.get(file) ?? []), run].slice(-RUNS_KEPT);
    this.runs.set(file, runs);
    return run;
  }

  /** The file's runs, oldest first. */
  of(file: string): readonly Run[] {
    return this.runs.get(file) ?? [];
  }

  find(file: string, id: number): Run | undefined {
    return this.of(file).find((run) => run.id === id);
  }
}
