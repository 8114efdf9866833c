// Postfix's smtp-sink in LMTP mode (`-L`: LHLO, EHLO refused with 500, one reply per accepted recipient after the
// final `.`), on a free port or a UNIX-domain socket, stopped when the test ends. As root it must be told a user to
// run as (nobody). Without it, a loud skip; CI installs it, so there a failure.
import type { TestContext } from 'node:test';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const SMTP_SINK = '/usr/sbin/smtp-sink';

/** True when smtp-sink is installed; otherwise skips `t` loudly (fails it in CI). */
export function hasSmtpSink(t: TestContext): boolean {
  if (existsSync(SMTP_SINK)) return true;
  const message = `${SMTP_SINK} is not installed (Postfix's test tools: test/servers/servers.sh install)`;
  if (process.env.CI === 'true') throw new Error(`${message} [CI installs it, so this is a failure]`);
  process.stderr.write(`\n*** SKIPPED: ${message}\n`);
  t.skip(message);
  return false;
}

/** smtp-sink -L on a free port of 127.0.0.1; undefined (skipped) without it. */
export async function startLmtpSink(t: TestContext): Promise<{ port: number } | undefined> {
  if (!hasSmtpSink(t)) return undefined;
  const port = await freePort();
  sink(t, `127.0.0.1:${port}`);
  for (let i = 0; i < 50; i++) {
    if (await answers(port)) return { port };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`smtp-sink -L did not listen on 127.0.0.1:${port}`);
}

/** smtp-sink -L on a socket in a new folder any user may enter (it runs as nobody); its path, or undefined (skipped). */
export async function startLmtpSinkOnSocket(t: TestContext): Promise<{ socket: string; folder: string } | undefined> {
  if (!hasSmtpSink(t)) return undefined;
  const folder = mkdtempSync(path.join(tmpdir(), 'smtp-lmtp-socket-'));
  chmodSync(folder, 0o777);
  const socket = path.join(folder, 'lmtp.sock');
  sink(t, `unix:${socket}`);
  for (let i = 0; i < 50 && !existsSync(socket); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!existsSync(socket)) throw new Error(`smtp-sink -L did not listen on ${socket}`);
  return { socket, folder };
}

function sink(t: TestContext, address: string): void {
  const user = process.getuid?.() === 0 ? ['-u', 'nobody'] : [];
  const child = spawn(SMTP_SINK, [...user, '-L', address, '10'], { stdio: 'ignore' });
  t.after(() => child.kill());
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(port, '127.0.0.1');
    probe.once('connect', () => (probe.destroy(), resolve(true)));
    probe.once('error', () => resolve(false));
  });
}
