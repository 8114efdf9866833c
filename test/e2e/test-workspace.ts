// The folder VS Code opens for a run: a fresh copy of test/e2e/workspace with the repository's examples/ inside it,
// so that tests may write files and change workspace settings without touching the repository.
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Workspace settings every run starts from: short reply timeouts so that a wrong target fails fast. */
const WORKSPACE_SETTINGS = {
  'smtp.replay.timeout': '5s',
  'smtp.replay.connectTimeout': '5s',
};

/**
 * A multi-root workspace (`run-code-server.js --multi-root`): folders `alpha` and `beta` side by side, each with the
 * short timeouts in its own `.vscode/settings.json`, and `multi.code-workspace` naming both; the tests write the
 * transcripts. Returns the `.code-workspace` file.
 */
export function prepareMultiRootWorkspace(destination: string): string {
  for (const folder of MULTI_ROOT_FOLDERS) {
    mkdirSync(join(destination, folder, '.vscode'), { recursive: true });
    writeFileSync(join(destination, folder, '.vscode', 'settings.json'), JSON.stringify(WORKSPACE_SETTINGS, null, 2));
  }
  const file = join(destination, 'multi.code-workspace');
  writeFileSync(file, JSON.stringify({ folders: MULTI_ROOT_FOLDERS.map((path) => ({ path })), settings: {} }, null, 2));
  return file;
}

export const MULTI_ROOT_FOLDERS = ['alpha', 'beta'] as const;

export function prepareTestWorkspace(source: string, examples: string | undefined, destination: string): string {
  cpSync(source, destination, { recursive: true });
  if (examples !== undefined && existsSync(examples)) cpSync(examples, join(destination, 'examples'), { recursive: true });
  mkdirSync(join(destination, '.vscode'), { recursive: true });
  const settingsFile = join(destination, '.vscode', 'settings.json');
  if (!existsSync(settingsFile)) writeFileSync(settingsFile, JSON.stringify(WORKSPACE_SETTINGS, null, 2));
  return destination;
}
