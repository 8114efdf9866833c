// Several bench runs side by side (`npm run bench:summary`): each figure's best and median over the runs, and for a
// row of the speed table how many runs met its target. One run on a shared 2-core machine says little; the issue
// asks for the best and the median of several.
import { describeTarget, meetsTarget, withUnit, type BenchResults, type Figure, type Target } from './benchFigures';

interface Row {
  bench: string;
  name: string;
  unit: string;
  target?: Target;
  /** One value per run, undefined for a run that did not measure it (a bench left out, or skipped). */
  values: (number | undefined)[];
}

/** The lines to print for `runs` (oldest first). */
export function summarizeRuns(runs: readonly BenchResults[]): string[] {
  if (runs.length === 0) return ['no bench runs to summarize: run `npm run bench` first (each run is kept in bench-runs/)'];
  const rows = rowsOf(runs);
  const targeted = rows.filter((row) => row.target);
  const others = rows.filter((row) => !row.target);
  const lines = [
    `${runs.length} run${runs.length === 1 ? '' : 's'}, ${runs[0].date} to ${runs[runs.length - 1].date}; load average at each run's end: ${runs.map((r) => r.loadAverage.toFixed(1)).join(', ')}`,
  ];
  const nodes = [...new Set(runs.map((r) => `Node ${r.node}, ${r.cpus} CPUs`))];
  lines.push(`machine: ${nodes.join('; ')}`);
  lines.push('', `rows with a target (best and median of the runs that measured them; values oldest first):`);
  for (const row of targeted) {
    const measured = row.values.filter((v): v is number => v !== undefined);
    const target = row.target!;
    const best = 'atMost' in target ? Math.min(...measured) : Math.max(...measured);
    const met = measured.filter((v) => meetsTarget(v, target)).length;
    lines.push(
      `  ${row.bench} / ${row.name}: best ${figure(best, row.unit)}, median ${figure(median(measured), row.unit)}; target ${describeTarget(target, row.unit)}: ` +
        `met in ${met} of ${measured.length}${met === measured.length ? ' (met)' : met === 0 ? ' (missed)' : ''} [${valuesOf(row)}]`,
    );
  }
  const metEverywhere = targeted.filter((row) => row.values.every((v) => v === undefined || meetsTarget(v, row.target!))).length;
  lines.push(`${metEverywhere} of ${targeted.length} rows met their target in every run that measured them`);
  if (others.length > 0) {
    lines.push('', 'other figures (for scale; median, then the values oldest first):');
    for (const row of others) {
      const measured = row.values.filter((v): v is number => v !== undefined);
      lines.push(`  ${row.bench} / ${row.name}: median ${figure(median(measured), row.unit)} [${valuesOf(row)}]`);
    }
  }
  return lines;
}

/** One row per figure (bench and name), in the order the newest run recorded them; figures only older runs have come last. */
function rowsOf(runs: readonly BenchResults[]): Row[] {
  const rows = new Map<string, Row>();
  const key = (f: Figure) => `${f.bench}\u0000${f.name}`;
  const newestFirst = [...runs].reverse();
  for (const run of newestFirst) {
    for (const f of run.figures) {
      if (!rows.has(key(f))) rows.set(key(f), { bench: f.bench, name: f.name, unit: f.unit, target: targetOf(f), values: runs.map(() => undefined) });
    }
  }
  runs.forEach((run, index) => {
    for (const f of run.figures) rows.get(key(f))!.values[index] = f.value;
  });
  return [...rows.values()];
}

/** Runs written before targets were data carry them as text: such a figure is shown without one. */
function targetOf(figure: Figure): Target | undefined {
  const target: unknown = figure.target;
  return typeof target === 'object' && target !== null && ('atMost' in target || 'atLeast' in target) ? (target as Target) : undefined;
}

function valuesOf(row: Row): string {
  return row.values.map((v) => (v === undefined ? '-' : figure(v, row.unit))).join(', ');
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** `19.2x`, `56.5 ms`, `951 KB`: two significant decimals for small values, fewer for large ones. */
function figure(value: number, unit: string): string {
  const digits = Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0;
  return withUnit(value.toFixed(digits), unit);
}
