// `npm run bench`: every figure is measured in this run, next to its baseline, and printed as a ratio or a median;
// the figures go to bench-results.json in the repository root too, and a copy to bench-runs/ (benchFigures.ts), which
// `npm run bench:summary` reads to show several runs side by side.
import { join } from 'node:path';
import { startBench, writeBenchResults } from './benchFigures';
import { benchLoad } from './loadBench';
import { benchEditor } from './editor';
import { benchLint } from './lintBench';
import { benchLocalServer } from './localServerBench';
import { benchLsp } from './lspBench';
import { benchMock } from './mockBench';
import { benchReplay } from './replayBench';

type Bench = { name: string; run: () => string[] | Promise<string[]> };

const benches: Bench[] = [
  { name: 'lint', run: benchLint },
  { name: 'lsp', run: benchLsp },
  { name: 'replay', run: benchReplay },
  { name: 'load', run: benchLoad },
  { name: 'editor', run: benchEditor },
  { name: 'local-server', run: benchLocalServer },
  { name: 'mock', run: benchMock },
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const printed: Record<string, string[]> = {};
  for (const bench of benches.filter((b) => only.length === 0 || only.includes(b.name))) {
    console.log(`\n== ${bench.name}`);
    (globalThis as { gc?: () => void }).gc?.();
    startBench(bench.name);
    try {
      printed[bench.name] = await bench.run();
      for (const line of printed[bench.name]) console.log(line);
    } catch (error) {
      printed[bench.name] = [`FAILED: ${(error as Error).message}`];
      console.log(`  FAILED: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  }
  const root = join(__dirname, '../../..');
  const resultsFile = join(root, 'bench-results.json');
  const kept = writeBenchResults(resultsFile, join(root, 'bench-runs'), printed);
  console.log(`\nfigures written to ${resultsFile} (and kept as ${kept}; \`npm run bench:summary\` shows the runs kept side by side)`);
}

void main();
