// How lint results look: `file:line:col severity message [code]` for people, a flat JSON array for tools.
import type { Range, Severity } from '../model/types';

export interface ReportedDiagnostic {
  range: Range;
  severity: Severity;
  code: string;
  message: string;
}

export interface FileDiagnostics {
  file: string;
  diagnostics: ReportedDiagnostic[];
  /** `--fix`: the findings fixed in the file (its diagnostics are what is left). */
  fixed?: number;
}

const COLOR: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[2m' };
const RESET = '\x1b[0m';
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `errorsOnly` (--quiet): only the errors are listed; the summary still counts every severity. */
export function formatLintText(results: FileDiagnostics[], color: boolean, errorsOnly = false): string {
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let fixed = 0;
  for (const { file, diagnostics, fixed: fixedInFile = 0 } of results) {
    fixed += fixedInFile;
    if (fixedInFile > 0) lines.push(`${file}: ${plural(fixedInFile, 'problem')} fixed`);
    for (const d of diagnostics) {
      counts[d.severity]++;
      if (errorsOnly && d.severity !== 'error') continue;
      const where = `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
      const severity = color ? `${COLOR[d.severity]}${d.severity}${RESET}` : d.severity;
      lines.push(`${where}  ${severity}  ${d.message}  [${d.code}]`);
    }
  }
  lines.push(
    `${plural(results.length, 'file')} checked: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ` +
      `${counts.info} info, ${plural(counts.hint, 'hint')}${fixed > 0 ? `, ${plural(fixed, 'problem')} fixed` : ''}${errorsOnly ? ' (only errors listed: --quiet)' : ''}`,
  );
  return lines.join('\n') + '\n';
}

/** `[{file, line, column, endLine, endColumn, severity, code, message}]`, 1-based lines and columns; `errorsOnly`: errors. */
export function formatLintJson(results: FileDiagnostics[], errorsOnly = false): string {
  const rows = results.flatMap(({ file, diagnostics }) =>
    (errorsOnly ? diagnostics.filter((d) => d.severity === 'error') : diagnostics).map((d) => ({
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
  return JSON.stringify(rows, null, 2) + '\n';
}
