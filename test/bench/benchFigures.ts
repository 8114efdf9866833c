// The figures of a bench run as data, beside the printed lines: `npm run bench` writes them to bench-results.json
// and keeps a copy per run in bench-runs/ (both gitignored), and `npm run bench:summary` reads several runs back
// (benchSummary.ts). A bench records what it measured with `recordFigure`; a figure with a target is a row of the
// speed table, and its verdict is worked out here, once, for both the printed line and the summary.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

/** What a row must reach: a ceiling (times, ratios of times) or a floor (throughput ratios). */
export type Target = { atMost: number } | { atLeast: number };

export interface Figure {
  bench: string;
  name: string;
  value: number;
  unit: string;
  /** The same run's baseline, when the figure is compared with one. */
  baseline?: { name: string; value: number };
  target?: Target;
}

/** The file `npm run bench` writes: the figures, each bench's printed lines, the machine's load and Node's version. */
export interface BenchResults {
  date: string;
  node: string;
  cpus: number;
  loadAverage: number;
  figures: Figure[];
  lines: Record<string, string[]>;
}

const figures: Figure[] = [];
let currentBench = '';

export function startBench(name: string): void {
  currentBench = name;
}

/** Records a figure; returns its verdict (`OK`, `OVER TARGET`, `UNDER TARGET`), or '' when it has no target. */
export function recordFigure(figure: Omit<Figure, 'bench'>): string {
  figures.push({ bench: currentBench, ...figure });
  return figure.target ? verdict(figure.value, figure.target) : '';
}

export function meetsTarget(value: number, target: Target): boolean {
  return 'atMost' in target ? value <= target.atMost : value >= target.atLeast;
}

export function verdict(value: number, target: Target): string {
  if (meetsTarget(value, target)) return 'OK';
  return 'atMost' in target ? 'OVER TARGET' : 'UNDER TARGET';
}

/** `<= 10x`, `>= 0.9x`, `<= 50 ms`. */
export function describeTarget(target: Target, unit: string): string {
  return 'atMost' in target ? `<= ${withUnit(String(target.atMost), unit)}` : `>= ${withUnit(String(target.atLeast), unit)}`;
}

/** `19.2x`, `15%`, `56.5 ms`: a ratio's and a percentage's unit stand against the number. */
export function withUnit(number: string, unit: string): string {
  return unit === 'x' || unit === '%' ? `${number}${unit}` : `${number} ${unit}`;
}

/** The figures recorded in this process so far. */
export function recordedFigures(): readonly Figure[] {
  return figures;
}

/** Figures another process recorded (a section run on its own), kept as if recorded here. */
export function addFigures(recorded: readonly Figure[]): void {
  for (const figure of recorded) figures.push(figure);
}

/** Writes this run's results to `path`, and a copy named by the run's start in `runsDir`. */
export function writeBenchResults(path: string, runsDir: string, lines: Record<string, string[]>): string {
  const results: BenchResults = { date: new Date().toISOString(), node: process.versions.node, cpus: cpus().length, loadAverage: loadavg()[0], figures, lines };
  const text = JSON.stringify(results, null, 2) + '\n';
  writeFileSync(path, text);
  mkdirSync(runsDir, { recursive: true });
  const kept = join(runsDir, `${results.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(kept, text);
  return kept;
}
