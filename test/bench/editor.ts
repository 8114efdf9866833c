// The editor's speed figures: the .vsix and bundle sizes, the language server's start on its own (against a bare
// `node` answering the same `initialize`, started in the same run), and activation in a real VS Code. Activation is
// measured by the extension itself (client/src/activationClock.ts) inside code-server: this bench packages the
// current build into a scratch .vsix, runs the e2e harness with the activation probe (out/test/e2e/activation-probe.js)
// three times, each a fresh VS Code start, and reads the figures file each run writes. Without the e2e tooling
// (.ci/e2e-setup.sh) activation is reported as not measured, never guessed.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ActivationFigures } from '../e2e/suite/activationFigures';
import { startClient } from '../lsp/lspClient';
import { recordFigure } from './benchFigures';
import { ms, summarize } from './measure';

const root = join(__dirname, '..', '..', '..');
const TARGET_VSIX_BYTES = 1024 * 1024;
const TARGET_ACTIVATION_MS = 50;
const TARGET_SERVER_START_MS = 100;
const ACTIVATION_RUNS = 3;
const SERVER_START_RUNS = 9;

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;

async function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, output };
}

async function packageVsix(scratch: string): Promise<{ vsix: string } | { error: string }> {
  const vsix = join(scratch, 'bench.vsix');
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const packaged = await run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsix], 120_000);
  return packaged.code === 0 ? { vsix } : { error: `vsce package failed: ${packaged.output.trim().split('\n').at(-1)}` };
}

// The baseline: a bare `node` that answers every request with an empty result (`initialize` with no capabilities) and
// leaves on `exit`, the least a language server process can do, reached through the same client.
const BARE_SERVER = `let buffered = '';
process.stdin.setEncoding('utf8').on('data', (chunk) => {
  buffered += chunk;
  for (let m; (m = /^Content-Length: (\\d+)\\r\\n\\r\\n/.exec(buffered)) && buffered.length >= m[0].length + Number(m[1]); ) {
    const message = JSON.parse(buffered.slice(m[0].length, m[0].length + Number(m[1])));
    buffered = buffered.slice(m[0].length + Number(m[1]));
    if (message.method === 'exit') process.exit(0);
    if (message.id === undefined) continue;
    const body = JSON.stringify({ jsonrpc: '2.0', id: message.id, result: message.method === 'initialize' ? { capabilities: {} } : null });
    process.stdout.write('Content-Length: ' + Buffer.byteLength(body) + '\\r\\n\\r\\n' + body);
  }
});`;

/**
 * Process start to `initialize` answered, taking turns: the language server with its code cache (written by a first
 * start into a scratch folder, as every start after a user's first), the server without one
 * (SMTP_TRANSCRIPTS_CODE_CACHE=off, a first start) and the bare node.
 */
async function serverStartTimes(runs: number, cacheFolder: string): Promise<{ server: number[]; uncached: number[]; bare: number[] }> {
  const times = { server: [] as number[], uncached: [] as number[], bare: [] as number[] };
  // As VS Code's client starts the server (client/src/languageClient.ts): without NODE_EXTRA_CA_CERTS, which node
  // reads whole at every start; the bare node gets the same environment.
  const { NODE_EXTRA_CA_CERTS: _extraCaCerts, ...asVsCodeStartsIt } = process.env;
  const cached = { ...asVsCodeStartsIt, SMTP_TRANSCRIPTS_CODE_CACHE: cacheFolder };
  await (await startClient(undefined, null, undefined, cached)).close();
  const starts: Array<[number[], string[] | undefined, NodeJS.ProcessEnv]> = [
    [times.server, undefined, cached],
    [times.uncached, undefined, { ...asVsCodeStartsIt, SMTP_TRANSCRIPTS_CODE_CACHE: 'off' }],
    [times.bare, ['-e', BARE_SERVER], asVsCodeStartsIt],
  ];
  for (let i = 0; i < runs; i++) {
    for (const [into, nodeArguments, env] of starts) {
      const started = performance.now();
      const client = await startClient(undefined, null, nodeArguments, env);
      into.push(performance.now() - started);
      await client.close();
    }
  }
  return times;
}

/** One fresh VS Code start with the activation probe; the figures, or why there are none. */
async function measureActivation(vsix: string, figuresFile: string): Promise<ActivationFigures | { error: string; skipped?: true }> {
  rmSync(figuresFile, { force: true });
  const harness = join(root, 'out', 'test', 'e2e', 'run-code-server.js');
  const probe = join(root, 'out', 'test', 'e2e', 'activation-probe.js');
  const result = await run(process.execPath, [harness, '--vsix', vsix, '--tests', probe, '--figures', figuresFile, '--timeout', '120'], 150_000);
  if (result.code === 3) return { error: (/E2E SKIPPED: .*/.exec(result.output) ?? ['e2e tooling missing'])[0], skipped: true };
  if (result.code !== 0 || !existsSync(figuresFile)) return { error: `the harness exited ${result.code}: ${result.output.trim().split('\n').slice(-3).join(' | ')}` };
  return JSON.parse(readFileSync(figuresFile, 'utf8')) as ActivationFigures;
}

