// Runs every test suite and prints one summary line per suite and a total:
//   lint (ESLint), unit (pure functions, and the layer boundaries), cli (the bundled CLI as a process), lsp (the language server over stdio with a real
//   LSP client), integration (real SMTP servers on loopback), e2e (the packaged extension in a real VS Code), e2e-web (its
//   web build in VS Code's web worker extension host), e2e-untrusted (restricted mode), e2e-multiroot (a workspace of two
//   folders), e2e-nofolder (no folder open); `e2e` runs all five.
// `node test/run-tests.mjs unit lsp` runs only those suites. Expects `npm run build` to have run (npm test does);
// only the e2e suite needs the packaged .vsix, and it packages one first.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);
const wanted = (suite) => only.length === 0 || only.includes(suite);
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return name.endsWith('.test.js') ? [path] : [];
  });
}

function record(suite, passed, failed, skipped, note = '') {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(`${suite}: ${passed} passed, ${failed} failed, ${skipped} skipped${note}`);
}

// Code lint: ESLint over the repository (the layer boundaries run in the unit suite, boundaries.test.ts).
if (wanted('lint')) {
  console.log('\n=== lint (ESLint) ===');
  const run = spawnSync(join(root, 'node_modules', '.bin', 'eslint'), ['.'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  record('lint', run.status === 0 ? 1 : 0, run.status === 0 ? 0 : 1, 0, run.status === 0 ? '' : ' (ESLint reported problems, see above)');
}

for (const suite of ['unit', 'cli', 'lsp', 'integration'].filter(wanted)) {
  const files = testFiles(join(root, 'out', 'test', suite));
  if (files.length === 0) {
    record(suite, 0, 1, 0, ' (no test files found: did the build run?)');
    continue;
  }
  console.log(`\n=== ${suite} tests (${files.length} files) ===`);
  const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', ...files], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  process.stdout.write(run.stdout);
  const count = (label) => Number((run.stdout.match(new RegExp(`ℹ ${label} (\\d+)`)) ?? [])[1] ?? 0);
  const failed = count('fail') + count('cancelled');
  // A runner that died without counting a failure still failed.
  record(suite, count('pass'), failed + (run.status !== 0 && failed === 0 ? 1 : 0), count('skipped') + count('todo'));
}

// e2e: the desktop (Node) extension host; e2e-web: the web build in the web worker extension host (--web);
// e2e-untrusted: restricted mode, with workspace trust on (--workspace-trust); e2e-multiroot: two folders (--multi-root);
// e2e-nofolder: no folder open (--no-folder).
const e2eSuites = [
  { suite: 'e2e', args: [], title: 'the packaged extension in code-server + headless Chromium' },
  { suite: 'e2e-web', args: ['--web'], title: "the packaged extension's web build in the web worker extension host" },
  { suite: 'e2e-untrusted', args: ['--workspace-trust'], title: 'the packaged extension in a workspace that is not trusted (restricted mode)' },
  { suite: 'e2e-multiroot', args: ['--multi-root'], title: 'the packaged extension in a multi-root workspace of two folders' },
  { suite: 'e2e-nofolder', args: ['--no-folder'], title: 'the packaged extension in a window with no folder open' },
].filter(({ suite }) => wanted(suite) || (suite !== 'e2e' && suite.startsWith('e2e-') && only.includes('e2e')));
const packaged = e2eSuites.length === 0 ? undefined : spawnSync('npm', ['run', '--silent', 'package:vsix'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
for (const { suite, args, title } of e2eSuites) {
  console.log(`\n=== ${suite} tests (${title}) ===`);
  const run = packaged.status !== 0 ? { status: -1, stdout: 'packaging the .vsix failed (see above)\n' } : spawnSync(process.execPath, [join(root, 'out', 'test', 'e2e', 'run-code-server.js'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(run.stdout);
  const summary = /^e2e: (\d+) passed, (\d+) failed/m.exec(run.stdout);
  if (run.status === 3) {
    record(suite, 0, 0, 1, ' - E2E SKIPPED: no VS Code here (see above); run `bash .ci/e2e-setup.sh` as root to install it');
  } else if (summary) {
    const failed = Number(summary[2]);
    record(suite, Number(summary[1]), failed + (run.status !== 0 && failed === 0 ? 1 : 0), 0);
  } else {
    record(suite, 0, 1, 0, ` (the harness exited ${run.status} without a summary)`);
  }
}

console.log('\n=== summary ===');
for (const line of lines) console.log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
