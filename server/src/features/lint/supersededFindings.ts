// Where two rules report one line for one cause, the one that says more stands alone: credentials above STARTTLS are
// `credentials-before-starttls` (replay refuses to send them), not also `credentials-before-tls` (a password mechanism
// in clear). Turned off, the error hides nothing.
import type { LintDiagnostic } from './lintTranscript';
import type { RuleId } from './ruleIds';

const SUPERSEDES: ReadonlyMap<RuleId, RuleId> = new Map([['credentials-before-starttls', 'credentials-before-tls']]);

/** `diagnostics` without those another one at the same position supersedes. */
export function withoutSuperseded(diagnostics: LintDiagnostic[]): LintDiagnostic[] {
  let hidden: Set<string> | undefined;
  for (const d of diagnostics) {
    const hides = SUPERSEDES.get(d.code);
    if (hides) (hidden ??= new Set()).add(`${hides} ${d.range.start.line} ${d.range.start.character}`);
  }
  if (!hidden) return diagnostics;
  const keys = hidden;
  return diagnostics.filter((d) => !keys.has(`${d.code} ${d.range.start.line} ${d.range.start.character}`));
}
