// `npm run bench`: every figure is measured in this run, next to its baseline, and printed as a ratio or a median.
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
  { name: 'editor', run: benchEditor },
  { name: 'local-server', run: benchLocalServer },
  { name: 'mock', run: benchMock },
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  for (const bench of benches.filter((b) => only.length === 0 || only.includes(b.name))) {
    console.log(`\n== ${bench.name}`);
    try {
      for (const line of await bench.run()) console.log(line);
    } catch (error) {
      console.log(`  FAILED: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  }
}

void main();
