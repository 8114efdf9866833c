// Runs the bundled CLI (dist/cli.js) as a user would: from the repository, without colours.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import * as path from 'node:path';
import type { Readable, Writable } from 'node:stream';

export const REPO = path.resolve(__dirname, '../../..');
export const CLI = path.join(REPO, 'dist/cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Written to the CLI's standard input, which is then closed (at once without it). */
  input?: string | Buffer;
}

/** The CLI as a child process with piped output, for tests that watch it run, interrupt it or close its output. */
export function spawnCli(args: readonly string[], options: CliOptions = {}): ChildProcessByStdio<Writable, Readable, Readable> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // A CLI that exits without reading its input closes the pipe (EPIPE); what it did is in its exit code and output.
  child.stdin.on('error', () => undefined);
  child.stdin.end(options.input);
  return child;
}

/** Runs the CLI to its end and collects what it wrote. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, options);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The CLI as the unprivileged user 65534 (root bypasses file permissions); undefined when that is impossible. */
export function runAs65534(args: string[], cwd: string): Promise<CliRun | undefined> {
  return runCliThrough(['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'], args, cwd);
}

/**
 * The CLI started by `launcher` (`setpriv ...`, `prlimit ...`), which then runs node; undefined when it cannot run
 * here. A run still going after 20 s (a listener that should have refused to start) is killed: its code is null.
 */
export function runCliThrough(launcher: string[], args: string[], cwd: string): Promise<CliRun | undefined> {
  return new Promise((resolve) => {
    const child = spawn(launcher[0], [...launcher.slice(1), process.execPath, CLI, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 20_000,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => resolve(code === 127 || stderr.startsWith(`${launcher[0]}:`) ? undefined : { code, stdout, stderr }));
  });
}
