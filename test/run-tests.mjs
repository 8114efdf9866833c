// Runs every test suite with Node's test runner and prints one summary line per suite and a total.
// Suites: unit (pure functions), cli (the bundled CLI as a process), lsp (the language server over stdio), integration (real SMTP servers), e2e (VS Code).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);
const suites = ['unit', 'cli', 'lsp', 'integration'].filter((s) => only.length === 0 || only.includes(s));

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return name.endsWith('.test.js') ? [path] : [];
  });
}

let failed = 0;
let passed = 0;
for (const suite of suites) {
  const files = testFiles(join(root, 'out', 'test', suite));
  if (files.length === 0) {
    console.log(`${suite}: no test files found`);
    failed++;
    continue;
  }
  const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', ...files], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  process.stdout.write(run.stdout);
  const count = (label) => Number((run.stdout.match(new RegExp(`ℹ ${label} (\\d+)`)) ?? [])[1] ?? 0);
  const p = count('pass');
  const f = count('fail') + (run.status !== 0 && count('fail') === 0 ? 1 : 0);
  console.log(`${suite}: ${p} passed, ${f} failed, ${count('skipped')} skipped`);
  passed += p;
  failed += f;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
