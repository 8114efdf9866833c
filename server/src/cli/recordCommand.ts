// `smtp-transcript record --listen PORT|--socket PATH --upstream HOST:PORT|unix:/path [--tls-servername NAME] [--tls none|starttls|implicit]
//   [--upstream-tls none|starttls|implicit] [--ca FILE] [--insecure-tls] [--out DIR|FILE [--overwrite]]
//   [--connections N|--forever] [--write-cert FILE]`
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { unwritableFolderProblem } from '../io/folders';
import { describeError, readRegularFile } from '../io/regularFiles';
import { recordingFileName, writeNewRecording } from '../record/recordingFolder';
import { startRecordingProxy, type RecordingProxy } from '../record/recordingProxy';
import { proxyRecorders, type TranscriptRecorder } from '../record/transcriptRecorder';
import { parseHostAndPort } from '../model/serverAddress';
import { endpointText, HOST_NAME, readPort, unixSocketPath } from '../settings/settingValues';
import { SOCKET_NEEDS_NAME, unnamedSocketTls } from '../record/upstreamConnection';
import { generateTestCertificate } from '../smtpTestServer/testCertificate';
import { commandArgs } from './commandArgs';
import { interruptedExitCode, UsageError, type CliIo } from './io';
import { cannotListenAt, certificateFileOption, doneOrInterrupted, writeCertificate } from './listenerOptions';

const HELP = `usage: smtp-transcript record --listen PORT|--socket PATH --upstream HOST:PORT|unix:/path [options]

A recording proxy on 127.0.0.1 (or a UNIX-domain socket): point an SMTP client at it, and every connection is relayed
to the upstream server and written as a transcript, which replays against that server and mocks for that client. TLS
is terminated on both sides: towards the server verified, towards the client with a certificate made at start.
Credentials are written as {{$env SMTP_PASSWORD}} references; queue ids, dates and session ids in replies as *.

  --listen PORT          port to listen on (0 picks a free port)
  --socket PATH          listen on this UNIX-domain socket instead (as LMTP clients deliver: Postfix's
                         lmtp:unix:PATH, swaks --socket); any local user may connect, as to a port
  --upstream HOST:PORT   the SMTP or LMTP server to relay to; unix:/absolute/path for a UNIX-domain socket
                         (an LMTP server such as Dovecot's)
  --tls-servername NAME  the name the server's certificate is verified against (default: the upstream host);
                         TLS towards a unix: socket needs it; written as the recording's @tls-servername
  --tls MODE             how clients connect: none or starttls (plain; STARTTLS is terminated when the client asks
                         and the server agrees), implicit (TLS at once, RFC 8314) (default starttls)
  --upstream-tls MODE    how the proxy connects to the server: none or starttls (plain, STARTTLS as the client
                         asks), implicit (default: implicit with --tls implicit, else starttls)
  --ca FILE              also trust these CA certificates (PEM) for the server
  --insecure-tls         do not verify the server's certificate (said on every run)
  --out DIR|FILE         where transcripts go: a folder (record-<time>-<n>.smtp each; default .) or, for one
                         connection, a .smtp file (its folder must exist; an existing file is kept unless
                         --overwrite is given)
  --overwrite            let --out FILE replace an existing file
  --connections N        record N connections, then stop (default 1)
  --forever              record until interrupted (Ctrl-C or SIGTERM)
  --write-cert FILE      write the certificate made at start (PEM), for clients to trust
  -h, --help             show this help

Exit code: 0 every connection was recorded, 1 a connection could not be relayed (the server unreachable, a TLS
failure), 2 bad usage or a port in use, 130 interrupted (Ctrl-C), 143 stopped by SIGTERM; either way the open
connections are recorded first.
`;

