// A TCP server on 127.0.0.1 that misbehaves on purpose, and replay against it with secrets checked: what the
// fault and pre-flight integration tests share.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { createInterface } from 'node:readline';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { replayTranscript } from '../../server/src/replay/replayTranscript';
import type { ReplayEvent, ReplayOptions, ReplayResult, SessionResult } from '../../server/src/replay/replayTypes';

export const PASSWORD = 's3cr3t-Pa55';
const PLAIN = Buffer.from(`\0alice\0${PASSWORD}`).toString('base64');

export type Script = (socket: net.Socket, lines: AsyncIterator<string>) => Promise<void> | void;

/** A server on 127.0.0.1 running `script` for each connection; every socket is destroyed on close. */
export async function scriptedServer(script: Script): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    const lines = createInterface({ input: socket, crlfDelay: Infinity })[Symbol.asyncIterator]();
    Promise.resolve(script(socket, lines)).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

export function transcriptFor(port: number, extra = ''): string {
  return `@server = 127.0.0.1
@port = ${port}
@timeout = 3s
@connect-timeout = 3s
@user = alice
@password = {{$env SMTP_PASSWORD}}
${extra}
S: 220 *
C: EHLO client.test
S: 250 *
C: AUTH PLAIN {{$plain {{user}} {{password}}}}
S: 235 *
C: QUIT
S: 221 *
`;
}

export async function replay(port: number, text = transcriptFor(port), extra: Partial<ReplayOptions> = {}): Promise<SessionResult> {
  const result: ReplayResult = await replayTranscript(parseTranscript(text), { env: { SMTP_PASSWORD: PASSWORD }, ...extra });
  const shown = JSON.stringify(result);
  assert.ok(!shown.includes(PASSWORD) && !shown.includes(PLAIN), `a secret leaked: ${shown}`);
  assert.equal(result.sessions.length, 1);
  return result.sessions[0];
}

/** Status, error and each exchange's status: the shape every case asserts exactly. */
export function outline(session: SessionResult) {
  return {
    status: session.status,
    error: session.error?.kind,
    exchanges: session.exchanges.map((e) => `${e.kind}:${e.status}`),
  };
}

export async function withServer(script: Script, run: (port: number) => Promise<void>): Promise<void> {
  const server = await scriptedServer(script);
  try {
    await run(server.port);
  } finally {
    await server.close();
  }
}

/** Answers each command line with the reply `answer` gives (undefined: say nothing). */
export function conversation(answer: (line: string) => string | undefined): Script {
  return async (socket, lines) => {
    socket.write('220 faults.test ESMTP\r\n');
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      const reply = answer(next.value);
      if (reply !== undefined) socket.write(reply);
      if (next.value === 'QUIT') return void socket.end();
    }
  };
}

/** Replays `text` (its `PORT` replaced) and collects the exchange rows as a live listener sees them. */
export async function replayWithRows(port: number, text: string, extra: Partial<ReplayOptions> = {}): Promise<{ session: SessionResult; rows: string[] }> {
  const rows: string[] = [];
  const onEvent = (event: ReplayEvent): void => {
    if (event.type === 'exchange') rows.push(`${event.result.line}:${event.result.status}`);
    extra.onEvent?.(event);
  };
  const session = await replay(port, text.replace(/PORT/g, String(port)), { ...extra, onEvent });
  return { session, rows };
}

/** The parts of an exchange a failure report is made of. */
export function failure(session: SessionResult, index: number) {
  const { kind, line, status, sent, actual, message, error } = session.exchanges[index];
  return { kind, line, status, sent, actual, message, error };
}
