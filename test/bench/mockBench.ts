// The scripted server's throughput under Postfix's load generator: `smtp-source -s 10 -m 1000` (ten sessions at a
// time, one message per connection) against `smtp-transcript mock`'s engine, and against Postfix's own test sink
// `smtp-sink` in the same run, and a bare Node server (bareSink.ts, the floor for any Node server). Prints figures;
// asserts nothing. The row is judged on the first rounds after a short warm-up (what a load test of a few thousand
// messages meets); the same figure once the server has run a while (V8 has compiled its paths) is printed beside it.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { startScriptedServer } from '../../server/src/smtpTestServer/scriptedServer';
import type { PlayedSession } from '../../server/src/smtpTestServer/scriptedSession';
import { startBareSink } from './bareSink';
import { programExists, timeProgram, type Endpoint } from './replayBaselines';
import { HELO_NAME, RECIPIENT, SENDER } from './replayTranscripts';
import { summarize } from './measure';
import { recordFigure } from './benchFigures';

const MESSAGES = 1000;
const SESSIONS = 10;
const ROUNDS = 3;
const WARM_UP = 50;
/** Further rounds, each side alike, after the first ones (the mock has played `PLAYED_BEFORE_WARM` connections). */
const WARM_ROUNDS = 3;
const PLAYED_BEFORE_WARM = WARM_UP + MESSAGES * ROUNDS;
const SINK_PORT = 30_125;
const TARGET_RATIO = 1; // the mock should keep up with smtp-sink

/** What smtp-source says in one connection without -d, from the server's side; Date and Message-Id vary. */
const SCRIPT = [
  'S: 220 bench.mock ESMTP',
  `C: HELO ${HELO_NAME}`,
  'S: 250 bench.mock',
  `C: MAIL FROM:<${SENDER}>`,
  'S: 250 2.1.0 Ok',
  `C: RCPT TO:<${RECIPIENT}>`,
  'S: 250 2.1.5 Ok',
  'C: DATA',
  'S: 354 End data with <CR><LF>.<CR><LF>',
  `C: From: <${SENDER}>`,
  `C: To: <${RECIPIENT}>`,
  'C: Date: *',
  'C: Message-Id: *',
  'C:',
  'C: La de da de da 1.',
  'C: La de da de da 2.',
  'C: La de da de da 3.',
  'C: La de da de da 4.',
  'C: .',
  'S: 250 2.0.0 Ok: queued',
  'C: QUIT',
  'S: 221 2.0.0 Bye',
].join('\n');

function sourceArgs(target: Endpoint, messages = MESSAGES): string[] {
  return ['-s', String(SESSIONS), '-m', String(messages), '-M', HELO_NAME, '-f', SENDER, '-t', RECIPIENT, `${target.host}:${target.port}`];
}

