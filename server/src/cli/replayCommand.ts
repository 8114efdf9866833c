// `smtp-transcript replay FILE... [--server host[:port]] [--tls MODE] [--local] [--session NAME] [--timeout D]
//   [--connect-timeout D] [--insecure-tls] [--ca FILE] [--update] [--keep-going] [--reporter text|json|junit]`
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseTranscript } from '../model/parseTranscript';
import { actualTranscript } from '../replay/actualTranscript';
import { replayTranscript } from '../replay/replayTranscript';
import { parseDuration } from '../replay/sessionSettings';
import type { ReplayOptions, ReplayResult, TlsMode } from '../replay/replayTypes';
import { formatJunit } from '../report/junitReporter';
import { COLOURS, liveTextReporter, PLAIN, summarize, summaryLine } from '../report/textReporter';
import { describeError, collectTranscripts, readTextFile } from './files';
import type { CliIo } from './io';
import { UsageError } from './io';
import { startCliLocalServer } from './localTarget';
import { showChanges } from './showChanges';

const HELP = `usage: smtp-transcript replay [options] FILE|DIR...

  --server HOST[:PORT]   target when the transcript has no @server (or to override it); mx:DOMAIN uses its MX
  --tls none|starttls|implicit
  --local                start the built-in local SMTP server for this run and replay against it
  --session NAME         replay only the session(s) with this name (or 1-based number)
  --timeout DURATION     time to wait for each reply (500ms, 10s, 2m; default 30s)
  --connect-timeout DURATION   time to connect and finish the TLS handshake (default 10s)
  --insecure-tls         do not verify TLS certificates (reported loudly in every result)
  --ca FILE              trust the CA certificates in this PEM file as well
  --update               rewrite the S: lines of each file with the server's actual replies (shows the changes)
  --keep-going           go on after a failed expectation instead of ending the session
  --reporter text|json|junit   output format (default text)

Secrets come from the environment: {{$env SMTP_PASSWORD}} in a transcript reads SMTP_PASSWORD.
Exit code: 0 all passed, 1 a failed expectation, 2 bad usage, unreadable files or connection errors.
`;

