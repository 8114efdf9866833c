// `smtp-transcript replay FILE... [--server host[:port]] [--tls MODE] [--local] [--session NAME] [--timeout D]
//   [--connect-timeout D] [--insecure-tls] [--ca FILE] [--update [--keep-volatile]] [--keep-going] [--reporter text|json|junit|github]
//   [--quiet] [--mail-dir DIR] [--allow-include-dir DIR]... [--repeat N] [--concurrency C]`
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { strictReplyCodes } from '../knowledge/strictReceiverReplies';
import { parseTranscript } from '../model/parseTranscript';
import type { Transcript } from '../model/types';
import { replayTranscript } from '../replay/replayTranscript';
import { locatedErrorText } from '../replay/replayError';
import { allMockScripts } from '../replay/mockScripts';
import { resolveReplayOptions, type ReplayRequest } from '../replay/replayRequest';
import type { ReplayOptions, ReplayResult } from '../replay/replayTypes';
import { formatJson } from '../report/jsonReporter';
import { formatJunit } from '../report/junitReporter';
import { replayAnnotations } from '../report/githubReporter';
import { plainLogText } from '../report/githubCommands';
import { COLOURS, liveTextReporter, PLAIN, summarize, summaryLine } from '../report/textReporter';
import { collectTranscripts, pathProblem, readTranscriptFile, type PathProblem, type TranscriptFile } from './files';
import { problemAnnotation } from './githubProblems';
import { allowedIncludeDirs } from './includeDirOption';
import { readNamedFile } from '../io/namedFiles';
import { readRegularFile } from '../io/regularFiles';
import type { CliIo } from './io';
import { commandArgs } from './commandArgs';
import { loadPlanOption, runLoadMode } from './replayLoadMode';
import { interruptedExitCode, OutputClosed, UsageError } from './io';
import { zoneMxResolver } from '../mailauth/zoneResolver';
import { dnsResolverOption } from './dnsOption';
import { startCliLocalServer } from './localTarget';
import { prepareMailDir } from './mailDirOption';
import { missingSessionsMessage, selectSessions } from './sessionSelection';
import { updateTranscriptFile } from './transcriptUpdate';
import { TEST_SERVER_DEFAULTS } from '../settings/testServerDefaults';
import { CONNECT_TIMEOUT_SETTING, TIMEOUT_SETTING } from '../settings/replaySettings';
import { TLS_MODES } from '../knowledge/tlsModes';
import { withEnvironment } from '../model/environments';
import { definitionsAt } from '../model/variables';
import { ENV_OPTION_HELP, loadCliEnvironment } from './environmentOption';

