// `smtp-transcript serve [--port N|--socket PATH] [--tls-port N] [--mail-dir DIR] [--user NAME] [--reject-domain D]...
//   [--write-cert FILE] [--command-timeout T] [--min-rate N] [--record DIR] ...`
import { writeFile } from 'node:fs/promises';
import type { ClientPace } from '../smtpTestServer/clientPace';
import { startLocalServer } from '../smtpTestServer/localServer';
import { recordingFolder } from '../record/recordingFolder';
import { visibleText } from '../report/visibleText';
import { describeError } from '../io/regularFiles';
import type { CliIo } from './io';
import { UsageError } from './io';
import { commandArgs } from './commandArgs';
import { durationOption } from './durationOption';
import { cannotListenAt, certificateFileOption, checkDistinctPorts } from './listenerOptions';
import { resolve } from 'node:path';
import { dnsResolverOption } from './dnsOption';
import { prepareMailDir } from './mailDirOption';
import { TEST_SERVER_DEFAULTS } from '../settings/testServerDefaults';
import { strictReplyCodes } from '../knowledge/strictReceiverReplies';

const { user: DEFAULT_USER, password: DEFAULT_PASSWORD, passwordVariable: PASSWORD_VARIABLE, rejectDomains: DEFAULT_REJECT_DOMAINS } = TEST_SERVER_DEFAULTS;

const HELP = `usage: smtp-transcript serve [options]

Runs the built-in local SMTP test server on 127.0.0.1 until interrupted (Ctrl-C or SIGTERM).

  --port N              plain/STARTTLS port (default 2525; 0 picks a free one)
  --socket PATH         listen for plain/STARTTLS clients on this UNIX-domain socket instead: an MTA delivering
                        over LMTP (Postfix's lmtp:unix:PATH) has its mail stored here; any local user may connect
  --tls-port N          implicit-TLS port (default 4650; 0 picks a free one)
  --mail-dir DIR        where received messages are stored as .eml files (default ./smtp-mail)
  --user NAME           the AUTH user (default ${DEFAULT_USER}); its password is ${PASSWORD_VARIABLE} or ${DEFAULT_PASSWORD}
  --reject-domain D     recipients at D get 550 (repeatable; default ${DEFAULT_REJECT_DOMAINS.join(', ')})
  --write-cert FILE     write the server's certificate (PEM) to FILE, to trust it with replay --ca FILE or in a
                        mail client
  --command-timeout T   time a client may take to send a command, a pipelined group or message content
                        (default ${TEST_SERVER_DEFAULTS.commandTimeoutSeconds}s); slower: 421 4.4.2 and the connection is closed
  --min-rate N          octets per second a client must keep up beyond that (default ${TEST_SERVER_DEFAULTS.minBytesPerSecond})
  --record DIR          record every session as a transcript in DIR (record-<time>-<n>.smtp; credentials as
                        {{$env}} references, queue ids and dates as *): it replays green against this server
  --zone FILE           judge every message's SPF, DKIM, DMARC and ARC with DNS answers from a zone file
                        (docs/zone-file.md); the verdict is printed and added to the stored message as
                        Authentication-Results
  --real-dns            judge them with the system's DNS resolver instead
  --enforce-auth        refuse failing messages at the end of DATA like a strict receiver (docs/zone-file.md):
                        ${strictReplyCodes()}; needs --zone or --real-dns
  -h, --help            show this help

Exit code: 0 stopped with Ctrl-C or SIGTERM, 2 it cannot start (a port in use, --port equal to --tls-port, a
--mail-dir that is a file, a bad option value).
`;

