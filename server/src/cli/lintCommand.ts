// `smtp-transcript lint [--fix] [--format text|json|github|sarif] [--rule id=severity]... [--quiet] [--max-warnings N] FILE|DIR...`
import { parseRuleFlags } from '../features/lint';
import { fixText, lineEndOf, lintText, withParseFixes } from '../features/lint';
import { allRules } from '../features/lint';
import { mergeRuleSettings } from '../features/lint';
import { includeStatter } from '../io/includeFiles';
import { findLintConfig } from '../io/lintConfigFile';
import type { CliIo } from './io';
import { UsageError } from './io';
import { commandArgs } from './commandArgs';
import { allowedIncludeDirs } from './includeDirOption';
import { collectTranscripts, pathProblem, readTranscriptFile } from './files';
import { problemAnnotation } from './githubProblems';
import { loadCliEnvironment } from './environmentOption';
import { formatLintGithub, formatLintJson, formatLintText, lintSummary, type FileDiagnostics } from './lintReport';
import { formatLintSarif } from './lintSarif';
import { writeTranscriptFile } from './transcriptWrite';

const HELP = `usage: smtp-transcript lint [options] FILE|DIR...

  --fix                apply the safe fixes to the files (a verb's case, blanks around a verb or after FROM:/TO:,
                       missing angle brackets or FROM:/TO:, a source route, a space before a header's colon,
                       dot-stuffing), then report what is left; other fixes stay quick fixes in the editor
  --format FORMAT      text (default), json, github (GitHub Actions annotations: one workflow command per
                       finding on stdout, the summary on stderr) or sarif (SARIF 2.1.0, for code scanning)
  --rule ID=SEVERITY   set a rule's severity: off, hint, info, warning or error (repeatable)
  --no-config          ignore .smtplintrc.json files
  -q, --quiet          report errors only (the summary still counts every severity)
  --max-warnings N     also fail (exit 1) when there are more than N warnings (0: any warning fails)
  --allow-include-dir DIR   let includes and @ca read files in DIR's tree too (repeatable; by default only the
                       transcript's own folder tree)
  --env NAME           with environment NAME of the nearest smtp-environments.json: its variables count as defined
  --list-rules         print every rule id with its default severity and exit
  -h, --help           show this help

Examples:
  smtp-transcript lint examples/
  smtp-transcript lint --fix --max-warnings 0 tests/
  smtp-transcript lint --format github tests/

Directories are searched for *.smtp files; a quoted pattern ("tests/**/*.smtp") is expanded. The nearest .smtplintrc.json ({"rules": {"id": "off"}}) applies,
then --rule flags. Environment variables read with {{$env NAME}} that are unset are reported. Exit code: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 bad usage or unreadable files.
`;

