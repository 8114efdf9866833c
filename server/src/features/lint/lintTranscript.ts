// The linter's entry point: parse problems plus every rule group's findings, with the user's severities and the
// file's suppression comments applied, sorted by position.
import type { Range, Severity, Transcript } from '../../model/types';
import type { Fix, Finding, LintContext, RfcReference, RuleSpec } from './rule';
import { allRuleGroups, ruleIndex } from './ruleCatalog';
import { isFixedParseProblem } from './parseRules';
import { effectiveSeverity, type RuleSettings } from './ruleSettings';
import { checkSuppressionIds, collectSuppressions, isSuppressed } from './suppressions';

export interface LintDiagnostic {
  range: Range;
  severity: Severity;
  /** The rule id. */
  code: string;
  message: string;
  source: 'smtp';
  fix?: Fix;
  rfc?: RfcReference;
}

export interface LintOptions {
  /** Rule id -> severity or `off` (see `mergeRuleSettings`). */
  rules?: RuleSettings;
  context?: LintContext;
}

export function lintTranscript(transcript: Transcript, options: LintOptions = {}): LintDiagnostic[] {
  const rules = ruleIndex();
  const settings = options.rules ?? {};
  const context = options.context ?? {};
  const suppressions = collectSuppressions(transcript);
  const diagnostics: LintDiagnostic[] = [];

  for (const problem of transcript.diagnostics) {
    const spec = rules.get(problem.code);
    if (!spec || isFixedParseProblem(problem.code, problem.severity)) {
      diagnostics.push({ ...problem, source: 'smtp', ...rfcOf(spec) });
      continue;
    }
    const finding: Finding = { ruleId: problem.code, range: problem.range, message: problem.message, severity: problem.severity };
    const diagnostic = toDiagnostic(finding, spec, settings, suppressions);
    if (diagnostic) diagnostics.push(diagnostic);
  }

  const findings = [
    ...allRuleGroups().flatMap((group) => group.check(transcript, context)),
    ...checkSuppressionIds(transcript, new Set(rules.keys())),
  ];
  for (const finding of findings) {
    // Every group registers its rules; the fallback only keeps a missing registration visible instead of throwing.
    const spec = rules.get(finding.ruleId) ?? { id: finding.ruleId, defaultSeverity: 'warning', description: '' };
    const diagnostic = toDiagnostic(finding, spec, settings, suppressions);
    if (diagnostic) diagnostics.push(diagnostic);
  }
  // Array.prototype.sort is stable: findings at the same position keep their order.
  return diagnostics.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

function toDiagnostic(
  finding: Finding,
  spec: RuleSpec,
  settings: RuleSettings,
  suppressions: ReturnType<typeof collectSuppressions>,
): LintDiagnostic | undefined {
  if (isSuppressed(suppressions, finding.range.start.line, finding.ruleId)) return undefined;
  const severity = effectiveSeverity(spec, finding.severity, settings[finding.ruleId]);
  if (severity === undefined) return undefined;
  const diagnostic: LintDiagnostic = { range: finding.range, severity, code: finding.ruleId, message: finding.message, source: 'smtp' };
  if (finding.fix) diagnostic.fix = finding.fix;
  return { ...diagnostic, ...rfcOf(spec) };
}

function rfcOf(spec: RuleSpec | undefined): { rfc?: RfcReference } {
  return spec?.rfc ? { rfc: spec.rfc } : {};
}