const OPTIONS = {
  listen: { type: 'string' },
  socket: { type: 'string' },
  upstream: { type: 'string' },
  'tls-servername': { type: 'string' },
  tls: { type: 'string' },
  'upstream-tls': { type: 'string' },
  ca: { type: 'string' },
  'insecure-tls': { type: 'boolean' },
  out: { type: 'string' },
  overwrite: { type: 'boolean' },
  connections: { type: 'string' },
  forever: { type: 'boolean' },
  'write-cert': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const TLS_MODES = ['none', 'starttls', 'implicit'];

export async function runRecord(io: CliIo, args: string[]): Promise<number> {
  const parsed = commandArgs(io, args, OPTIONS, HELP);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw new UsageError(`record takes no files: '${positionals[0]}' (see --out)`);
  if (values.listen !== undefined && values.socket !== undefined) throw new UsageError('--listen and --socket both say where to listen: use one');
  if (values.listen === undefined && values.socket === undefined) throw new UsageError('give --listen PORT (0 picks a free port) or --socket PATH');
  if (values.upstream === undefined) throw new UsageError('give --upstream HOST:PORT (or unix:/path), the server to record');
  const port = values.listen === undefined ? 0 : values.listen === '0' ? 0 : readPort(values.listen);
  if (port === undefined) throw new UsageError(`--listen takes a TCP port (1-65535, or 0 for a free one), not '${values.listen}'`);
  const socketPath = values.socket === undefined ? undefined : resolve(io.cwd, values.socket);
  const upstream = hostAndPort(values.upstream);
  const tls = modeOption('--tls', values.tls ?? 'starttls');
  const upstreamTls = modeOption('--upstream-tls', values['upstream-tls'] ?? (tls === 'implicit' ? 'implicit' : 'starttls'));
  const servername = values['tls-servername'];
  if (servername !== undefined && !HOST_NAME.test(servername)) throw new UsageError(`--tls-servername takes a host name, not '${servername}'`);
  const unnamed = unnamedSocketTls(upstream.host, upstreamTls, servername);
  if (unnamed && 'refused' in unnamed) throw new UsageError(`--upstream ${upstream.host} --upstream-tls implicit: ${SOCKET_NEEDS_NAME} (--tls-servername NAME)`);
  if (values.forever && values.connections !== undefined) throw new UsageError('--forever and --connections both say when to stop: use one');
  const connections = values.forever ? 'forever' : countOption(values.connections ?? '1');
  const out = resolve(io.cwd, values.out ?? '.');
  const outFile = out.endsWith('.smtp');
  if (outFile && connections !== 1) throw new UsageError('--out names one .smtp file: record one connection into it, or give a folder');
  const overwrite = Boolean(values.overwrite);
  if (outFile) await outputFile(out, overwrite);
  // As replay's --ca: only a regular file of bounded size is read (/dev/zero never ends, a FIFO blocks).
  const ca = values.ca === undefined ? undefined : (await readRegularFile(resolve(io.cwd, values.ca)).catch((error: Error) => {
    throw new UsageError(`--ca ${values.ca}: ${error.message}`);
  })).toString('utf8');
  if (!outFile) await outputFolder(out);
  const certFile = await certificateFileOption(io.cwd, values['write-cert']);
  const insecureTls = Boolean(values['insecure-tls']);
  if (insecureTls) io.stderr("smtp-transcript record: warning: --insecure-tls: the server's certificate is not verified\n");
  if (unnamed && 'warning' in unnamed) io.stderr(`smtp-transcript record: warning: ${unnamed.warning} (--tls-servername NAME)\n`);

  const certificate = await generateTestCertificate();
  const failures: string[] = [];
  const writes: Promise<void>[] = [];
  let proxy: RecordingProxy;
  try {
    proxy = await startRecordingProxy({
      listen: socketPath === undefined ? { port } : { socketPath },
      implicitTls: tls === 'implicit',
      upstream: { ...upstream, implicitTls: upstreamTls === 'implicit', insecureTls, ...(ca === undefined ? {} : { ca }), ...(servername === undefined ? {} : { servername }) },
      certificate,
      connections,
      tap: proxyRecorders({ ...upstream, ...(servername === undefined ? {} : { servername }) }, 'smtp-transcript record', insecureTls ? '--insecure-tls' : undefined),
      onEvent: (event) => {
        if (event.type === 'connection') io.stderr(`smtp-transcript record: connection ${event.index + 1} from ${event.remote}\n`);
        else if (event.type === 'refused') io.stderr(`smtp-transcript record: ${event.remote}: ${event.error}\n`);
        else saved(event.index, event.tap, event.error);
      },
    });
  } catch (error) {
    const why = cannotListenAt(error, values.socket, [['--listen', port]]);
    io.stderr(`smtp-transcript record: cannot listen: ${why}\n`);
    return 2;
  }
  function saved(index: number, recorder: TranscriptRecorder, error: string | undefined): void {
    if (error !== undefined) {
      failures.push(error);
      io.stderr(`smtp-transcript record: connection ${index + 1}: ${error}\n`);
    }
    const { text, problems } = recorder.transcript();
    if (text === '') {
      io.stdout(`connection ${index + 1}: nothing was said, no transcript written\n`);
      return;
    }
    const savedAt = new Date();
    const named = outFile ? out : join(out, recordingFileName(savedAt, index + 1));
    writes.push(
      // `wx`: a file that appeared after the start is not replaced either; into a folder, never one already there.
      (outFile ? writeFile(out, text, { flag: overwrite ? 'w' : 'wx' }).then(() => out) : writeNewRecording(out, savedAt, index + 1, text)).then(
        (file) => {
          io.stdout(`connection ${index + 1}: recorded ${file}\n`);
          for (const problem of problems) io.stdout(`  ${problem.severity}: ${problem.message}\n`);
        },
        (writeError: NodeJS.ErrnoException) => {
          failures.push(named);
          io.stderr(`smtp-transcript record: cannot write ${named}: ${describeError(writeError)}\n`);
        },
      ),
    );
  }

  const how = tls === 'implicit' ? 'implicit TLS' : 'plain, STARTTLS terminated when asked';
  io.stderr(`smtp-transcript record: listening on ${proxy.listening} (${how}), recording sessions with ${endpointText(upstream.host, upstream.port)}\n`);
  if (!(await writeCertificate(io, 'record', certFile, certificate.certificatePem))) {
    await proxy.close();
    return 2;
  }
  const outcome = await doneOrInterrupted(io, proxy.done);
  await proxy.close();
  await Promise.all(writes);
  if (outcome === 'interrupted') return interruptedExitCode(io.interrupted);
  return failures.length > 0 ? 1 : 0;
}

/** HOST:PORT, or `unix:/path` (whose port is unused). */
function hostAndPort(text: string): { host: string; port: number } {
  if (unixSocketPath(text) !== undefined) return { host: text, port: 0 };
  const upstream = parseHostAndPort(text);
  if (!upstream) throw new UsageError(`--upstream takes HOST:PORT (e.g. 127.0.0.1:2525) or unix:/absolute/path, not '${text}'`);
  return upstream;
}

function modeOption(name: string, text: string): 'none' | 'starttls' | 'implicit' {
  if (!TLS_MODES.includes(text)) throw new UsageError(`${name} must be none, starttls or implicit, not '${text}'`);
  return text as 'none' | 'starttls' | 'implicit';
}

function countOption(text: string): number {
  const count = Number(text);
  if (!/^\d+$/.test(text) || count < 1) throw new UsageError(`--connections takes a number of connections (1 or more), not '${text}'`);
  return count;
}

async function outputFolder(folder: string): Promise<void> {
  const found = await stat(folder).catch(() => undefined);
  if (found && !found.isDirectory()) throw new UsageError(`--out ${folder}: not a folder (name a .smtp file, or a folder)`);
  if (!found) await mkdir(folder, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`--out ${folder}: ${describeError(error)}`);
  });
  // Checked at start, before any client is relayed: a recording that cannot be written would be lost.
  const unwritable = await unwritableFolderProblem(folder);
  if (unwritable) throw new UsageError(`--out ${folder}: ${unwritable}`);
}

/** Checked at start, before any client is relayed: a recording that cannot be written would be lost. */
async function outputFile(file: string, overwrite: boolean): Promise<void> {
  const folder = dirname(file);
  const found = await stat(folder).catch(() => undefined);
  if (!found?.isDirectory()) throw new UsageError(`--out ${file}: the folder ${folder} ${found ? 'is not a folder' : 'does not exist'} (create it, or name a folder to have it created)`);
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory()) throw new UsageError(`--out ${file}: is a folder`);
  if (existing && !overwrite) throw new UsageError(`--out ${file}: the file exists; give --overwrite to replace it, or another name`);
}
