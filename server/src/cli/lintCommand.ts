// `smtp-transcript lint [--format text|json] [--rule id=severity]... FILE|DIR...`
import { parseArgs } from 'node:util';
import { parseTranscript } from '../model/parseTranscript';
import type { CliIo } from './io';
import { UsageError } from './io';
import { collectTranscripts, readTextFile } from './files';
import { formatLintJson, formatLintText, type FileDiagnostics } from './lintReport';

const HELP = `usage: smtp-transcript lint [options] FILE|DIR...

  --format text|json   output format (default text)
  -h, --help           show this help

Directories are searched for *.smtp files. Exit code: 0 no errors, 1 errors found, 2 bad usage or unreadable files.
`;

export async function runLint(io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args);
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
  if (positionals.length === 0) throw new UsageError(`no files given\n${HELP}`);

  const { files, problems } = await collectTranscripts(positionals, io.cwd);
  const results: FileDiagnostics[] = [];
  for (const file of files) {
    const text = await readTextFile(file.path);
    if (typeof text !== 'string') {
      problems.push(`${file.display}: ${text.error}`);
      continue;
    }
    results.push({ file: file.display, diagnostics: parseTranscript(text).diagnostics });
  }
  for (const problem of problems) io.stderr(`smtp-transcript lint: ${problem}\n`);
  io.stdout(format === 'json' ? formatLintJson(results) : formatLintText(results, io.isTTY));
  if (problems.length > 0) return 2;
  return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: { format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
