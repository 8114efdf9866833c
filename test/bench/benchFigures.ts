// The figures of a bench run as data, beside the printed lines: `npm run bench` writes them to bench-results.json
// (gitignored) so that two runs can be compared. A bench records what it measured with `recordFigure`.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

export interface Figure {
  bench: string;
  name: string;
  value: number;
  unit: string;
  /** The same run's baseline, when the figure is compared with one. */
  baseline?: { name: string; value: number };
  target?: string;
}

const figures: Figure[] = [];
let currentBench = '';

export function startBench(name: string): void {
  currentBench = name;
}

export function recordFigure(figure: Omit<Figure, 'bench'>): void {
  figures.push({ bench: currentBench, ...figure });
}

/** Everything recorded, with each bench's printed lines, the machine's load and Node's version. */
export function writeBenchResults(path: string, lines: Record<string, string[]>): void {
  const results = {
    date: new Date().toISOString(),
    node: process.versions.node,
    cpus: cpus().length,
    loadAverage: loadavg()[0],
    figures,
    lines,
  };
  writeFileSync(path, JSON.stringify(results, null, 2) + '\n');
}
