// How lint results look: `file:line:col severity message [code]` for people, a flat JSON array for tools, GitHub
// Actions workflow commands for annotations on a pull request (SARIF is lintSarif.ts).
import type { Fixes, RuleId } from '../features/lint';
import type { Range, Severity } from '../model/types';
import { annotationCommand, type AnnotationLevel } from '../report/githubCommands';

export interface ReportedDiagnostic {
  range: Range;
  severity: Severity;
  code: RuleId;
  message: string;
  /** What the lint offers to fix it with (SARIF lists it). */
  fix?: Fixes;
}

export interface FileDiagnostics {
  file: string;
  diagnostics: ReportedDiagnostic[];
  /** The file's line end, which a fix's inserted text is written with (SARIF); `\n` without it. */
  lineEnd?: string;
  /** `--fix`: the findings fixed in the file (its diagnostics are what is left). */
  fixed?: number;
}

const COLOR: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[2m' };
const RESET = '\x1b[0m';
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What a report lists: every finding, or with `errorsOnly` (--quiet) the errors. */
export function listedDiagnostics(diagnostics: ReportedDiagnostic[], errorsOnly: boolean): ReportedDiagnostic[] {
  return errorsOnly ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
}

/** `errorsOnly` (--quiet): only the errors are listed; the summary still counts every severity. */
export function formatLintText(results: FileDiagnostics[], color: boolean, errorsOnly = false): string {
  const lines: string[] = [];
  for (const { file, diagnostics, fixed: fixedInFile = 0 } of results) {
    if (fixedInFile > 0) lines.push(`${file}: ${plural(fixedInFile, 'problem')} fixed`);
    for (const d of diagnostics) {
      if (errorsOnly && d.severity !== 'error') continue;
      const where = `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
      const severity = color ? `${COLOR[d.severity]}${d.severity}${RESET}` : d.severity;
      lines.push(`${where}  ${severity}  ${d.message}  [${d.code}]`);
    }
  }
  lines.push(lintSummary(results, errorsOnly));
  return lines.join('\n') + '\n';
}

/** `2 files checked: 1 error, 0 warnings, 0 info, 1 hint`, counting every severity even when only errors are listed. */
export function lintSummary(results: FileDiagnostics[], errorsOnly = false): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of results.flatMap((r) => r.diagnostics)) counts[d.severity]++;
  const fixed = results.reduce((sum, r) => sum + (r.fixed ?? 0), 0);
  return (
    `${plural(results.length, 'file')} checked: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ` +
    `${counts.info} info, ${plural(counts.hint, 'hint')}${fixed > 0 ? `, ${plural(fixed, 'problem')} fixed` : ''}${errorsOnly ? ' (only errors listed: --quiet)' : ''}`
  );
}

// GitHub has three annotation levels: info and hint are both notices.
const ANNOTATION_LEVEL: Record<Severity, AnnotationLevel> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** One workflow command per finding (`::error file=...,line=...::message`), titled with its rule id; nothing else. */
export function formatLintGithub(results: FileDiagnostics[], errorsOnly = false): string {
  return reportedRows(results, errorsOnly)
    .map(({ severity, code, message, ...where }) => annotationCommand({ level: ANNOTATION_LEVEL[severity], ...where, title: code, message }) + '\n')
    .join('');
}

/** `[{file, line, column, endLine, endColumn, severity, code, message}]`, 1-based lines and columns; `errorsOnly`: errors. */
export function formatLintJson(results: FileDiagnostics[], errorsOnly = false): string {
  return JSON.stringify(reportedRows(results, errorsOnly), null, 2) + '\n';
}

/** Each finding listed, with its file and 1-based lines and columns: the JSON report's rows, the annotations' places. */
function reportedRows(results: FileDiagnostics[], errorsOnly: boolean) {
  return results.flatMap(({ file, diagnostics }) =>
    listedDiagnostics(diagnostics, errorsOnly).map((d) => ({
      file,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
      severity: d.severity,
      code: d.code,
      message: d.message,
    })),
  );
}
