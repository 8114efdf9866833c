// A minimal test runner for code running inside VS Code's extension host, where node:test's reporters and process
// exit codes are not ours to use. Runs tests one after another, logs each result and a summary line, and rejects
// when any failed (which VS Code reports as exit code 1).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface E2ETest {
  readonly name: string;
  readonly run: () => Promise<void>;
}

/** Files next to the suite's index.js named `*.e2e.js` each export `e2eTests: E2ETest[]`. */
export function loadTestFiles(suiteDir: string): E2ETest[] {
  return readdirSync(suiteDir)
    .filter((file) => file.endsWith('.e2e.js'))
    .sort()
    // Suites are found at run time, so they are loaded with require.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    .flatMap((file) => (require(join(suiteDir, file)) as { e2eTests: E2ETest[] }).e2eTests);
}

export async function runE2ETests(tests: readonly E2ETest[], log: (line: string) => void): Promise<void> {
  let passed = 0;
  let failed = 0;
  for (const test of tests) {
    const started = Date.now();
    try {
      await test.run();
      passed++;
      log(`e2e: ok   ${test.name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`e2e: FAIL ${test.name} (${Date.now() - started} ms)\n${detail}`);
    }
  }
  log(`e2e: ${passed} passed, ${failed} failed`);
  if (failed > 0 || passed === 0) throw new Error(`e2e: ${failed} of ${tests.length} tests failed`);
}

/** Polls `condition` until it holds; for state VS Code exposes without an event (extension activation). */
export async function waitUntil(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
