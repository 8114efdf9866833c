// `npm run bench:summary [FILE...]`: the runs in FILEs (bench-results.json files), or every run kept in bench-runs/,
// summarized side by side (benchSummary.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResults } from './benchFigures';
import { summarizeRuns } from './benchSummary';

const RUNS_DIR = join(__dirname, '../../../bench-runs');

function main(): number {
  const given = process.argv.slice(2);
  const files = given.length > 0 ? given : existsSync(RUNS_DIR) ? readdirSync(RUNS_DIR).filter((f) => f.endsWith('.json')).sort().map((f) => join(RUNS_DIR, f)) : [];
  const runs: BenchResults[] = [];
  for (const file of files) {
    try {
      const run = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
      if (!Array.isArray(run.figures)) throw new Error('no figures in it');
      runs.push(run);
    } catch (error) {
      process.stderr.write(`bench:summary: ${file}: not a bench run (${(error as Error).message})\n`);
      return 2;
    }
  }
  runs.sort((a, b) => a.date.localeCompare(b.date));
  for (const line of summarizeRuns(runs)) console.log(line);
  return 0;
}

process.exitCode = main();
