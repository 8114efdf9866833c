// Runs the end-to-end suite in desktop VS Code through @vscode/test-electron, for machines that can download VS Code
// or have one (VSCODE_EXECUTABLE_PATH). Like run-code-server.js it installs the packaged .vsix into a fresh extensions
// folder and runs the installed copy. Usage (after `npm run package` and `npx tsc -b`):
//   node out/test/e2e/run-electron.js [--vsix F] [--workspace D] [--tests F] [--version 1.100.0] [--timeout S]
// Exit code: the tests' (0 pass, 1 fail), 1 on timeout, 3 when VS Code is unavailable outside CI (1 in CI).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests, TestRunFailedError } from '@vscode/test-electron';
import { defaultCacheDir, reportUnavailable } from './e2e-tooling';
import { assertInputsExist, defaultPaths, extensionIdFromManifest, FIGURES_FILE_ENV } from './harness-defaults';
import { killDescendants } from './process-tree';
import { makeScratchDirs, removeScratchDirs, scratchEnv, type ScratchDirs } from './scratch-dirs';
import { prepareTestWorkspace } from './test-workspace';

const { values: options } = parseArgs({
  options: {
    vsix: { type: 'string', default: defaultPaths.vsix },
    workspace: { type: 'string', default: defaultPaths.workspace },
    tests: { type: 'string', default: defaultPaths.tests },
    version: { type: 'string', default: 'stable' },
    timeout: { type: 'string', default: '300' },
    figures: { type: 'string', default: defaultPaths.figures },
  },
});

const say = (line: string): void => console.log(`[e2e-harness] ${line}`);
const UNAVAILABLE_HINT = 'set VSCODE_EXECUTABLE_PATH, or use out/test/e2e/run-code-server.js after .ci/e2e-setup.sh';

/** A local VS Code, or the reason there is none. A failed download means "unavailable", never "passed". */
async function findVSCode(): Promise<string | { missing: string }> {
  const local = process.env.VSCODE_EXECUTABLE_PATH;
  if (local !== undefined && local !== '') {
    return existsSync(local) ? local : { missing: `VSCODE_EXECUTABLE_PATH=${local} does not exist` };
  }
  try {
    // Downloads land beside the code-server tools, not in the repository's .vscode-test.
    const cachePath = join(defaultCacheDir(process.env), 'vscode');
    return await downloadAndUnzipVSCode({ version: options.version, cachePath, timeout: 30_000 });
  } catch (error) {
    return { missing: `VS Code ${options.version} could not be downloaded (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** Installs the .vsix with VS Code's own CLI and returns the installed extension's folder. */
async function installExtension(vscode: string, dirs: ScratchDirs, vsix: string, extensionId: string): Promise<string> {
  const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscode, { reuseMachineInstall: true });
  if (cli === undefined) throw new Error(`no VS Code CLI next to ${vscode}`);
  const child = spawn(cli, [...cliArgs, '--install-extension', vsix, '--force',
    '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData],
  { stdio: 'inherit', shell: process.platform === 'win32', env: scratchEnv(dirs, process.env) });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`VS Code --install-extension ${vsix} exited with ${code}`);
  const prefix = `${extensionId.toLowerCase()}-`;
  const folder = readdirSync(dirs.extensions).find((name) => name.toLowerCase().startsWith(prefix));
  if (folder === undefined) throw new Error(`the .vsix did not install ${extensionId}`);
  return join(dirs.extensions, folder);
}

async function main(dirs: ScratchDirs): Promise<number> {
  const inputs = { vsix: resolve(options.vsix), workspace: resolve(options.workspace), tests: resolve(options.tests) };
  assertInputsExist(inputs, existsSync);
  const vscode = await findVSCode();
  if (typeof vscode !== 'string') return reportUnavailable(vscode.missing, UNAVAILABLE_HINT, process.env);
  const extensionFolder = await installExtension(vscode, dirs, inputs.vsix, extensionIdFromManifest());
  const workspace = prepareTestWorkspace(inputs.workspace, defaultPaths.examples, dirs.workspace);
  say(`installed into ${extensionFolder}`);
  const started = Date.now();
  try {
    await runTests({
      vscodeExecutablePath: vscode,
      extensionDevelopmentPath: extensionFolder,
      extensionTestsPath: inputs.tests,
      launchArgs: [workspace, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData, '--disable-workspace-trust'],
      extensionTestsEnv: { ...scratchEnv(dirs, {}), [FIGURES_FILE_ENV]: resolve(options.figures) },
    });
    say(`tests passed ${((Date.now() - started) / 1000).toFixed(1)} s after launch`);
    return 0;
  } catch (error) {
    if (error instanceof TestRunFailedError) return error.code ?? 1;
    throw error;
  }
}

const dirs = makeScratchDirs();
const timeoutSeconds = Number(options.timeout);
const overall = setTimeout(() => {
  console.error(`E2E TIMEOUT: no test result after ${timeoutSeconds} s; stopping VS Code`);
  killDescendants(process.pid);
  removeScratchDirs(dirs);
  process.exit(1);
}, timeoutSeconds * 1000);

main(dirs).then(
  (code) => {
    clearTimeout(overall);
    removeScratchDirs(dirs);
    process.exit(code);
  },
  (error: unknown) => {
    console.error(`e2e harness error: ${error instanceof Error ? error.message : String(error)}`);
    killDescendants(process.pid);
    removeScratchDirs(dirs);
    process.exit(1);
  },
);
