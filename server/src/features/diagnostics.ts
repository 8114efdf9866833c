// Model/lint diagnostics -> LSP diagnostics.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Range, Severity } from '../model/types';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface DiagnosticLike {
  range: Range;
  severity: Severity;
  code: string;
  message: string;
  href?: string;
  data?: unknown;
}

export function toLspDiagnostic(d: DiagnosticLike): Diagnostic {
  // Fields added in place rather than spread in: the editor gets every diagnostic again on each keystroke.
  const diagnostic: Diagnostic = { range: d.range, severity: SEVERITY[d.severity], code: d.code, source: 'smtp', message: d.message };
  if (d.href) diagnostic.codeDescription = { href: d.href };
  if (d.data !== undefined) diagnostic.data = d.data;
  return diagnostic;
}
