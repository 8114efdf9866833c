// Helpers for lint tests: lint inline text, keep what a test is about.
import { parseTranscript } from '../../../server/src/model';
import { lintTranscript, type LintDiagnostic, type LintOptions } from '../../../server/src/features/lint/lintTranscript';

/** One diagnostic as tests compare it: 1-based line, rule id, severity. */
export interface Brief {
  line: number;
  code: LintDiagnostic['code'];
  severity: LintDiagnostic['severity'];
}

export function lint(text: string, options: LintOptions = {}): LintDiagnostic[] {
  return lintTranscript(parseTranscript(text), options);
}

/** The diagnostics of the rules named (all when none), reduced to line, code and severity. */
export function brief(text: string, codes?: readonly string[], options: LintOptions = {}): Brief[] {
  return lint(text, options)
    .filter((d) => !codes || codes.includes(d.code))
    .map((d) => ({ line: d.range.start.line + 1, code: d.code, severity: d.severity }));
}

/** The first diagnostic with `code`, or a thrown error naming what was found instead. */
export function diagnostic(text: string, code: string, options: LintOptions = {}): LintDiagnostic {
  const all = lint(text, options);
  const found = all.find((d) => d.code === code);
  if (!found) throw new Error(`no ${code} among ${all.map((d) => d.code).join(', ') || 'no diagnostics'}`);
  return found;
}
