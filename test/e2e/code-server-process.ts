// Installs a packaged extension into code-server and starts code-server on a free loopback port.
// code-server runs in a process group of its own so that stopping it also ends its extension host and other children.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { CodeServerTooling } from './e2e-tooling';
import type { ScratchDirs } from './scratch-dirs';

export interface RunningCodeServer {
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
}

/** Runs `code-server --install-extension` and returns the folder the extension was installed into. */
export async function installExtension(
  tooling: CodeServerTooling,
  dirs: ScratchDirs,
  vsixPath: string,
  extensionId: string,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const args = [tooling.codeServerEntry, '--install-extension', vsixPath, '--force',
    '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData, '--config', dirs.codeServerConfig];
  const child = spawn(tooling.node, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`code-server --install-extension ${vsixPath} exited with ${code}:\n${output}`);
  return installedExtensionFolder(dirs.extensions, extensionId, output);
}

interface ExtensionsJsonEntry {
  readonly identifier: { readonly id: string };
  readonly location: { readonly path?: string; readonly fsPath?: string };
}

/** Reads the extensions dir's own index (extensions.json) rather than guessing the `<id>-<version>` folder name. */
function installedExtensionFolder(extensionsDir: string, extensionId: string, installOutput: string): string {
  const entries = JSON.parse(readFileSync(`${extensionsDir}/extensions.json`, 'utf8')) as ExtensionsJsonEntry[];
  const entry = entries.find((e) => e.identifier.id.toLowerCase() === extensionId.toLowerCase());
  const folder = entry?.location.fsPath ?? entry?.location.path;
  if (folder === undefined) {
    throw new Error(`the .vsix did not install an extension with id ${extensionId} (wrong publisher.name?):\n${installOutput}`);
  }
  return folder;
}

async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

/**
 * Starts code-server and resolves once it says it listens and /healthz answers. `--vscode-option
 * enable-smoke-test-driver` makes the workbench honour the `payload` URL parameter (extension tests).
 */
export async function startCodeServer(
  tooling: CodeServerTooling,
  dirs: ScratchDirs,
  workspace: string | undefined,
  env: NodeJS.ProcessEnv,
  onOutput: (line: string) => void,
  /** Workspace trust as a user has it (the folder opens untrusted, in restricted mode); off by default. */
  options: { workspaceTrust?: boolean } = {},
): Promise<RunningCodeServer> {
  const port = await freeLoopbackPort();
  const args = [tooling.codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    ...(options.workspaceTrust === true ? [] : ['--disable-workspace-trust']), '--vscode-option', 'enable-smoke-test-driver',
    '--config', dirs.codeServerConfig, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
    ...(workspace === undefined ? [] : [workspace])];
  const child = spawn(tooling.node, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const recentLines: string[] = [];
  const listening = new Promise<void>((resolve, reject) => {
    const watchLines = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim() === '') continue;
        onOutput(line);
        recentLines.push(line);
        if (recentLines.length > 20) recentLines.shift();
        if (line.includes('HTTP server listening on')) resolve();
      }
    };
    child.stdout.on('data', watchLines);
    child.stderr.on('data', watchLines);
    child.once('exit', (code, signal) => reject(new Error(`code-server exited early (${code ?? signal}):\n${recentLines.join('\n')}`)));
    child.once('error', reject);
  });
  const running = { url: `http://127.0.0.1:${port}`, port, process: child };
  try {
    await listening;
    const health = await fetch(`${running.url}/healthz`);
    if (!health.ok) throw new Error(`code-server /healthz answered ${health.status}`);
  } catch (error) {
    await stopProcessGroup(child);
    throw error;
  }
  return running;
}

/** Ends a detached child and everything it started (its process group): SIGTERM, then SIGKILL after a grace period. */
export async function stopProcessGroup(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.pid === undefined) return;
  signalGroup(child.pid, 'SIGTERM');
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    const grace = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([exited, grace]);
  }
  // Children of the leader (the extension host) may outlive it: the group is killed either way.
  signalGroup(child.pid, 'SIGKILL');
}

/** Synchronous last resort for process 'exit' handlers. */
export function killProcessGroupNow(child: ChildProcess): void {
  if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the whole group is gone already.
  }
}