function activationLines(figures: ActivationFigures[]): string[] {
  const median = (pick: (f: ActivationFigures) => number) => summarize(figures.map(pick)).median;
  const evaluated = median((f) => f.moduleEvaluatedMs);
  const called = median((f) => f.activateCalledMs);
  const own = median((f) => f.activateMs - f.activateCalledMs);
  const returned = median((f) => f.activateMs);
  const ready = median((f) => f.languageServerReadyMs);
  const clientLoaded = median((f) => f.languageClientLoadedMs ?? NaN);
  const activation = recordFigure({ name: 'activation: bundle evaluated + activate itself', value: evaluated + own, unit: 'ms', target: { atMost: TARGET_ACTIVATION_MS } });
  recordFigure({ name: 'activation: language server ready', value: ready, unit: 'ms' });
  return [
    `Activation in VS Code ${figures[0].vscodeVersion} (code-server), median of ${figures.length} fresh starts, from the bundle's first line:`,
    `  bundle evaluated        ${ms(evaluated)}`,
    `  activate() called       ${ms(called)} (VS Code's own work after loading the module: context, storage)`,
    `  activate() returned     ${ms(returned)} (activate itself ${ms(own)})`,
    `  the extension's own part (bundle evaluation + activate itself) ${ms(evaluated + own)} - target under ${TARGET_ACTIVATION_MS} ms: ${activation}`,
    `  language client loaded  ${ms(clientLoaded)} (its bundle evaluated, right after activate() returned)`,
    `  language server ready   ${ms(ready)} (initialize answered; the server process's own start is measured above)`,
    `  runs (returned / ready): ${figures.map((f) => `${f.activateMs.toFixed(0)}/${f.languageServerReadyMs.toFixed(0)} ms`).join(', ')}`,
  ];
}

export async function benchEditor(): Promise<string[]> {
  const lines: string[] = [];
  const size = (file: string) => statSync(join(root, 'dist', file)).size;
  lines.push(
    `Bundles: client ${kb(size('client.js'))} (loaded at activation), language client ${kb(size('languageClient.js'))} (right after activate), ` +
      `commands ${kb(size('commandParts.js'))} (on the first command), language server ${kb(size('serverMain.js'))} (to initialize), ` +
      `Node engine ${kb(size('nodeEngine.js'))} (one bundle: the server's features after initialize, the CLI, the client's replay on first replay), ` +
      `vendor mailauth ${kb(size('vendor/mailauth.js'))}, selfsigned ${kb(size('vendor/selfsigned.js'))} and glob ${kb(size('vendor/glob.js'))} (on first use), ` +
      `web client ${kb(size('web/client.js'))} and server ${kb(size('web/server.js'))} ` +
      `(the launchers dist/server.js and dist/cli.js ${kb(size('server.js'))} each)`,
  );
  const scratch = mkdtempSync(join(tmpdir(), 'smtp-bench-editor-'));
  try {
    const times = await serverStartTimes(SERVER_START_RUNS, join(scratch, 'code-cache'));
    const server = summarize(times.server);
    const uncached = summarize(times.uncached);
    const bare = summarize(times.bare);
    const start = recordFigure({ name: 'language server start to initialize answered', value: server.median, unit: 'ms', baseline: { name: 'bare node answering initialize', value: bare.median }, target: { atMost: TARGET_SERVER_START_MS } });
    recordFigure({ name: 'language server first start (no code cache) to initialize answered', value: uncached.median, unit: 'ms', baseline: { name: 'bare node answering initialize', value: bare.median } });
    lines.push(
      `Language server alone: process start to initialize answered, median ${ms(server.median)} (best ${ms(Math.min(...times.server))}) of ${server.runs} ` +
        `with its code cache; without it (a first start) median ${ms(uncached.median)} (best ${ms(Math.min(...times.uncached))}); ` +
        `a bare node answering it: median ${ms(bare.median)} (best ${ms(Math.min(...times.bare))}), so the server's own part is ${ms(server.median - bare.median)} ` +
        `(${ms(uncached.median - bare.median)} without the cache; Node ${process.version}) - target under ${TARGET_SERVER_START_MS} ms: ${start}`,
    );
    if (process.env.NODE_EXTRA_CA_CERTS) {
      lines.push(`  (measured as VS Code starts the server, without NODE_EXTRA_CA_CERTS, which is set here: a server started with it pays node's read of ${process.env.NODE_EXTRA_CA_CERTS} on top)`);
    }

    const packaged = await packageVsix(scratch);
    if ('error' in packaged) return [...lines, `.vsix: not measured (${packaged.error})`];
    const vsixBytes = statSync(packaged.vsix).size;
    const size = recordFigure({ name: '.vsix size', value: vsixBytes / 1024, unit: 'KB', target: { atMost: TARGET_VSIX_BYTES / 1024 } });
    lines.push(`.vsix ${kb(vsixBytes)} - target under ${kb(TARGET_VSIX_BYTES)}: ${size}`);

    const figures: ActivationFigures[] = [];
    for (let i = 0; i < ACTIVATION_RUNS; i++) {
      const measured = await measureActivation(packaged.vsix, join(scratch, `figures-${i}.json`));
      if ('error' in measured) return [...lines, `Activation: not measured (${measured.error})`];
      figures.push(measured);
    }
    return [...lines, ...activationLines(figures)];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