const HELP = `usage: smtp-transcript replay [options] FILE|DIR...

  --server HOST[:PORT]   target when the transcript has no @server (or to override it); mx:DOMAIN uses its MX;
                         unix:/PATH a UNIX-domain socket (an LMTP service's, as Dovecot's)
  --tls ${TLS_MODES.join('|')}
  --local                start the built-in local SMTP server for this run and replay against it
  --mail-dir DIR         with --local: keep the received messages in DIR (default: a temporary directory, removed)
  --zone FILE            DNS from a zone file (docs/zone-file.md) instead of the network: mx:DOMAIN targets are
                         looked up there; with --local the server checks SPF, DKIM, DMARC and ARC with it and
                         adds Authentication-Results to the messages it stores
  --enforce-auth         with --local and --zone: the server refuses failing messages like a strict receiver
                         (docs/zone-file.md): ${strictReplyCodes()}
${ENV_OPTION_HELP}
                         ("server": "local" there means the built-in local server, as --local)
  --session NAME         replay only the session(s) with this name (or 1-based number), in every file that has it
  --timeout DURATION     time to wait for each reply (500ms, 10s, 2m; a bare number is seconds; default ${TIMEOUT_SETTING.defaultText})
  --connect-timeout DURATION   time to connect and finish the TLS handshake (default ${CONNECT_TIMEOUT_SETTING.defaultText})
  --insecure-tls         do not verify TLS certificates (reported loudly in every result)
  --ca FILE              trust the CA certificates in this PEM file as well
  --allow-include-dir DIR   let includes and @ca read files in DIR's tree too (repeatable; by default only the
                         transcript's own folder tree; anything else is refused before connecting)
  --update               rewrite the S: lines of each file with the server's actual replies (shows the changes,
                         secrets masked; implies --keep-going; text reporter only; an interrupted run writes nothing;
                         queue ids, session ids and dates in the replies are written as *)
  --keep-volatile        with --update: write queue ids, session ids and dates literally
  --keep-going           go on after a failed expectation instead of ending the session
  --reporter text|json|junit|github   output format (default text); github: the text output, and a GitHub
                         Actions annotation (::error file=...,line=...::) at the line of each failure
  -q, --quiet            text and github reporters: print only the sessions that do not pass (their failed
                         exchanges and their end) and the summary; a passing session prints nothing
  --repeat N             load mode: replay the sessions N times (default 1) and report throughput (messages/s,
                         sessions/s) and latency percentiles (p50/p95/p99) per exchange kind instead of each result
  --concurrency C        load mode: over C connections at once (default 1), as smtp-source -s C -m N does
  -h, --help             show this help

Examples:
  SMTP_PASSWORD=testpass smtp-transcript replay --local examples/
  smtp-transcript replay --server 127.0.0.1:587 --tls starttls --ca ca.pem --session 2 tests/submit.smtp
  smtp-transcript replay --reporter junit tests/ > replay.xml
  smtp-transcript replay --update --server mx.example.com tests/bounce.smtp

Directories are searched for *.smtp files; a quoted pattern ("tests/**/*.smtp") is expanded.
Secrets come from the environment: {{$env SMTP_PASSWORD}} in a transcript reads SMTP_PASSWORD; with --local the
server's password is ${TEST_SERVER_DEFAULTS.passwordVariable} (default ${TEST_SERVER_DEFAULTS.password}), as for serve.
Exit code: 0 all passed, 1 a failed expectation, 2 bad usage, unreadable files or connection errors,
130 interrupted (Ctrl-C), 143 stopped by SIGTERM.
`;

