import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BenchResults, Figure } from '../../bench/benchFigures';
import { describeTarget, verdict } from '../../bench/benchFigures';
import { summarizeRuns } from '../../bench/benchSummary';

const run = (date: string, loadAverage: number, figures: Omit<Figure, 'bench'>[], bench = 'lint'): BenchResults => ({
  date,
  node: '20.20.2',
  cpus: 2,
  loadAverage,
  figures: figures.map((f) => ({ bench, ...f })),
  lines: {},
});

test('a figure meets a ceiling at or below it and a floor at or above it', () => {
  assert.deepEqual(
    [verdict(9.9, { atMost: 10 }), verdict(10, { atMost: 10 }), verdict(10.1, { atMost: 10 }), verdict(0.9, { atLeast: 0.9 }), verdict(0.89, { atLeast: 0.9 })],
    ['OK', 'OK', 'OVER TARGET', 'OK', 'UNDER TARGET'],
  );
  assert.equal(describeTarget({ atMost: 50 }, 'ms'), '<= 50 ms');
  assert.equal(describeTarget({ atLeast: 0.9 }, 'x'), '>= 0.9x');
});

test('several runs: the best by the target\'s direction, the median, and in how many runs the target was met', () => {
  const runs = [
    run('2026-12-05T06:00:00.000Z', 1.5, [
      { name: 'parse + lint / split', value: 19.2, unit: 'x', target: { atMost: 10 } },
      { name: 'line break p95', value: 56.5, unit: 'ms', target: { atMost: 50 } },
      { name: 'load / smtp-source', value: 0.7, unit: 'x', target: { atLeast: 0.9 } },
      { name: 'bare floor', value: 0.8, unit: 'x' },
    ]),
    run('2026-12-05T06:10:00.000Z', 2.25, [
      { name: 'parse + lint / split', value: 21.6, unit: 'x', target: { atMost: 10 } },
      { name: 'line break p95', value: 48.25, unit: 'ms', target: { atMost: 50 } },
      { name: 'load / smtp-source', value: 0.96, unit: 'x', target: { atLeast: 0.9 } },
      { name: 'bare floor', value: 0.82, unit: 'x' },
    ]),
    // A run of another bench only: the lint rows have no value for it.
    run('2026-12-05T06:20:00.000Z', 0.5, [{ name: 'overhead', value: 14.9, unit: '%', target: { atMost: 20 } }], 'replay'),
  ];
  assert.deepEqual(summarizeRuns(runs), [
    '3 runs, 2026-12-05T06:00:00.000Z to 2026-12-05T06:20:00.000Z; load average at each run\'s end: 1.5, 2.3, 0.5',
    'machine: Node 20.20.2, 2 CPUs',
    '',
    'rows with a target (best and median of the runs that measured them; values oldest first):',
    '  replay / overhead: best 14.9%, median 14.9%; target <= 20%: met in 1 of 1 (met) [-, -, 14.9%]',
    '  lint / parse + lint / split: best 19.2x, median 20.4x; target <= 10x: met in 0 of 2 (missed) [19.2x, 21.6x, -]',
    '  lint / line break p95: best 48.3 ms, median 52.4 ms; target <= 50 ms: met in 1 of 2 [56.5 ms, 48.3 ms, -]',
    '  lint / load / smtp-source: best 0.96x, median 0.83x; target >= 0.9x: met in 1 of 2 [0.70x, 0.96x, -]',
    '1 of 4 rows met their target in every run that measured them',
    '',
    'other figures (for scale; median, then the values oldest first):',
    '  lint / bare floor: median 0.81x [0.80x, 0.82x, -]',
  ]);
});

test('runs written before targets were data show those figures without a target; no runs: what to do', () => {
  const old = run('2026-12-04T06:00:00.000Z', 1, [{ name: 'vsix', value: 949, unit: 'KB', target: '< 1024 KB' as never }]);
  assert.deepEqual(summarizeRuns([old]).slice(3), ['rows with a target (best and median of the runs that measured them; values oldest first):', '0 of 0 rows met their target in every run that measured them', '', 'other figures (for scale; median, then the values oldest first):', '  lint / vsix: median 949 KB [949 KB]']);
  assert.deepEqual(summarizeRuns([]), ['no bench runs to summarize: run `npm run bench` first (each run is kept in bench-runs/)']);
});
