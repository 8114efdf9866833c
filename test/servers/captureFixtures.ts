// Captures real transcripts from the servers of test/servers/servers.sh into test/fixtures/captured/<server>-<case>.smtp.
//   node out/test/servers/captureFixtures.js [output directory]
// swaks makes every capture except BDAT (swaks has no CHUNKING), which the scripted client makes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TlsMode } from '../../server/src/knowledge/tlsModes';
import { availableServers, type ServerName, type TestServer } from './available';
import { capturedTranscript, type CaptureCredentials } from './capturedTranscript';
import { runScriptedSession, type Flight } from './scriptedClient';
import { parseSwaksOutput, type WireEvent } from './swaksOutput';

interface CaptureCase {
  name: string;
  tls: TlsMode;
  /** Only these servers (the others lack the extension). */
  servers?: ServerName[];
  swaks?: string[];
  flights?: Flight[];
}

const sender = 'sender@test.local';
const recipient = 'alice@example.com';
const wrongPassword = 'not-the-password';
const chunking: ServerName[] = ['postfix', 'exim'];
const cramMd5: ServerName[] = ['postfix', 'exim', 'smtp-server'];
const pipelining: ServerName[] = ['postfix', 'exim', 'smtp-server'];

/** swaks turns `\n` into line breaks, dot-stuffs, and fills %DATE% and %MESSAGEID%. */
function message(subject: string): string {
  const lines = [
    'Date: %DATE%',
    `From: <${sender}>`,
    `To: <${recipient}>`,
    `Subject: ${subject}`,
    'Message-Id: <%MESSAGEID%>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hello from the smtp-transcripts fixture capture.',
    '.This line starts with a dot, so it is sent dot-stuffed.',
  ];
  return lines.join('\\n');
}

function octets(lines: string[]): number {
  return lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 2, 0);
}

function bdatFlights(chunks: Array<{ lines: string[]; endsMidLine: boolean }>): Flight[] {
  const envelope: Flight[] = [
    { lines: ['EHLO client.test'], replies: 1 },
    { lines: [`MAIL FROM:<${sender}>`], replies: 1 },
    { lines: [`RCPT TO:<${recipient}>`], replies: 1 },
  ];
  const bdat = chunks.map((chunk, index): Flight => {
    const size = octets(chunk.lines) - (chunk.endsMidLine ? 2 : 0);
    const last = index === chunks.length - 1 ? ' LAST' : '';
    return { lines: [`BDAT ${size}${last}`, ...chunk.lines], endsMidLine: chunk.endsMidLine, replies: 1 };
  });
  return [...envelope, ...bdat, { lines: ['QUIT'], replies: 1 }];
}

// BDAT counts octets, so its content carries a fixed date and id rather than {{$date}} and {{$message-id}}.
const headers = [
  'Date: Sat, 28 Nov 2026 12:00:00 +0000',
  `From: <${sender}>`,
  `To: <${recipient}>`,
  'Message-ID: <bdat-capture@test.local>',
];
const cases: CaptureCase[] = [
  { name: 'plain', tls: 'none', swaks: ['--data', message('plain delivery')] },
  { name: 'starttls-auth-plain', tls: 'starttls', swaks: ['--auth', 'PLAIN', '--data', message('STARTTLS and AUTH PLAIN')] },
  { name: 'implicit-tls-auth-login', tls: 'implicit', swaks: ['--auth', 'LOGIN', '--data', message('AUTH LOGIN')] },
  { name: 'auth-cram-md5', tls: 'starttls', servers: cramMd5, swaks: ['--auth', 'CRAM-MD5', '--data', message('CRAM-MD5')] },
  { name: 'pipelining', tls: 'none', servers: pipelining, swaks: ['--pipeline', '--data', message('pipelined')] },
  { name: 'rejected-recipient', tls: 'none', swaks: ['--to', 'victim@elsewhere.test'] },
  { name: 'auth-failed', tls: 'starttls', swaks: ['--auth', 'PLAIN', '--ap', wrongPassword] },
  {
    name: 'bdat',
    tls: 'none',
    servers: chunking,
    flights: bdatFlights([{ lines: [...headers, 'Subject: BDAT', '', 'Hello, BDAT.'], endsMidLine: false }]),
  },
  {
    name: 'bdat-chunks',
    tls: 'none',
    servers: chunking,
    flights: bdatFlights([
      { lines: [...headers, 'Subject: BDAT in two chunks', '', 'The first chunk ends mid-'], endsMidLine: true },
      { lines: ['line; the last chunk ends the message.'], endsMidLine: false },
    ]),
  },
];