const OPTIONS = {
  server: { type: 'string' },
  tls: { type: 'string' },
  local: { type: 'boolean' },
  'mail-dir': { type: 'string' },
  zone: { type: 'string' },
  'enforce-auth': { type: 'boolean' },
  env: { type: 'string' },
  session: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  'connect-timeout': { type: 'string' },
  'insecure-tls': { type: 'boolean' },
  ca: { type: 'string' },
  'allow-include-dir': { type: 'string', multiple: true },
  update: { type: 'boolean' },
  'keep-volatile': { type: 'boolean' },
  'keep-going': { type: 'boolean' },
  reporter: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  repeat: { type: 'string' },
  concurrency: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runReplay(io: CliIo, args: string[]): Promise<number> {
  const parsed = commandArgs(io, args, OPTIONS, HELP);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const reporter = values.reporter ?? 'text';
  if (!['text', 'json', 'junit', 'github'].includes(reporter)) throw new UsageError(`--reporter must be text, json, junit or github, not '${reporter}'`);
  // GitHub's reporter is the text reporter with annotations added.
  const textLog = reporter === 'text' || reporter === 'github';
  if (values.local && values.server) throw new UsageError('--local and --server both name a target: use one');
  const mailDirUnused = '--mail-dir is where --local stores messages: use it with --local';
  if (values['mail-dir'] !== undefined && !values.local && values.env === undefined) throw new UsageError(mailDirUnused);
  if (values['enforce-auth'] && !values.local) throw new UsageError('--enforce-auth makes the local server refuse failing messages: use it with --local');
  if (values['enforce-auth'] && values.zone === undefined) throw new UsageError('--enforce-auth judges messages with DNS answers: add --zone FILE');
  if (values['keep-volatile'] && !values.update) throw new UsageError('--keep-volatile says how --update writes replies: use it with --update');
  if (values.update && reporter !== 'text') throw new UsageError('--update shows its changes as text: use it with --reporter text');
  const loadPlan = loadPlanOption(values);
  if (positionals.length === 0) throw new UsageError(`no files given\n${HELP}`);
  const options = await baseOptions(values, io);
  // Said where a CI log or a redirected stdout still shows it, before anything connects; the summary says it again.
  if (options.insecureTls) io.stderr('smtp-transcript replay: warning: --insecure-tls: server certificates are not verified\n');
  const allowedFolders = await allowedIncludeDirs(values['allow-include-dir'], io.cwd);

  const { files, problems } = await collectTranscripts(positionals, io.cwd);
  // A file left out: its line for people, and under github an annotation on it.
  const leftOut = (problem: PathProblem) => {
    io.stderr(`smtp-transcript replay: ${problem.message}\n`);
    if (reporter === 'github') io.stdout(problemAnnotation('replay', problem));
  };
  problems.forEach(leftOut);
  let unreadable = problems.length > 0;
  // Every file is read and its sessions chosen before the first connection: a typo fails fast.
  const loaded: Array<TranscriptFile & { text: string; transcript: Transcript; invalidUtf8Lines: number[]; local: boolean }> = [];
  for (const file of files) {
    const read = await readTranscriptFile(file.path);
    if ('error' in read) {
      leftOut(pathProblem(file.display, read.error));
      unreadable = true;
      continue;
    }
    const { text, invalidUtf8Lines } = read;
    const environment = await loadCliEnvironment(values.env, file.path, io.cwd);
    const transcript = withEnvironment(parseTranscript(text), environment?.variables);
    // `"server": "local"` in the environment asks for the built-in server, unless --server or the file's own
    // `@server` names another target (the file's directives win over the environment's).
    const fileNamesServer = transcript.sessions.some((s) => definitionsAt(transcript, s, Infinity).has('server'));
    const local = Boolean(values.local) || (environment?.local === true && values.server === undefined && !fileNamesServer);
    if (transcript.sessions.length > 0) loaded.push({ ...file, text, transcript, invalidUtf8Lines, local });
    else {
      const notText = transcript.diagnostics.find((d) => d.code === 'not-a-transcript');
      const why = notText ? notText.message : 'nothing to replay: the file has no C: or S: lines';
      leftOut(pathProblem(file.display, why));
      unreadable = true;
    }
  }
  const missing = values.session ? missingSessionsMessage(values.session, loaded) : undefined;
  if (missing) throw new UsageError(missing);
  const chosen = loaded.map((file) => ({ ...file, sessions: selectSessions(file.transcript, values.session) })).filter((f) => f.sessions.length > 0);
  if (chosen.length === 0) return 2;
  if (values['mail-dir'] !== undefined && !chosen.some((f) => f.local)) throw new UsageError(mailDirUnused);

  const mailDir = values['mail-dir'] === undefined ? undefined : await prepareMailDir(values['mail-dir'], io.cwd);
  const resolver = await dnsResolverOption(values.zone, false, io.cwd);
  const authentication = resolver && values.local ? { resolver, enforce: values['enforce-auth'] === true } : undefined;
  if (resolver && !values.local) options.resolveMx = zoneMxResolver(resolver);
  // A run of mock scripts only (`@replay = skip`, server faults) skips every session: no server to start for it.
  const local = chosen.some((f) => f.local && !allMockScripts(f.transcript, f.sessions.map((index) => f.transcript.sessions[index]), options)) ? await startCliLocalServer(io, mailDir, authentication) : undefined;
  if (loadPlan) {
    try {
      const loadFiles = chosen.map((file) => {
        const fileOptions: ReplayOptions = { ...options, readFile: (path) => readNamedFile(path, { transcriptPath: file.path, allowedFolders }), invalidUtf8Lines: file.invalidUtf8Lines, signal: io.interrupted };
        if (local && file.local) local.apply(file.transcript, fileOptions);
        return { display: file.display, transcript: file.transcript, sessions: file.sessions, options: fileOptions };
      });
      const code = await runLoadMode(io, loadFiles, loadPlan, reporter);
      return io.interrupted.aborted ? interruptedExitCode(io.interrupted) : unreadable ? 2 : code;
    } finally {
      await local?.close();
    }
  }
  const write = (line: string) => io.stdout(line + '\n');
  const paint = io.isTTY ? COLOURS : PLAIN;
  const results: Array<{ file: string; result: ReplayResult }> = [];
  try {
    for (const file of chosen) {
      if (io.interrupted.aborted) break;
      const fileOptions: ReplayOptions = {
        ...options,
        sessions: file.sessions,
        // Includes and @ca only from the transcript's folder tree and the allowed folders, only regular files.
        readFile: (path) => readNamedFile(path, { transcriptPath: file.path, allowedFolders }),
        invalidUtf8Lines: file.invalidUtf8Lines,
        onEvent: textLog ? liveTextReporter(file.display, reporter === 'github' ? (line) => write(plainLogText(line)) : write, paint, values.quiet === true) : undefined,
        // Only the JSON report shows the wire log: kept for the others, it was a record per line nobody read.
        wireLog: reporter === 'json',
        signal: io.interrupted,
      };
      if (local && file.local) local.apply(file.transcript, fileOptions);
      const result = await replayTranscript(file.transcript, fileOptions);
      if (result.error && textLog) io.stderr(`smtp-transcript replay: ${file.display}: ${locatedErrorText(result.error)}\n`);
      results.push({ file: file.display, result });
      if (reporter === 'github') for (const command of replayAnnotations(file.display, result, values.quiet === true)) write(command);
      // An interrupted run writes nothing: its results are incomplete.
      if (values.update && result.sessions.length > 0 && !io.interrupted.aborted) await updateTranscriptFile(file, file.text, result, write, { keepVolatileText: values['keep-volatile'] === true });
    }
  } finally {
    await local?.close();
  }

  if (reporter === 'json') io.stdout(formatJson(results));
  else if (reporter === 'junit') io.stdout(formatJunit(results));
  else write(`replay: ${summaryLine(summarize(results.map((r) => r.result)))}${io.interrupted.aborted ? notRunText(chosen, results) : ''}`);
  if (io.interrupted.aborted) {
    if (!(io.interrupted.reason instanceof OutputClosed)) io.stderr(`smtp-transcript replay: interrupted${values.update ? '; no file was updated' : ''}\n`);
    return interruptedExitCode(io.interrupted);
  }
  return exitCode(results.map((r) => r.result), unreadable);
}

/** An interrupted run: the sessions chosen that never started (of the files reached and the files after them). */
function notRunText(chosen: ReadonlyArray<{ sessions: readonly number[] }>, results: ReadonlyArray<{ result: ReplayResult }>): string {
  let notRun = 0;
  chosen.forEach((file, i) => {
    const result = results[i]?.result;
    if (!result) notRun += file.sessions.length;
    else if (!result.error) notRun += Math.max(0, file.sessions.length - result.sessions.length);
  });
  return notRun === 0 ? '' : `; ${notRun} session${notRun === 1 ? '' : 's'} not run (interrupted)`;
}

function exitCode(results: ReplayResult[], unreadable: boolean): number {
  const sessions = results.flatMap((r) => r.sessions);
  if (unreadable || results.some((r) => r.error) || sessions.some((s) => s.status === 'error')) return 2;
  return sessions.some((s) => s.status === 'fail') ? 1 : 0;
}

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** The options every file shares, checked as the editor's are (`resolveReplayOptions`); a problem is a usage error. */
async function baseOptions(values: Values, io: CliIo): Promise<Omit<ReplayOptions, 'readFile'>> {
  const request: ReplayRequest = {
    from: 'cli',
    override: { server: values.server, tls: values.tls },
    timeout: values.timeout,
    connectTimeout: values['connect-timeout'],
    insecureTls: Boolean(values['insecure-tls']),
    keepGoing: values['keep-going'],
    update: values.update,
  };
  const resolved = resolveReplayOptions(values.ca === undefined ? request : { ...request, ca: await readCaFile(values.ca, io) });
  if ('problem' in resolved) throw new UsageError(resolved.problem.message);
  return { env: io.env, ...resolved.options };
}

async function readCaFile(path: string, io: CliIo): Promise<{ pem: string; source: string }> {
  try {
    // The user names this file, so it is not confined; but only a regular file is read (a FIFO would hang).
    return { pem: (await readRegularFile(resolve(io.cwd, path))).toString('utf8'), source: `--ca ${path}` };
  } catch (error) {
    throw new UsageError(`--ca ${path}: ${(error as Error).message}`);
  }
}
