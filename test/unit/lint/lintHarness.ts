// Helpers for lint tests: lint inline text, keep what a test is about, apply quick fixes.
import { parseTranscript } from '../../../server/src/model';
import { lintTranscript, type LintDiagnostic, type LintOptions } from '../../../server/src/features/lint/lintTranscript';
import type { Fix } from '../../../server/src/features/lint/rule';
import { splitLines } from '../../../server/src/model/ranges';

/** One diagnostic as tests compare it: 1-based line, rule id, severity. */
export interface Brief {
  line: number;
  code: string;
  severity: LintDiagnostic['severity'];
}

/** Writes a transcript as one line per array item, so tests read like the file. */
export const lines = (...text: string[]): string => text.join('\n');

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

/** Applies a fix's edits (non-overlapping) to the text, last first so earlier positions stay valid. */
export function applyFix(text: string, fix: Fix): string {
  const fileLines = splitLines(text);
  const offset = (line: number, character: number): number =>
    fileLines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0) + character;
  const edits = [...fix.edits].sort(
    (a, b) => offset(b.range.start.line, b.range.start.character) - offset(a.range.start.line, a.range.start.character),
  );
  let result = text;
  for (const edit of edits) {
    const start = offset(edit.range.start.line, edit.range.start.character);
    const end = offset(edit.range.end.line, edit.range.end.character);
    result = result.slice(0, start) + edit.newText + result.slice(end);
  }
  return result;
}