export async function benchMock(): Promise<string[]> {
  const header = `\nsmtp-source -s ${SESSIONS} -m ${MESSAGES} (one message per connection, ${SESSIONS} at a time), messages per second:`;
  if (!(await programExists('smtp-source', []))) return [header, '  SKIPPED: smtp-source is not installed (apt-get install postfix)'];
  const withSink = await programExists('smtp-sink', []);
  // As `smtp-transcript mock` serves under load: the outcomes counted, no played session kept (keepResults).
  let firstFailure: PlayedSession | undefined;
  const mock = await startScriptedServer(parseTranscript(SCRIPT), {
    port: 0,
    connections: 'forever',
    env: {},
    readInclude: () => Promise.reject(new Error('no includes')),
    keepResults: false,
    onEvent: (event) => {
      if (event.type === 'played' && event.result.status !== 'pass') firstFailure ??= event.result;
    },
  });
  const bare = await startBareSink();
  const sink = withSink ? await startSink() : undefined;
  const servers = { mock: mock.port, bare: bare.port, ...(sink ? { sink: SINK_PORT } : {}) };
  const first = new Map<string, number[]>();
  const warm = new Map<string, number[]>();
  try {
    for (const port of [mock.port, bare.port]) await timeProgram('smtp-source', sourceArgs({ host: '127.0.0.1', port }, WARM_UP));
    for (let round = 0; round < ROUNDS + WARM_ROUNDS; round++) {
      for (const [name, port] of Object.entries(servers)) {
        const times = round < ROUNDS ? first : warm;
        times.set(name, [...(times.get(name) ?? []), await timeProgram('smtp-source', sourceArgs({ host: '127.0.0.1', port }))]);
      }
    }
  } finally {
    await mock.close();
    await bare.close();
    sink?.kill();
  }
  if (firstFailure) throw new Error(`${mock.tally.failed + mock.tally.errors} mock connections did not follow the script: ${firstFailure.deviation?.message ?? firstFailure.error?.message}`);
  const rate = (samples: number[] | undefined): number => MESSAGES / (summarize(samples ?? []).median / 1000);
  const mockRate = rate(first.get('mock'));
  const bareRate = rate(first.get('bare'));
  const lines = [
    header,
    `  smtp-transcript mock (engine in process)  ${mockRate.toFixed(0)} msg/s  (median of ${ROUNDS}, ${mock.tally.played} connections, all followed the script)`,
    `  a bare Node server (no script, the floor) ${bareRate.toFixed(0)} msg/s  (mock / bare ${(mockRate / bareRate).toFixed(2)}x)`,
  ];
  recordFigure({ name: 'mock msg/s / bare Node server msg/s (smtp-source -s 10 -m 1000)', value: mockRate / bareRate, unit: 'x', baseline: { name: 'bare Node server msg/s', value: bareRate } });
  if (!sink) return [...lines, '  smtp-sink comparison SKIPPED: smtp-sink is not installed'];
  const sinkRate = rate(first.get('sink'));
  const warmRatio = rate(warm.get('mock')) / rate(warm.get('sink'));
  const verdict = recordFigure({ name: 'mock msg/s / smtp-sink msg/s (smtp-source -s 10 -m 1000)', value: mockRate / sinkRate, unit: 'x', baseline: { name: 'smtp-sink msg/s', value: sinkRate }, target: { atLeast: TARGET_RATIO } });
  recordFigure({ name: 'bare Node server msg/s / smtp-sink msg/s (the floor)', value: bareRate / sinkRate, unit: 'x', baseline: { name: 'smtp-sink msg/s', value: sinkRate } });
  recordFigure({ name: `mock msg/s / smtp-sink msg/s, warm (after ${PLAYED_BEFORE_WARM} connections)`, value: warmRatio, unit: 'x', baseline: { name: 'smtp-sink msg/s', value: rate(warm.get('sink')) } });
  lines.push(`  smtp-sink (Postfix's C test server)      ${sinkRate.toFixed(0)} msg/s  (bare Node server / smtp-sink ${(bareRate / sinkRate).toFixed(2)}x)`);
  lines.push(`  mock / smtp-sink                         ${(mockRate / sinkRate).toFixed(2)}x (target at least ${TARGET_RATIO}x) ${verdict}`);
  lines.push(
    `  the same once the mock has played ${PLAYED_BEFORE_WARM} connections: mock ${rate(warm.get('mock')).toFixed(0)} msg/s, bare ${rate(warm.get('bare')).toFixed(0)} msg/s, smtp-sink ${rate(warm.get('sink')).toFixed(0)} msg/s, mock / smtp-sink ${warmRatio.toFixed(2)}x (median of ${WARM_ROUNDS}; not the row's verdict)`,
  );
  return lines;
}

/** `smtp-sink` on loopback; it refuses to run as root without `-u`. */
async function startSink(): Promise<ChildProcess> {
  const args = [`127.0.0.1:${SINK_PORT}`, '256'];
  const child = spawn('smtp-sink', process.getuid?.() === 0 ? ['-u', 'nobody', ...args] : args, { stdio: 'ignore' });
  const started = performance.now();
  while (performance.now() - started < 5000) {
    if (await canConnect(SINK_PORT)) return child;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill();
  throw new Error(`smtp-sink did not listen on 127.0.0.1:${SINK_PORT} within 5 s`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
