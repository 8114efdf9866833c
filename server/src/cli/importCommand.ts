// `smtp-transcript import [--from swaks|smtplib|curl|plain] [FILE|-] [-o OUT.smtp [--overwrite]]`
import { stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { importFormats, importTranscript, type ImportFormat, type ImportProblem } from '../import';
import { describeError } from '../io/regularFiles';
import { decodeTranscript, type DecodedTranscript } from '../model/binaryText';
import { readTranscriptFile } from './files';
import { UsageError, type CliIo } from './io';
import { printDocument } from './terminalDocument';
import { commandArgs } from './commandArgs';

const HELP = `usage: smtp-transcript import [options] [FILE|-]

Turns another tool's record of an SMTP session into a .smtp transcript: swaks output, Python smtplib debug
output (set_debuglevel), curl's -v output or --trace-ascii file (which holds the message too), or a plain
terminal log (telnet, nc, openssl s_client). Reads standard input when FILE is - or absent. AUTH data becomes
{{$plain ...}}/{{$base64 ...}}/{{$cram-md5 ...}} references with @user and @password = {{$env SMTP_PASSWORD}}:
no password is written.

  --from swaks|smtplib|curl|plain
                               read the input as this style (default: detected)
  -o, --output FILE            write the transcript to FILE instead of standard output (a new file: an
                               existing one is kept, and never the input)
  --overwrite                  let -o replace an existing file (never the input)
  -h, --help                   show this help

Examples:
  swaks --server 127.0.0.1:2525 --to b@example.com -tls --auth PLAIN --au testuser --ap testpass | smtp-transcript import -o submit.smtp
  python3 send.py 2> debug.txt && smtp-transcript import --from smtplib debug.txt -o send.smtp
  curl --trace-ascii trace.txt smtp://127.0.0.1:2525 --mail-rcpt b@example.com -T mail.txt && smtp-transcript import trace.txt -o curl.smtp
  smtp-transcript import session.log   (a telnet, nc or openssl s_client session typed in a terminal)

Problems are printed to standard error as INPUT:LINE: severity: message.
Exit code: 0 imported, 1 imported with warnings to check, 2 bad usage, unreadable input or nothing to import.
`;

const OPTIONS = {
  from: { type: 'string' },
  output: { type: 'string', short: 'o' },
  overwrite: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runImport(io: CliIo, args: string[]): Promise<number> {
  const parsed = commandArgs(io, args, OPTIONS, HELP);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const from = values.from;
  if (from !== undefined && !importFormats.includes(from as ImportFormat)) {
    throw new UsageError(`--from must be one of ${importFormats.join(', ')}, not '${from}'`);
  }
  if (positionals.length > 1) throw new UsageError(`one input at a time, not ${positionals.length}\n${HELP}`);
  const file = positionals[0] ?? '-';
  if (values.output !== undefined && file !== '-' && (await sameFile(resolve(io.cwd, file), resolve(io.cwd, values.output)))) {
    throw new UsageError(`-o ${values.output} is the input: the capture would be lost; write the transcript to another file`);
  }
  const input = file === '-' ? await readStandardInput() : await readTranscriptFile(resolve(io.cwd, file));
  if ('error' in input) {
    io.stderr(`smtp-transcript import: ${file}: ${input.error}\n`);
    return 2;
  }

  const result = importTranscript(input.text, { from: from as ImportFormat | undefined, invalidUtf8Lines: input.invalidUtf8Lines });
  const name = file === '-' ? '<stdin>' : file;
  for (const problem of result.problems) io.stderr(formatProblem(name, problem));
  if (result.text === '') return 2;
  if (values.output === undefined) printDocument(io, 'import', result.text, 'redirect the output or give --out FILE');
  else {
    try {
      // 'wx': a file already there (an earlier import, a transcript edited by hand) is not replaced unasked.
      await writeFile(resolve(io.cwd, values.output), result.text, { flag: values.overwrite ? 'w' : 'wx' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'EEXIST' ? 'the file exists; give --overwrite to replace it, or another name' : describeError(error as NodeJS.ErrnoException);
      io.stderr(`smtp-transcript import: ${values.output}: ${why}\n`);
      return 2;
    }
  }
  return result.problems.some((problem) => problem.severity !== 'info') ? 1 : 0;
}

/** Both name one file (a link, `./x`, the same path): compared by device and inode; a missing output is another. */
async function sameFile(a: string, b: string): Promise<boolean> {
  const [one, two] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  return one !== undefined && two !== undefined && one.dev === two.dev && one.ino === two.ino;
}

function formatProblem(name: string, problem: ImportProblem): string {
  return `${name}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.severity}: ${problem.message}\n`;
}

async function readStandardInput(): Promise<DecodedTranscript> {
  // A terminal would wait for typing that never comes: say what is expected instead.
  if (process.stdin.isTTY) throw new UsageError(`no input: give a FILE, or pipe the tool's output in\n${HELP}`);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // As a file is read: UTF-8, or UTF-16 after its byte order mark (PowerShell's `|` and `>` write UTF-16).
  return decodeTranscript(Buffer.concat(chunks));
}
