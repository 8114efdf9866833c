// Load mode against a real MTA: `smtp-transcript replay --repeat N --concurrency C` (the bundled CLI, a whole
// process) beside Postfix's `smtp-source -s C -m N` in the same run, both one message per connection to the local
// Postfix. Messages per second from each process's wall time; CPU from /usr/bin/time. Prints figures; asserts nothing.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { availableServers } from '../servers/available';
import { recordFigure } from './benchFigures';
import { summarize } from './measure';
import { programExists, type Endpoint } from './replayBaselines';
import { HELO_NAME, messageText, RECIPIENT, SENDER } from './replayTranscripts';

const MESSAGES = 1000;
const CONCURRENCY = 10;
const ROUNDS = 3;
const TARGET_RATIO = 0.9;
const CLI = join(__dirname, '../../../dist/cli.js');
const BARE_CLIENT = join(__dirname, 'replayBareLoadClient.js');

export interface ProcessRun {
  wallMs: number;
  /** User + system CPU of the process, when /usr/bin/time is there to say it. */
  cpuMs?: number;
  stdout: string;
}

/** Runs a program to its end under /usr/bin/time (when present) and resolves with its wall and CPU time. */
export function runTimed(program: string, args: string[]): Promise<ProcessRun> {
  const timed = existsSync('/usr/bin/time');
  const [file, fileArgs] = timed ? ['/usr/bin/time', ['-f', 'cpu %U %S', program, ...args]] : [program, args];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(file, fileArgs, { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const wallMs = performance.now() - started;
      if (error) return reject(new Error(`${program} ${args.join(' ')}: ${error.message} ${stderr}`.trim()));
      const cpu = /cpu (\d+\.\d+) (\d+\.\d+)\s*$/.exec(stderr);
      resolve({ wallMs, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined, stdout });
    });
  });
}

/** The session smtp-source says without -d: HELO, one message (its default one), QUIT. */
function loadTranscript(target: Endpoint): string {
  const content = messageText(0)
    .split('\r\n')
    .slice(0, -1)
    .map((line) => `C: ${line}`.trimEnd());
  return [
    `@server = ${target.host}`,
    `@port = ${target.port}`,
    'S: 220 *',
    `C: HELO ${HELO_NAME}`,
    'S: 250 *',
    `C: MAIL FROM:<${SENDER}>`,
    'S: 250 *',
    `C: RCPT TO:<${RECIPIENT}>`,
    'S: 250 *',
    'C: DATA',
    'S: 354 *',
    ...content,
    'C: .',
    'S: 250 *',
    'C: QUIT',
    'S: 221 *',
    '',
  ].join('\n');
}

export async function benchLoad(): Promise<string[]> {
  const header = `\nload: ${MESSAGES} messages, one per connection, ${CONCURRENCY} connections at a time, against Postfix (whole processes):`;
  const postfix = (await availableServers()).postfix;
  if (!postfix.available) return [header, `  !!! SKIPPED: Postfix is not running (${postfix.reason})`];
  if (!existsSync(CLI)) return [header, '  !!! SKIPPED: dist/cli.js is missing (npm run build)'];
  const target = { host: postfix.server.host, port: postfix.server.port };
  const withSource = await programExists('smtp-source', []);
  const dir = await mkdtemp(join(tmpdir(), 'load-bench-'));
  try {
    const file = join(dir, 'load.smtp');
    await writeFile(file, loadTranscript(target));
    const replayArgs = (n: number) => [CLI, 'replay', '--repeat', String(n), '--concurrency', String(CONCURRENCY), '--reporter', 'json', file];
    const sourceArgs = (n: number) => ['-s', String(CONCURRENCY), '-m', String(n), '-M', HELO_NAME, '-f', SENDER, '-t', RECIPIENT, `${target.host}:${target.port}`];
    const bareArgs = (n: number) => [BARE_CLIENT, target.host, String(target.port), String(n), String(CONCURRENCY)];
    await runTimed(process.execPath, replayArgs(50)); // warm-up: Postfix's smtpd processes, the page cache
    const replay: ProcessRun[] = [];
    const source: ProcessRun[] = [];
    const bare: ProcessRun[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      if (withSource) source.push(await runTimed('smtp-source', sourceArgs(MESSAGES)));
      replay.push(await runTimed(process.execPath, replayArgs(MESSAGES)));
      bare.push(await runTimed(process.execPath, bareArgs(MESSAGES)));
    }
    const rate = (runs: ProcessRun[]): number => MESSAGES / (summarize(runs.map((r) => r.wallMs)).median / 1000);
    const cpuPerMessage = (runs: ProcessRun[]): string => {
      const cpu = runs.flatMap((r) => (r.cpuMs === undefined ? [] : [r.cpuMs]));
      return cpu.length === 0 ? 'CPU not measured' : `${((summarize(cpu).median * 1000) / MESSAGES).toFixed(0)} us CPU per message`;
    };
    const inner = replay.map((r) => JSON.parse(r.stdout) as { messagesPerSecond: number; passed: number; latency: Record<string, { p50: number; p99: number }> });
    const failed = inner.find((r) => r.passed !== MESSAGES);
    if (failed) throw new Error(`the load replay passed ${failed.passed} of ${MESSAGES} sessions`);
    const replayRate = rate(replay);
    const innerRate = summarize(inner.map((r) => r.messagesPerSecond)).median;
    const lines = [header, `  smtp-transcript replay --repeat ${MESSAGES} --concurrency ${CONCURRENCY}  ${replayRate.toFixed(0)} msg/s (${cpuPerMessage(replay)}; ${innerRate.toFixed(0)} msg/s its own figure, without process start)`];
    const last = inner[inner.length - 1].latency;
    lines.push(`    latency p50/p99 of the last run: ${Object.entries(last).map(([kind, l]) => `${kind} ${l.p50.toFixed(2)}/${l.p99.toFixed(2)} ms`).join(', ')}`);
    recordFigure({ name: 'load replay messages/s', value: replayRate, unit: 'msg/s' });
    // Not a target: what Node itself reaches with the same dialogue and nothing else, for scale.
    const bareRate = rate(bare);
    lines.push(`  bare Node client, same dialogue, own process          ${bareRate.toFixed(0)} msg/s (${cpuPerMessage(bare)}): the floor of any Node client; replay is ${(replayRate / bareRate).toFixed(2)}x it`);
    recordFigure({ name: 'load bare Node client messages/s', value: bareRate, unit: 'msg/s' });
    if (!withSource) return [...lines, '  smtp-source comparison SKIPPED: smtp-source is not installed (apt-get install postfix)'];
    const sourceRate = rate(source);
    const ratio = replayRate / sourceRate;
    lines.push(`  smtp-source -s ${CONCURRENCY} -m ${MESSAGES}                        ${sourceRate.toFixed(0)} msg/s (${cpuPerMessage(source)})`);
    lines.push(`  bare Node client / smtp-source               ${(bareRate / sourceRate).toFixed(2)}x`);
    const verdict = recordFigure({ name: 'load replay / smtp-source messages/s', value: ratio, unit: 'x', baseline: { name: 'smtp-source msg/s', value: sourceRate }, target: { atLeast: TARGET_RATIO } });
    lines.push(`  replay / smtp-source                         ${ratio.toFixed(2)}x (target at least ${TARGET_RATIO}x) ${verdict}  (median of ${ROUNDS} interleaved rounds)`);
    return lines;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