const OPTIONS = {
  server: { type: 'string' },
  tls: { type: 'string' },
  local: { type: 'boolean' },
  session: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  'connect-timeout': { type: 'string' },
  'insecure-tls': { type: 'boolean' },
  ca: { type: 'string' },
  update: { type: 'boolean' },
  'keep-going': { type: 'boolean' },
  reporter: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runReplay(io: CliIo, args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const reporter = values.reporter ?? 'text';
  if (!['text', 'json', 'junit'].includes(reporter)) throw new UsageError(`--reporter must be text, json or junit, not '${reporter}'`);
  if (values.local && values.server) throw new UsageError('--local and --server both name a target: use one');
  if (values.update && reporter !== 'text') throw new UsageError('--update shows its changes as text: use it with --reporter text');
  if (positionals.length === 0) throw new UsageError(`no files given\n${HELP}`);
  const options = await baseOptions(values, io);

  const { files, problems } = await collectTranscripts(positionals, io.cwd);
  for (const problem of problems) io.stderr(`smtp-transcript replay: ${problem}\n`);
  if (files.length === 0) return 2;

  const local = values.local ? await startCliLocalServer(io) : undefined;
  const write = (line: string) => io.stdout(line + '\n');
  const paint = io.isTTY ? COLOURS : PLAIN;
  const results: Array<{ file: string; result: ReplayResult }> = [];
  let unreadable = problems.length > 0;
  try {
    for (const file of files) {
      if (io.interrupted.aborted) break;
      const text = await readTextFile(file.path);
      if (typeof text !== 'string') {
        io.stderr(`smtp-transcript replay: ${file.display}: ${text.error}\n`);
        unreadable = true;
        continue;
      }
      const transcript = parseTranscript(text);
      const sessions = selectSessions(transcript.sessions, values.session);
      if (sessions.length === 0) {
        const why = values.session ? `no session named ${values.session.join(', ')}` : 'nothing to replay: the file has no C: or S: lines';
        io.stderr(`smtp-transcript replay: ${file.display}: ${why}\n`);
        unreadable = true;
        continue;
      }
      const fileOptions: ReplayOptions = {
        ...options,
        sessions,
        readFile: (path) => readFile(resolve(dirname(file.path), path)),
        onEvent: reporter === 'text' ? liveTextReporter(file.display, write, paint) : undefined,
        signal: io.interrupted,
      };
      if (local) local.apply(transcript, fileOptions);
      const result = await replayTranscript(transcript, fileOptions);
      if (result.error && reporter === 'text') io.stderr(`smtp-transcript replay: ${file.display}: ${result.error.message}\n`);
      results.push({ file: file.display, result });
      if (values.update && result.sessions.length > 0) await updateFile(file.path, file.display, text, result, write);
    }
  } finally {
    await local?.close();
  }

  if (reporter === 'json') io.stdout(JSON.stringify(results, null, 2) + '\n');
  else if (reporter === 'junit') io.stdout(formatJunit(results));
  else write(`replay: ${summaryLine(summarize(results.map((r) => r.result)))}`);
  if (io.interrupted.aborted) {
    io.stderr('smtp-transcript replay: interrupted\n');
    return 2;
  }
  return exitCode(results.map((r) => r.result), unreadable);
}

function exitCode(results: ReplayResult[], unreadable: boolean): number {
  const sessions = results.flatMap((r) => r.sessions);
  if (unreadable || results.some((r) => r.error) || sessions.some((s) => s.status === 'error')) return 2;
  return sessions.some((s) => s.status === 'fail') ? 1 : 0;
}

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

async function baseOptions(values: Values, io: CliIo): Promise<Omit<ReplayOptions, 'readFile'>> {
  const tls = values.tls as TlsMode | undefined;
  if (tls && !['none', 'starttls', 'implicit'].includes(tls)) throw new UsageError(`--tls must be none, starttls or implicit, not '${tls}'`);
  const duration = (name: 'timeout' | 'connect-timeout'): number | undefined => {
    const text = values[name];
    if (text === undefined) return undefined;
    const ms = parseDuration(text);
    if (ms === undefined || ms <= 0) throw new UsageError(`--${name} takes a duration such as 500ms, 10s or 2m, not '${text}'`);
    return ms;
  };
  const options: Omit<ReplayOptions, 'readFile'> = {
    env: io.env,
    timeouts: { replyMs: duration('timeout'), connectMs: duration('connect-timeout') },
    insecureTls: Boolean(values['insecure-tls']),
    keepGoing: Boolean(values['keep-going']),
  };
  if (values.server) options.target = { ...parseServerOption(values.server), ...(tls ? { tls } : {}) };
  else if (tls) options.target = { tls };
  if (values.ca) {
    try {
      options.extraCaPem = await readFile(resolve(io.cwd, values.ca), 'utf8');
    } catch (error) {
      throw new UsageError(`--ca ${values.ca}: ${describeError(error as NodeJS.ErrnoException)}`);
    }
  }
  return options;
}

function parseServerOption(text: string): { host: string; port?: number } {
  const match = /^(?:\[([^\]]+)\]|([^\s:]+|mx:[^\s:]+))(?::(\d+))?$/.exec(text.trim());
  const port = match?.[3] ? Number(match[3]) : undefined;
  if (!match || (port !== undefined && (port < 1 || port > 65535))) {
    throw new UsageError(`--server takes host, host:port, [ipv6]:port or mx:domain, not '${text}'`);
  }
  return { host: match[1] ?? match[2], port };
}

function selectSessions(sessions: Array<{ index: number; name?: string }>, wanted: string[] | undefined): number[] {
  if (!wanted) return sessions.map((s) => s.index);
  return sessions.filter((s) => wanted.some((w) => w === s.name || w === String(s.index + 1))).map((s) => s.index);
}

async function updateFile(path: string, display: string, text: string, result: ReplayResult, write: (l: string) => void): Promise<void> {
  const updated = actualTranscript(text, result);
  if (updated === text) {
    write(`${display}: expectations already match the server`);
    return;
  }
  write(showChanges(display, text, updated));
  await writeFile(path, updated);
  write(`${display}: updated from the server's replies`);
}
