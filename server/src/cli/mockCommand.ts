// `smtp-transcript mock FILE [--port N|--socket PATH] [--tls-port N] [--session NAME] [--connections N|--forever]
//   [--timeout D] [--write-cert FILE] [--allow-include-dir DIR] [--zone FILE | --real-dns [--enforce-auth]]
//   [--reporter text|json|junit|github] [--quiet]`
import { resolve } from 'node:path';
import { parseTranscript } from '../model/parseTranscript';
import { readPort } from '../settings/settingValues';
import { readNamedFile } from '../io/namedFiles';
import { formatMockJson, formatMockJunit, mockGithubReporter, mockTextReporter } from '../report/mockReport';
import { implicitTlsSessions, NoSessionToPlay, startScriptedServer, UnplayableScript } from '../smtpTestServer/scriptedServer';
import { pathProblem, readTranscriptFile } from './files';
import { problemAnnotation } from './githubProblems';
import { allowedIncludeDirs } from './includeDirOption';
import type { CliIo } from './io';
import type { Session } from '../model/types';
import { cannotListenAt, certificateFileOption, checkDistinctPorts, doneOrInterrupted, writeCertificate } from './listenerOptions';
import { commandArgs } from './commandArgs';
import { durationOption } from './durationOption';
import { dnsResolverOption } from './dnsOption';
import { interruptedExitCode, UsageError } from './io';
import { withEnvironment } from '../model/environments';
import { ENV_OPTION_HELP, loadCliEnvironment } from './environmentOption';
import { missingSessionsMessage, selectSessions } from './sessionSelection';

const HELP = `usage: smtp-transcript mock [options] FILE

Plays the server's side of a transcript on 127.0.0.1 (or a UNIX-domain socket): each connection gets one
session's S: lines as written, and what the client sends is checked against its C: lines (verbs in any case, * and
/regex/ as in expectations, {{$capture name}} to keep what the client sent). The first deviation is answered with
"554 5.5.0 smtp-transcript mock: line N of the transcript expects ..." and the connection is closed.
S: <delay 2s>, <drip 50ms>, <cut 10>, <reset> and <silence> lines make the server slow or failing, to test a
client's timeouts and retries (docs/transcript-format.md, "Timing and faults"); S: <closed> where a reply is due,
or among a message's lines, closes the connection there.

  --port N               plain and STARTTLS port (default 2525; 0 picks a free port)
  --socket PATH          listen on this UNIX-domain socket instead of a port, as LMTP servers do (for Postfix's
                         lmtp:unix:PATH, swaks --socket); any local user may connect, as to a port
  --tls-port N           also listen for implicit TLS (RFC 8314) on this port (0 picks a free port)
${ENV_OPTION_HELP}
  --session NAME         play only this session (name or 1-based number); repeatable
  --connections N        serve N connections, then stop (default: one per session played)
  --forever              serve until interrupted (Ctrl-C or SIGTERM)
  --timeout DURATION     how long to wait for each client line when the file sets no @timeout (default 30s)
  --write-cert FILE      write the certificate made at start (PEM), for clients to trust
  --allow-include-dir DIR   also read < includes from DIR (repeatable)
  --zone FILE            judge every message's SPF, DKIM, DMARC and ARC with DNS answers from a zone file
                         (docs/zone-file.md); the verdict is printed with each session
  --real-dns             judge them with the system's DNS resolver instead
  --enforce-auth         compare each verdict with the transcript's reply to the message: accepting (2xx) a
                         message a strict receiver refuses, or refusing with X.7.20-X.7.26 one it accepts (or with
                         another of those codes), fails the session; the reply sent is always the transcript's
  --reporter text|json|junit|github   output format (default text); json and junit report every connection at
                         the end, so they keep each one's log until then (text prints each as it ends and keeps
                         counts); github: the text output, and a GitHub Actions annotation
                         (::error file=...,line=...::) at the line of each deviation
  -q, --quiet            text and github reporters: print only the connections whose session did not pass, and
                         the summary
  -h, --help             show this help

Examples:
  SMTP_PASSWORD=testpass smtp-transcript mock --port 0 --write-cert mock.pem examples/mock/swaks-submission.smtp
    (it prints the port it listens on; point the client under test at 127.0.0.1 and that port)
  smtp-transcript mock --forever --reporter junit tests/server-script.smtp > mock.xml

Exit code: 0 every connection followed its session, 1 a client deviated, 2 bad usage, an unreadable file or a
transcript problem, 130 interrupted (Ctrl-C), 143 stopped by SIGTERM (timeout, docker stop); the report and
the summary are written either way.
`;