function commandOutput(command: string, args: string[]): string {
  const run = spawnSync(command, args, { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : '';
}

function serverLabel(name: ServerName, events: WireEvent[]): string {
  switch (name) {
    case 'postfix':
      return `Postfix ${commandOutput('postconf', ['-d', '-h', 'mail_version'])}`;
    case 'exim': {
      const greeting = events.find((event) => event.kind === 'received');
      const version = greeting?.kind === 'received' ? /Exim (\S+)/.exec(greeting.text)?.[1] : undefined;
      return `Exim ${version ?? ''}`.trim();
    }
    case 'aiosmtpd':
      return `aiosmtpd ${commandOutput('/usr/bin/python3', ['-c', 'import aiosmtpd; print(aiosmtpd.__version__)'])}`;
    case 'smtp-server':
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return `smtp-server ${(require('smtp-server/package.json') as { version: string }).version} (npm)`;
  }
}

function runSwaks(server: TestServer, port: number, testCase: CaptureCase): WireEvent[] {
  const tls = testCase.tls === 'starttls' ? ['--tls'] : testCase.tls === 'implicit' ? ['--tls-on-connect'] : [];
  const args = ['--server', `${server.host}:${port}`, '--ehlo', 'client.test', '--from', sender, '--to', recipient];
  // With credentials swaks authenticates whenever AUTH is offered: give them only to the AUTH cases.
  const auth = testCase.swaks?.includes('--auth') ? ['--au', server.user, '--ap', server.password] : [];
  args.push(...auth, ...tls, ...(testCase.swaks ?? []));
  const run = spawnSync('swaks', args, { encoding: 'utf8', timeout: 30_000 });
  if (run.error) throw run.error;
  return parseSwaksOutput(run.stdout);
}

function directives(server: TestServer, port: number, tls: TlsMode, body: string): Array<[string, string]> {
  const list: Array<[string, string]> = [['server', server.host], ['port', String(port)], ['tls', tls]];
  if (tls !== 'none') list.push(['ca', '{{$env SMTP_TEST_CA}}']);
  if (body.includes('{{user}}')) list.push(['user', server.user]);
  if (body.includes('{{password}}')) list.push(['password', '{{$env SMTP_TEST_PASSWORD}}']);
  return list;
}

async function capture(server: TestServer, testCase: CaptureCase, outDir: string, swaksVersion: string): Promise<string> {
  const port = testCase.tls === 'implicit' ? server.tlsPort : server.port;
  if (port === undefined) throw new Error(`${server.name}: no implicit-TLS port`);
  const events = testCase.flights
    ? await runScriptedSession(server.host, port, testCase.flights)
    : runSwaks(server, port, testCase);
  const credentials: CaptureCredentials = { user: server.user, password: server.password, wrongPassword };
  const client = testCase.flights ? 'a scripted client (swaks has no BDAT)' : swaksVersion;
  const draft = capturedTranscript(events, { comments: [], directives: [], sessionName: testCase.name }, credentials);
  const settings = directives(server, port, testCase.tls, draft);
  const needs = settings.map(([, value]) => /\$env (\w+)/.exec(value)?.[1]).filter((name) => name !== undefined);
  const comments = [
    `Captured from ${serverLabel(server.name, events)} on ${server.host}:${port} with ${client}, by test/servers/captureFixtures.ts.`,
    'The S: lines are the server\'s own replies; queue ids and challenges differ on each run (@match = code passes).',
    `Replay needs the servers of test/servers/servers.sh${needs.length ? ` and from its env file ${needs.join(', ')}` : ''}.`,
  ];
  const header = { comments, directives: settings, sessionName: testCase.name };
  const file = join(outDir, `${server.name}-${testCase.name}.smtp`);
  writeFileSync(file, capturedTranscript(events, header, credentials));
  return file;
}

async function main(): Promise<void> {
  const outDir = resolve(process.argv[2] ?? join(__dirname, '..', '..', '..', 'test', 'fixtures', 'captured'));
  mkdirSync(outDir, { recursive: true });
  const swaksVersion = commandOutput('swaks', ['--version']).split('\n')[0];
  const servers = await availableServers();
  for (const [name, found] of Object.entries(servers)) {
    if (!found.available) {
      console.error(`${name}: skipped (${found.reason})`);
      continue;
    }
    for (const testCase of cases.filter((c) => c.servers === undefined || c.servers.includes(found.server.name))) {
      console.log(await capture(found.server, testCase, outDir, swaksVersion));
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
