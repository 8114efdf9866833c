// What both runners (code-server and @vscode/test-electron) test by default: the packaged extension of this
// repository, the e2e workspace and the compiled suite.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root, seen from the compiled harness in out/test/e2e. */
export const repoRoot = resolve(__dirname, '..', '..', '..');

export const defaultPaths = {
  vsix: join(repoRoot, 'smtp-transcripts.vsix'),
  workspace: join(repoRoot, 'test', 'e2e', 'workspace'),
  /** Copied into the run's workspace as examples/. */
  examples: join(repoRoot, 'examples'),
  tests: join(repoRoot, 'out', 'test', 'e2e', 'suite', 'index.js'),
  /** The suite for a workspace that is not trusted (`--workspace-trust`). */
  untrustedTests: join(repoRoot, 'out', 'test', 'e2e', 'untrusted', 'index.js'),
  /** The suites of a multi-root workspace (`--multi-root`) and of a window with no folder (`--no-folder`). */
  multiRootTests: join(repoRoot, 'out', 'test', 'e2e', 'multiRoot', 'index.js'),
  noFolderTests: join(repoRoot, 'out', 'test', 'e2e', 'noFolder', 'index.js'),
  /** Where the suite writes the activation figures it measured (read by `npm run bench`). */
  figures: join(repoRoot, 'out', 'test', 'e2e', 'figures.json'),
  /** The screenshot scenarios (`npm run screenshots`). */
  screenshotScenarios: join(repoRoot, 'out', 'test', 'e2e', 'screenshots', 'index.js'),
  /** The web extension's suite (`--web`): its source, bundled for the browser into the served extension each run. */
  webTestsSource: join(repoRoot, 'test', 'e2e', 'web', 'index.ts'),
};

/** Environment variable naming the file the suite writes its activation figures to. */
export const FIGURES_FILE_ENV = 'SMTP_E2E_FIGURES';

/** Environment variable with a pattern: only the suite's file tests whose name matches it run (`--only`). */
export const ONLY_TESTS_ENV = 'SMTP_E2E_ONLY';

/** The id VS Code gives the extension (`publisher.name`), from the manifest the .vsix is packaged from. */
export function extensionIdFromManifest(): string {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { publisher: string; name: string };
  return `${manifest.publisher}.${manifest.name}`;
}

/** Fails early, naming the command that makes the missing input. */
export function assertInputsExist(inputs: { vsix: string; workspace: string; tests: string }, exists: (p: string) => boolean): void {
  const hints = { vsix: 'npm run package', tests: 'npx tsc -b', workspace: 'a folder to open' };
  for (const key of ['vsix', 'tests', 'workspace'] as const) {
    if (!exists(inputs[key])) throw new Error(`no ${key} at ${inputs[key]} (${hints[key]})`);
  }
}