const OPTIONS = {
  port: { type: 'string' },
  socket: { type: 'string' },
  'tls-port': { type: 'string' },
  env: { type: 'string' },
  session: { type: 'string', multiple: true },
  connections: { type: 'string' },
  forever: { type: 'boolean' },
  timeout: { type: 'string' },
  'write-cert': { type: 'string' },
  'allow-include-dir': { type: 'string', multiple: true },
  reporter: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  zone: { type: 'string' },
  'real-dns': { type: 'boolean' },
  'enforce-auth': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runMock(io: CliIo, args: string[]): Promise<number> {
  const parsed = commandArgs(io, args, OPTIONS, HELP);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(`give one transcript file\n${HELP}`);
  const reporter = values.reporter ?? 'text';
  if (!['text', 'json', 'junit', 'github'].includes(reporter)) throw new UsageError(`--reporter must be text, json, junit or github, not '${reporter}'`);
  if (values.forever && values.connections !== undefined) throw new UsageError('--forever and --connections both say when to stop: use one');
  if (values.port !== undefined && values.socket !== undefined) throw new UsageError('--port and --socket both say where to listen: use one');
  const socketPath = values.socket === undefined ? undefined : resolve(io.cwd, values.socket);
  const port = portOption('--port', values.port ?? (socketPath === undefined ? '2525' : '0'));
  const tlsPort = values['tls-port'] === undefined ? undefined : portOption('--tls-port', values['tls-port']);
  checkDistinctPorts(port, tlsPort);
  const connections = values.forever ? 'forever' : values.connections === undefined ? undefined : countOption(values.connections);
  const timeoutMs = durationOption('--timeout', values.timeout);
  const certFile = await certificateFileOption(io.cwd, values['write-cert']);

  const resolver = await dnsResolverOption(values.zone, values['real-dns'], io.cwd);
  if (values['enforce-auth'] && !resolver) throw new UsageError('--enforce-auth judges messages with DNS answers: add --zone FILE or --real-dns');
  const authentication = resolver ? { resolver, enforce: values['enforce-auth'] === true } : undefined;

  const display = positionals[0];
  const path = resolve(io.cwd, display);
  const file = await readTranscriptFile(path);
  const github = reporter === 'github';
  if ('error' in file) {
    const problem = pathProblem(display, file.error);
    io.stderr(`smtp-transcript mock: ${problem.message}\n`);
    if (github) io.stdout(problemAnnotation('mock', problem));
    return 2;
  }
  const environment = await loadCliEnvironment(values.env, path, io.cwd);
  const transcript = withEnvironment(parseTranscript(file.text), environment?.variables);
  const errors = transcript.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    for (const e of errors.slice(0, 5)) {
      io.stderr(`${display}:${e.range.start.line + 1}: ${e.message}\n`);
      if (github) io.stdout(problemAnnotation('mock', { file: display, message: e.message }, 'error', e.range.start.line + 1));
    }
    io.stderr(`smtp-transcript mock: ${display}: fix the transcript's errors first (smtp-transcript lint ${display})\n`);
    return 2;
  }
  const missing = values.session ? missingSessionsMessage(values.session, [{ display, transcript }]) : undefined;
  if (missing) throw new UsageError(missing);
  const chosen = selectSessions(transcript, values.session);
  const allowedFolders = await allowedIncludeDirs(values['allow-include-dir'], io.cwd);
  const write = (text: string): void => io.stdout(text + '\n');

  let server;
  try {
    server = await startScriptedServer(transcript, {
      port,
      ...(socketPath === undefined ? {} : { socketPath }),
      ...(tlsPort === undefined ? {} : { tlsPort }),
      sessions: chosen,
      ...(connections === undefined ? {} : { connections }),
      env: io.env,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...(authentication ? { authentication } : {}),
      readInclude: (written) => readNamedFile(written, { transcriptPath: path, allowedFolders }),
      // The text reporter (and GitHub's, the text with annotations) prints each session as it ends: nothing is kept
      // for the end but the counts.
      keepResults: reporter === 'json' || reporter === 'junit',
      ...(reporter === 'text' ? { onEvent: mockTextReporter(display, write, values.quiet === true) } : {}),
      ...(reporter === 'github' ? { onEvent: mockGithubReporter(display, write, values.quiet === true) } : {}),
    });
  } catch (error) {
    if (error instanceof UnplayableScript) {
      for (const problem of error.problems.slice(0, 10)) io.stderr(`${display}:${problem.line + 1}: ${problem.message}\n`);
      io.stderr(`smtp-transcript mock: ${display}: ${error.message} (nothing was started)\n`);
      return 2;
    }
    if (error instanceof NoSessionToPlay) {
      io.stderr(`smtp-transcript mock: ${display}: ${error.message}: write the server's S: lines and the client's C: lines (nothing was started)\n`);
      return 2;
    }
    const why = cannotListenAt(error, values.socket, [['--port', port], ['--tls-port', tlsPort]]);
    io.stderr(`smtp-transcript mock: cannot listen: ${why}\n`);
    return 2;
  }
  // Beside a socket, the implicit-TLS port is written whole: `:4650` alone would read as part of the path.
  const tlsAt = server.tlsPort === undefined ? '' : ` and ${socketPath === undefined ? '' : '127.0.0.1'}:${server.tlsPort} (implicit TLS)`;
  const ports = `${server.listening} (plain and STARTTLS)${tlsAt}`;
  io.stderr(`smtp-transcript mock: playing ${display} on ${ports}\n`);
  if (tlsPort === undefined) warnImplicitTls(io, implicitTlsSessions(transcript, chosen));
  if (!(await writeCertificate(io, 'mock', certFile, server.certificatePem))) {
    await server.close();
    return 2;
  }
  const outcome = await doneOrInterrupted(io, server.done);
  await server.close();
  const { tally } = server;
  if (reporter === 'json') io.stdout(formatMockJson(display, server.results));
  else if (reporter === 'junit') io.stdout(formatMockJunit(display, server.results));
  else write(`mock: ${tally.passed} passed, ${tally.played - tally.passed} failed`);
  if (outcome === 'interrupted') return interruptedExitCode(io.interrupted);
  if (tally.errors > 0) return 2;
  return tally.failed > 0 ? 1 : 0;
}

/** Sessions written for implicit TLS, served without --tls-port: their client would meet a plain greeting. */
function warnImplicitTls(io: CliIo, sessions: Session[]): void {
  if (sessions.length === 0) return;
  const which = sessions.map((s) => `${s.index + 1}${s.name === undefined ? '' : ` "${s.name}"`}`).join(', ');
  const [sessionsAre, them] = sessions.length > 1 ? [`sessions ${which} are`, 'them'] : [`session ${which} is`, 'it'];
  io.stderr(
    `smtp-transcript mock: warning: ${sessionsAre} implicit TLS (@tls = implicit): add --tls-port N (0 picks a free port) ` +
      `to play ${them} there; a client on the plain port gets no TLS handshake\n`,
  );
}

function portOption(name: string, text: string): number {
  if (text === '0') return 0;
  const port = readPort(text);
  if (port === undefined) throw new UsageError(`${name} takes a TCP port (1-65535, or 0 for a free one), not '${text}'`);
  return port;
}

function countOption(text: string): number {
  const count = Number(text);
  if (!/^\d+$/.test(text) || count < 1) throw new UsageError(`--connections takes a number of connections (1 or more), not '${text}'`);
  return count;
}
