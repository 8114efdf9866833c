// `smtp-transcript export --as swaks|curl|openssl|python|nodemailer FILE [--session NAME|N]`: one session as what a
// person would run by hand (issue 11), printed to standard output.
import { basename, dirname, resolve } from 'node:path';
import { EXPORT_TARGETS, exportSession, type ExportTarget } from '../export';
import { parseTranscript } from '../model/parseTranscript';
import type { Transcript } from '../model/types';
import { commandArgs } from './commandArgs';
import { readTranscriptFile } from './files';
import { UsageError, type CliIo } from './io';
import { withEnvironment } from '../model/environments';
import { loadCliEnvironment } from './environmentOption';
import { missingSessionsMessage, selectSessions } from './sessionSelection';
import { readRegularFile } from '../io/regularFiles';
import { printDocument } from './terminalDocument';
import { checkCaPem } from '../replay/tlsDetails';

const HELP = `usage: smtp-transcript export --as swaks|curl|openssl|python|nodemailer [options] FILE

Prints one session of a transcript as what you would run by hand to reproduce it outside this tool: a swaks or
curl command line, an openssl s_client (or nc) command and the lines to type, Python smtplib code or Nodemailer
code. Passwords stay references to the environment ("$SMTP_PASSWORD", os.environ[...], process.env[...]); what the
target cannot express (BDAT, pipelining, several messages for swaks and curl) is a comment in the output.

  --as TARGET             swaks, curl, openssl, python or nodemailer (required)
  --session NAME|N        the session to export, by name or number (default: the first)
  --server HOST[:PORT]    where to connect when the transcript has no @server (default localhost)
  --env NAME              use environment NAME of the nearest smtp-environments.json (its variables and settings)
  --ca FILE               a CA certificate to trust when the transcript has no @ca (default: the system's)
  -h, --help              show this help

Examples:
  smtp-transcript export --as python --server 127.0.0.1:2525 --session 2 examples/starttls-auth.smtp > send.py
  SMTP_PASSWORD=testpass bash -c "$(smtp-transcript export --as swaks --server 127.0.0.1:2525 --ca local-cert.pem tests/submit.smtp)"

Exit code: 0 exported, 2 bad usage, unreadable file, no such session or bytes that are not UTF-8 in it.
`;

export async function runExport(io: CliIo, args: string[]): Promise<number> {
  const parsed = commandArgs(io, args, {
    as: { type: 'string' },
    session: { type: 'string' },
    server: { type: 'string' },
    env: { type: 'string' },
    ca: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  }, HELP);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const target = values.as;
  if (target === undefined || !EXPORT_TARGETS.includes(target as ExportTarget)) {
    throw new UsageError(`--as must be one of ${EXPORT_TARGETS.join(', ')}${target === undefined ? '' : `, not '${target}'`}`);
  }
  if (positionals.length !== 1) throw new UsageError(`one transcript FILE, not ${positionals.length}\n${HELP}`);
  if (values.ca !== undefined) await checkCaOption(values.ca, io);
  const file = positionals[0];
  const read = await readTranscriptFile(resolve(io.cwd, file));
  if ('error' in read) {
    io.stderr(`smtp-transcript export: ${file}: ${read.error}\n`);
    return 2;
  }
  const text = read.text;
  const environment = await loadCliEnvironment(values.env, resolve(io.cwd, file), io.cwd);
  const transcript = withEnvironment(parseTranscript(text), environment?.variables);
  const wanted = values.session === undefined ? undefined : [values.session];
  const missing = wanted && missingSessionsMessage(wanted, [{ display: file, transcript }]);
  if (missing) {
    io.stderr(`smtp-transcript export: ${missing}\n`);
    return 2;
  }
  const index = selectSessions(transcript, wanted)[0];
  if (index === undefined) {
    io.stderr(`smtp-transcript export: ${file}: no session to export\n`);
    return 2;
  }
  const undecodable = undecodableLine(transcript, index, read.invalidUtf8Lines);
  if (undecodable !== undefined) {
    io.stderr(`smtp-transcript export: ${file}:${undecodable + 1}: this line holds bytes that are not valid UTF-8: the export would print U+FFFD in their place, so it refuses; save the file as UTF-8\n`);
    return 2;
  }
  const exported = exportSession(transcript, index, target as ExportTarget, {
    fileName: basename(file),
    server: values.server,
    // Both as absolute paths: the command may run anywhere.
    ca: values.ca === undefined ? undefined : resolve(io.cwd, values.ca),
    folder: dirname(resolve(io.cwd, file)),
  });
  printDocument(io, 'export', exported, 'redirect the output to a file');
  return 0;
}

/**
 * The file `--ca` names must be a CA certificate, as replay's `--ca` must: the exported command would otherwise
 * fail later, in swaks, OpenSSL, Python or Node, with their own words for a missing or wrong file.
 */
async function checkCaOption(path: string, io: CliIo): Promise<void> {
  let pem: string;
  try {
    pem = (await readRegularFile(resolve(io.cwd, path))).toString('utf8');
  } catch (error) {
    throw new UsageError(`--ca ${path}: ${(error as Error).message}`);
  }
  try {
    checkCaPem(pem, `--ca ${path}`);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A line that was not UTF-8 among the session's and the file-level directives' (their values reach the session). */
function undecodableLine(transcript: Transcript, index: number, invalidUtf8Lines: readonly number[]): number | undefined {
  const { start, end } = transcript.sessions[index].range;
  const directives = new Set(transcript.directives.map((directive) => directive.range.start.line));
  return invalidUtf8Lines.find((line) => directives.has(line) || (line >= start.line && line <= end.line));
}
