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
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'smtp',
    message: d.message,
    ...(d.href ? { codeDescription: { href: d.href } } : {}),
    ...(d.data !== undefined ? { data: d.data } : {}),
  };
}
