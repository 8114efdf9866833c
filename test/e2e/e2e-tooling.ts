// Where the end-to-end tools live (installed by .ci/e2e-setup.sh) and what to do when they are missing.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Exit code of a run that could not start because tooling is missing (outside CI): neither a pass nor a test failure. */
export const EXIT_SKIPPED = 3;

export interface CodeServerTooling {
  /** Node 24 binary: code-server's engine (the repository itself runs on Node 20). */
  readonly node: string;
  /** code-server's entry script, run with `node`. */
  readonly codeServerEntry: string;
  readonly chromium: string;
}

export function defaultCacheDir(env: NodeJS.ProcessEnv): string {
  return env.SMTP_E2E_CACHE ?? '/opt/smtp-transcripts-e2e';
}

/** The tools' paths, or the reason they cannot be used. */
export function findCodeServerTooling(env: NodeJS.ProcessEnv): CodeServerTooling | { readonly missing: string } {
  const cache = defaultCacheDir(env);
  const node = join(cache, 'node', 'bin', 'node');
  const codeServerEntry = join(cache, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const chromium = env.SMTP_E2E_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(node)) return { missing: `Node 24 not found at ${node}` };
  if (!existsSync(join(cache, 'code-server', '.complete')) || !existsSync(codeServerEntry)) {
    return { missing: `code-server not installed under ${join(cache, 'code-server')}` };
  }
  if (!existsSync(chromium)) return { missing: `Chromium not found at ${chromium}` };
  return { node, codeServerEntry, chromium };
}

/**
 * Reports that the suite cannot run and returns the exit code: in CI (CI=true) missing tooling fails the build,
 * elsewhere it is a loud skip with its own code so a caller can tell it from a pass.
 */
export function reportUnavailable(why: string, hint: string, env: NodeJS.ProcessEnv): number {
  const inCi = env.CI === 'true';
  const banner = '='.repeat(72);
  const headline = inCi ? `E2E FAILED (CI=true): ${why}` : `E2E SKIPPED: ${why} - ${hint}`;
  console.error(`${banner}\n${headline}\n${banner}`);
  return inCi ? 1 : EXIT_SKIPPED;
}