const OPTIONS = {
  fix: { type: 'boolean' },
  format: { type: 'string', short: 'f' },
  rule: { type: 'string', multiple: true },
  'no-config': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  'max-warnings': { type: 'string' },
  env: { type: 'string' },
  'allow-include-dir': { type: 'string', multiple: true },
  'list-rules': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runLint(io: CliIo, args: string[]): Promise<number> {
  const parsed = commandArgs(io, args, OPTIONS, HELP);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (values['list-rules']) {
    for (const rule of allRules()) io.stdout(`${rule.id.padEnd(34)} ${rule.defaultSeverity.padEnd(8)} ${rule.description}\n`);
    return 0;
  }
  const flags = parseRuleFlags(values.rule ?? []);
  if (flags.problems.length > 0) throw new UsageError(flags.problems.map((p) => p.message).join('\n'));
  const format = values.format ?? 'text';
  if (!isLintFormat(format)) throw new UsageError(`--format must be text, json, github or sarif, not '${format}'`);
  const maxWarnings = values['max-warnings'] === undefined ? undefined : warningLimit(values['max-warnings']);
  if (positionals.length === 0) throw new UsageError(`no files given\n${HELP}`);

  const allowed = await allowedIncludeDirs(values['allow-include-dir'], io.cwd);
  const { files, problems } = await collectTranscripts(positionals, io.cwd);
  const results: FileDiagnostics[] = [];
  for (const file of files) {
    const read = await readTranscriptFile(file.path);
    if ('error' in read) {
      problems.push(pathProblem(file.display, read.error));
      continue;
    }
    const config = values['no-config'] ? undefined : await findLintConfig(file.path);
    for (const problem of config?.problems ?? []) problems.push(pathProblem(config?.path ?? file.display, problem.message));
    const rules = mergeRuleSettings(config?.rules, flags.rules);
    const environment = await loadCliEnvironment(values.env, file.path, io.cwd);
    const context = { env: io.env, environment: environment && { name: values.env!, variables: environment.variables }, readInclude: includeStatter(file.path, allowed), invalidUtf8Lines: read.invalidUtf8Lines };
    // SARIF lists each finding's fixes: a parse problem's are made for it (lint makes none, for the editor's sake).
    const lint = (text: string) => (format === 'sarif' ? withParseFixes(lintText(text, { rules, context }), text) : lintText(text, { rules, context }));
    // Fixing keeps the file's line ends: the fixes reported after it are written with the same.
    const reported = (diagnostics: FileDiagnostics['diagnostics'], fixes?: number): FileDiagnostics => ({ file: file.display, diagnostics, lineEnd: lineEndOf(read.text), ...(fixes === undefined ? {} : { fixed: fixes }) });
    if (!values.fix) {
      results.push(reported(lint(read.text)));
    } else if (read.invalidUtf8Lines.length > 0) {
      // Written back, each such byte would become U+FFFD: the file is reported, not rewritten.
      const notFixed = pathProblem(file.display, `not fixed: line ${read.invalidUtf8Lines[0] + 1} holds bytes that are not UTF-8, which writing the file back would replace`);
      io.stderr(`smtp-transcript lint: ${notFixed.message}\n`);
      if (format === 'github') io.stdout(problemAnnotation('lint', notFixed, 'warning', read.invalidUtf8Lines[0] + 1));
      results.push(reported(lint(read.text)));
    } else {
      const fixed = fixText(read.text, lint);
      const written = fixed.fixes === 0 || (await writeTranscriptFile(file.path, fixed.text, read.byteOrderMark).then(
        () => true,
        (error: Error) => (problems.push({ file: file.display, message: error.message }), false),
      ));
      // A file left as it was is reported as it is; the other files are fixed all the same.
      results.push(written ? reported(fixed.remaining, fixed.fixes) : reported(lint(read.text)));
      // The text report says it in its summary; the others keep their shape, and the count goes to stderr.
      if (written && fixed.fixes > 0 && format !== 'text') io.stderr(`smtp-transcript lint: ${file.display}: ${fixed.fixes} problem${fixed.fixes === 1 ? '' : 's'} fixed\n`);
    }
  }
  for (const problem of problems) {
    io.stderr(`smtp-transcript lint: ${problem.message}\n`);
    if (format === 'github') io.stdout(problemAnnotation('lint', problem));
  }
  const errorsOnly = values.quiet === true;
  io.stdout(formatLint(format, results, io.isTTY, errorsOnly));
  // GitHub reads stdout for workflow commands: the summary a person reads goes to the log by stderr.
  if (format === 'github') io.stderr(lintSummary(results, errorsOnly) + '\n');
  if (problems.length > 0) return 2;
  const warnings = results.reduce((sum, r) => sum + r.diagnostics.filter((d) => d.severity === 'warning').length, 0);
  const tooManyWarnings = maxWarnings !== undefined && warnings > maxWarnings;
  if (tooManyWarnings) io.stderr(`smtp-transcript lint: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}\n`);
  return tooManyWarnings || results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

const FORMATS = ['text', 'json', 'github', 'sarif'] as const;
type LintFormat = (typeof FORMATS)[number];

function isLintFormat(format: string): format is LintFormat {
  return (FORMATS as readonly string[]).includes(format);
}

function formatLint(format: LintFormat, results: FileDiagnostics[], color: boolean, errorsOnly: boolean): string {
  if (format === 'json') return formatLintJson(results, errorsOnly);
  if (format === 'github') return formatLintGithub(results, errorsOnly);
  if (format === 'sarif') return formatLintSarif(results, errorsOnly);
  return formatLintText(results, color, errorsOnly);
}

function warningLimit(text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`--max-warnings takes a number of warnings (0 or more), not '${text}'`);
  return Number(text);
}


