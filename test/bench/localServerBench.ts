// The built-in local server's speed per session: connect, EHLO, MAIL, RCPT, DATA with a short message, QUIT and the
// server's close, one session after the other, beside a bare TCP connect+close to the same server in the same run.
// Prints figures and records them (benchFigures.ts); asserts nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLocalServer } from '../../server/src/smtpTestServer/localServer';
import { recordFigure } from './benchFigures';
import { ms, summarize } from './measure';

const SESSIONS = 200;
// The row: one session, connect to QUIT, under 10 ms (it took 104 ms before the server role's rework).
const TARGET_SESSION_MS = 10;
const COMMANDS = ['EHLO bench.test', 'MAIL FROM:<bench@client.test>', 'RCPT TO:<alice@example.com>', 'DATA', 'Subject: bench\r\n\r\nHello.\r\n.', 'QUIT'];

/** Resolves with the next complete reply's code (its last line), reading `socket`'s data as it comes. */
function replyReader(socket: Socket): () => Promise<string> {
  let text = '';
  let waiting: ((code: string) => void) | undefined;
  const take = (): void => {
    const match = /(?:^|\r\n)(\d{3}) [^\r\n]*\r\n/.exec(text);
    if (!match || !waiting) return;
    text = text.slice(match.index + match[0].length);
    const resolve = waiting;
    waiting = undefined;
    resolve(match[1]);
  };
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('latin1');
    take();
  });
  return () =>
    new Promise((resolve) => {
      waiting = resolve;
      take();
    });
}

async function session(port: number): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  const closed = new Promise((resolve) => socket.once('close', resolve));
  const reply = replyReader(socket);
  await reply();
  for (const command of COMMANDS) {
    socket.write(`${command}\r\n`);
    await reply();
  }
  await closed;
}

async function bareConnect(port: number): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.destroy();
}

async function timeEach(runs: number, fn: () => Promise<void>): Promise<number[]> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

export async function benchLocalServer(): Promise<string[]> {
  const mailDir = await mkdtemp(join(tmpdir(), 'bench-local-'));
  const server = await startLocalServer({ mailDir });
  try {
    const sessions = summarize(await timeEach(SESSIONS, () => session(server.port)));
    const bare = summarize(await timeEach(SESSIONS, () => bareConnect(server.port)));
    const verdict = recordFigure({ name: 'one session, connect to close, median', value: sessions.median, unit: 'ms', baseline: { name: 'bare TCP connect + close, median ms', value: bare.median }, target: { atMost: TARGET_SESSION_MS } });
    return [
      `local server, ${SESSIONS} sequential sessions (connect, EHLO, MAIL, RCPT, DATA, QUIT, close): median ${ms(sessions.median)}, p95 ${ms(sessions.p95)} per session (target under ${TARGET_SESSION_MS} ms) ${verdict}`,
      `baseline, bare TCP connect+close to the same port: median ${ms(bare.median)}, p95 ${ms(bare.p95)}`,
    ];
  } finally {
    await server.close();
    await rm(mailDir, { recursive: true, force: true });
  }
}
