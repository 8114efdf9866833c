// Which real SMTP servers (started by test/servers/servers.sh) are reachable, for integration tests.
// A test calls `requireServer(t, 'postfix')`: an absent server skips the test loudly, or fails it in CI (CI=true),
// where every server is installed and started before the tests run.
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import type { TestContext } from 'node:test';

export const serverNames = ['postfix', 'exim', 'aiosmtpd', 'smtp-server'] as const;
export type ServerName = (typeof serverNames)[number];

export const defaultServersEnvFile = '/tmp/smtp-transcripts-servers/servers.env';
const startHint = 'run test/servers/servers.sh install && test/servers/servers.sh start';

export interface TestServer {
  name: ServerName;
  host: string;
  /** Plain port offering STARTTLS. */
  port: number;
  /** Implicit-TLS port, when it answers. */
  tlsPort?: number;
  /** Postfix: the port that lets 127.0.0.1 send XCLIENT and XFORWARD, when it answers. */
  xclientPort?: number;
  /** Postfix: the UNIX-domain socket it delivers mail for lmtp.test to over LMTP (a test listens there). */
  lmtpSocket?: string;
  /** PEM file of the servers' self-signed certificate (CN=localhost, IP 127.0.0.1). */
  caFile: string;
  user: string;
  password: string;
}

export type ServerAvailability = { available: true; server: TestServer } | { available: false; reason: string };

/** `KEY=value` lines of the env file; `#` comments and blank lines are skipped. */
export function parseServersEnv(text: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (match) entries[match[1]] = match[2].trim();
  }
  return entries;
}

/** `SMTP_SMTP_SERVER` for `smtp-server`. */
export function envKey(name: ServerName): string {
  return `SMTP_${name.toUpperCase().replace(/-/g, '_')}`;
}

function parseAddress(value: string | undefined): { host: string; port: number } | undefined {
  const match = value === undefined ? null : /^(.+):(\d+)$/.exec(value);
  return match ? { host: match[1], port: Number(match[2]) } : undefined;
}

/** Resolves to an error code (`ECONNREFUSED`, `ETIMEDOUT`) or undefined when the port accepts a connection. */
export function probePort(host: string, port: number, timeoutMs = 2000): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      resolve('ETIMEDOUT');
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

async function checkServer(name: ServerName, entries: Record<string, string>, envFile: string): Promise<ServerAvailability> {
  const plain = parseAddress(entries[envKey(name)]);
  if (!plain) return { available: false, reason: `not listed in ${envFile}` };
  const refused = await probePort(plain.host, plain.port);
  if (refused) return { available: false, reason: `${plain.host}:${plain.port} ${refused}` };
  const implicit = parseAddress(entries[`${envKey(name)}_TLS`]);
  const tlsRefused = implicit ? await probePort(implicit.host, implicit.port) : 'absent';
  const xclient = parseAddress(entries[`${envKey(name)}_XCLIENT`]);
  const xclientRefused = xclient ? await probePort(xclient.host, xclient.port) : 'absent';
  return {
    available: true,
    server: {
      name,
      host: plain.host,
      port: plain.port,
      tlsPort: implicit && !tlsRefused ? implicit.port : undefined,
      xclientPort: xclient && !xclientRefused ? xclient.port : undefined,
      lmtpSocket: entries[`${envKey(name)}_LMTP_SOCKET`],
      caFile: entries.SMTP_TEST_CA ?? '',
      user: entries.SMTP_TEST_USER ?? 'testuser',
      password: entries.SMTP_TEST_PASSWORD ?? 'testpass',
    },
  };
}

/** Reads the env file and probes every server's port. */
export async function findServers(envFile: string): Promise<Record<ServerName, ServerAvailability>> {
  let text: string;
  try {
    text = await readFile(envFile, 'utf8');
  } catch {
    const missing: ServerAvailability = { available: false, reason: `${envFile} not found` };
    return { postfix: missing, exim: missing, aiosmtpd: missing, 'smtp-server': missing };
  }
  const entries = parseServersEnv(text);
  const checks = await Promise.all(serverNames.map((name) => checkServer(name, entries, envFile)));
  return { postfix: checks[0], exim: checks[1], aiosmtpd: checks[2], 'smtp-server': checks[3] };
}

let cached: Promise<Record<ServerName, ServerAvailability>> | undefined;

/** The servers of `$SMTP_SERVERS_ENV` (or the default env file), probed once per test process. */
export function availableServers(): Promise<Record<ServerName, ServerAvailability>> {
  cached ??= findServers(process.env.SMTP_SERVERS_ENV || defaultServersEnvFile);
  return cached;
}

/**
 * The server, or undefined after skipping the test with a message naming the server and why.
 * In CI (CI=true) every server must be up, so an absent one fails the test instead.
 */
export async function requireServer(t: TestContext, name: ServerName): Promise<TestServer | undefined> {
  const found = (await availableServers())[name];
  if (found.available) return found.server;
  const message = `${name} not running (${found.reason}): ${startHint}`;
  if (process.env.CI === 'true') throw new Error(`${message} [CI installs and starts every server, so this is a failure]`);
  process.stderr.write(`\n*** SKIPPED: ${message}\n`);
  t.skip(message);
  return undefined;
}