const OPTIONS = {
  port: { type: 'string' },
  socket: { type: 'string' },
  'tls-port': { type: 'string' },
  'mail-dir': { type: 'string' },
  user: { type: 'string' },
  'reject-domain': { type: 'string', multiple: true },
  'write-cert': { type: 'string' },
  'command-timeout': { type: 'string' },
  'min-rate': { type: 'string' },
  zone: { type: 'string' },
  'real-dns': { type: 'boolean' },
  'enforce-auth': { type: 'boolean' },
  record: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runServe(io: CliIo, args: string[]): Promise<number> {
  const parsed = commandArgs(io, args, OPTIONS, HELP);
  if (!parsed) return 0;
  const { values } = parsed;
  if (parsed.positionals.length > 0) throw new UsageError(`serve takes no files: '${parsed.positionals[0]}' (--help lists its options)`);
  if (values.port !== undefined && values.socket !== undefined) throw new UsageError('--port and --socket both say where to listen: use one');
  const socketPath = values.socket === undefined ? undefined : resolve(io.cwd, values.socket);
  const port = socketPath === undefined ? portOption('--port', values.port, 2525) : 0;
  const tlsPort = portOption('--tls-port', values['tls-port'], 4650);
  checkDistinctPorts(port, tlsPort);
  const user = values.user ?? DEFAULT_USER;
  if (user.trim() === '' || /\s/.test(user)) throw new UsageError(`--user takes a user name without spaces, not '${user}'`);
  const rejectDomains = values['reject-domain'] ?? [...DEFAULT_REJECT_DOMAINS];
  for (const domain of rejectDomains) {
    if (domain.trim() === '' || /[\s@]/.test(domain)) throw new UsageError(`--reject-domain takes a domain such as reject.test, not '${domain}'`);
  }
  const pace = paceOptions(values['command-timeout'], values['min-rate']);
  const resolver = await dnsResolverOption(values.zone, values['real-dns'], io.cwd);
  if (values['enforce-auth'] && !resolver) throw new UsageError('--enforce-auth judges messages with DNS answers: add --zone FILE (or --real-dns)');
  const certFile = await certificateFileOption(io.cwd, values['write-cert']);
  const mailDir = await prepareMailDir(values['mail-dir'] ?? 'smtp-mail', io.cwd);
  const recordDir = values.record === undefined ? undefined : await prepareMailDir(values.record, io.cwd, '--record');
  const recordings = recordDir
    ? recordingFolder(recordDir, {
        recorder: 'smtp-transcript serve --record',
        onSaved: (r) => {
          io.stdout(`recorded ${r.file} (session from ${r.client})\n`);
          // What the recording had to add or leave out (a message cut off by the end of the session), as record says it.
          for (const problem of r.problems) io.stdout(`  ${problem.severity}: ${problem.message}\n`);
        },
        onError: (message) => io.stderr(`smtp-transcript serve: --record: ${message}\n`),
      })
    : undefined;
  let server;
  try {
    server = await startLocalServer({
      port,
      ...(socketPath === undefined ? {} : { socketPath }),
      tlsPort,
      mailDir,
      user: { name: user, password: io.env[PASSWORD_VARIABLE] ?? DEFAULT_PASSWORD },
      rejectDomains,
      pace,
      ...(resolver ? { authentication: { resolver, enforce: values['enforce-auth'] === true } } : {}),
      ...(recordings ? { recordSession: recordings.tap } : {}),
      // The addresses are the client's: shown as text (a bidirectional override in a UTF-8 address), never obeyed.
      onAuthentication: (a) => {
        if (a.refused) io.stdout(`${visibleText(`refused a message from <${a.mailFrom}>: ${a.summary}: ${a.refused}`)}\n`);
      },
      // Else a client that refuses the certificate (one not given --write-cert's file) fails with nothing said here.
      onTlsFailure: (f) => io.stdout(`TLS handshake from ${f.client} ${f.mode === 'implicit' ? 'on the implicit-TLS port' : 'after STARTTLS'} failed: ${f.problem}\n`),
      onMessage: (m) =>
        io.stdout(
          `${visibleText(`received ${m.file} from <${m.mailFrom}> to ${m.recipients.map((r) => `<${r}>`).join(', ')} (${m.size} octets)${m.authentication ? ` ${m.authentication}` : ''}`)}\n`,
        ),
    });
  } catch (error) {
    const why = cannotListenAt(error, values.socket, [['--port', port], ['--tls-port', tlsPort]]);
    io.stderr(`smtp-transcript serve: cannot listen: ${why}\n`);
    return 2;
  }
  if (certFile) {
    try {
      await writeFile(certFile, server.certificatePem);
    } catch (error) {
      await server.close();
      io.stderr(`smtp-transcript serve: --write-cert ${values['write-cert']}: ${describeError(error as NodeJS.ErrnoException)}\n`);
      return 2;
    }
  }
  // Its certificate is self-signed for localhost: say how to trust it rather than how to turn verification off.
  const trust = certFile
    ? `certificate (self-signed, localhost) written to ${certFile}: trust it with replay --ca ${certFile} or in your mail client\n`
    : 'certificate: self-signed for localhost; --write-cert FILE writes it to a file to trust with replay --ca FILE or in a mail client\n';
  io.stdout(
    `local SMTP server on ${server.listening} (STARTTLS) and ${server.host}:${server.tlsPort} (implicit TLS)\n` +
      `AUTH user ${user}; recipients at ${rejectDomains.join(', ')} are rejected; LMTP after LHLO; messages go to ${mailDir}\n` +
      (recordings ? `every session is recorded as a transcript in ${recordings.folder}\n` : '') +
      (resolver ? `SPF, DKIM, DMARC and ARC are checked (${values.zone ? `DNS from ${values.zone}` : 'real DNS'})${values['enforce-auth'] ? ' and enforced' : ''}\n` : '') +
      trust +
      'Press Ctrl-C to stop.\n',
  );
  await new Promise<void>((done) => {
    if (io.interrupted.aborted) done();
    else io.interrupted.addEventListener('abort', () => done(), { once: true });
  });
  await server.close();
  io.stdout(`stopped; ${server.received} message(s) received\n`);
  return 0;
}

function paceOptions(timeout: string | undefined, rate: string | undefined): Partial<ClientPace> {
  const pace: Partial<ClientPace> = {};
  const commandTimeoutMs = durationOption('--command-timeout', timeout);
  if (commandTimeoutMs !== undefined) pace.commandTimeoutMs = commandTimeoutMs;
  if (rate !== undefined) {
    const octets = Number(rate);
    if (rate.trim() === '' || !Number.isInteger(octets) || octets <= 0) throw new UsageError(`--min-rate takes a positive number of octets per second, not '${rate}'`);
    pace.minBytesPerSecond = octets;
  }
  return pace;
}

function portOption(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const port = Number(text);
  if (text.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`${name} takes a port number from 0 to 65535, not '${text}'`);
  return port;
}
