// `npm run bench`: every figure is measured in this run, next to its baseline, and printed as a ratio or a median;
// the figures go to bench-results.json in the repository root too, and a copy to bench-runs/ (benchFigures.ts), which
// `npm run bench:summary` reads to show several runs side by side.
// Each section runs in a process of its own: one section's heap, compiled code and open handles do not weigh on the
// next one's figures (the replay's CPU in process was 2.2-2.6x smtp-source's on its own, 4.4-5.9x after the lint and
// LSP sections in the same process), and `npm run bench replay` measures what a whole run does.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addFigures, recordedFigures, startBench, writeBenchResults, type Figure } from './benchFigures';
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

/** Set in a section's own process: where it writes what it recorded for the run that started it. */
const SECTION_OUTPUT = 'SMTP_BENCH_SECTION_OUTPUT';

interface SectionOutput {
  lines: string[];
  figures: readonly Figure[];
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const output = process.env[SECTION_OUTPUT];
  if (output) return runSection(only[0], output);
  const unknown = only.filter((name) => !benches.some((b) => b.name === name));
  if (unknown.length > 0) {
    console.error(`no bench section named ${unknown.join(', ')}: the sections are ${benches.map((b) => b.name).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const printed: Record<string, string[]> = {};
  const scratch = mkdtempSync(join(tmpdir(), 'smtp-bench-'));
  try {
    for (const bench of benches.filter((b) => only.length === 0 || only.includes(b.name))) {
      console.log(`\n== ${bench.name}`);
      const file = join(scratch, `${bench.name}.json`);
      const code = await inItsOwnProcess(bench.name, file);
      const section = readSection(file);
      if (code !== 0) process.exitCode = 1;
      if (section) {
        printed[bench.name] = section.lines;
        addFigures(section.figures);
      } else {
        printed[bench.name] = [`FAILED: the section's process exited ${code} without its figures`];
        console.log(`  ${printed[bench.name][0]}`);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const root = join(__dirname, '../../..');
  const resultsFile = join(root, 'bench-results.json');
  const kept = writeBenchResults(resultsFile, join(root, 'bench-runs'), printed);
  console.log(`\nfigures written to ${resultsFile} (and kept as ${kept}; \`npm run bench:summary\` shows the runs kept side by side)`);
}

/** The section `name` in a new Node process (the same flags as this one); resolves with its exit code. */
function inItsOwnProcess(name: string, output: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, __filename, name], { stdio: 'inherit', env: { ...process.env, [SECTION_OUTPUT]: output } });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
}

function readSection(file: string): SectionOutput | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SectionOutput;
  } catch {
    return undefined;
  }
}

/** In a section's own process: runs it, prints its lines and writes them with its figures to `output`. */
async function runSection(name: string, output: string): Promise<void> {
  const bench = benches.find((b) => b.name === name);
  if (!bench) throw new Error(`no bench section named ${name}`);
  startBench(bench.name);
  let lines: string[];
  try {
    lines = await bench.run();
    for (const line of lines) console.log(line);
  } catch (error) {
    lines = [`FAILED: ${(error as Error).message}`];
    console.log(`  ${lines[0]}`);
    process.exitCode = 1;
  }
  writeFileSync(output, JSON.stringify({ lines, figures: recordedFigures() } satisfies SectionOutput));
}

void main();
