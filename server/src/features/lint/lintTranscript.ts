// The linter's entry point: parse problems plus every rule group's findings, with the user's severities and the
// file's suppression comments applied, sorted by position.
import type { Range, Severity, Transcript } from '../../model/types';
import type { Finding, Fixes, LintContext, RfcReference, RuleSpec } from './rule';
import { fileScopeOf, sessionFindings, type LintCache } from './lintCache';
import { allRuleGroups, isRuleId, ruleIndex } from './ruleCatalog';
import { isFixedParseProblem } from './parseRules';
import type { RuleId } from './ruleIds';
import { effectiveSeverity, type RuleSettings } from './ruleSettings';
import { doneChecking } from './sessionScratch';
import { checkSuppressionIds, collectSuppressions, isSuppressed, type Suppressions } from './suppressions';

export interface LintDiagnostic {
  range: Range;
  severity: Severity;
  /** The rule id. */
  code: RuleId;
  message: string;
  source: 'smtp';
  fix?: Fixes;
  rfc?: RfcReference;
}

export interface LintOptions {
  /** Rule id -> severity or `off` (see `mergeRuleSettings`). */
  rules?: RuleSettings;
  context?: LintContext;
  /**
   * Keeps each session's findings for the next lint of the same document, so an edit re-checks only the sessions it
   * touched. Pays off with a transcript parsed incrementally (`parseTranscript(text, previous)`).
   */
  cache?: LintCache;
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

  for (const finding of collectFindings(transcript, context, options.cache)) {
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

/** Every group's findings in group order, as if each had checked the whole transcript. */
function collectFindings(transcript: Transcript, context: LintContext, cache: LintCache | undefined): Finding[] {
  const groups = allRuleGroups();
  // Each group's findings, session by session: only the groups that found something in a session are visited.
  const byGroup: Finding[][] = groups.map(() => []);
  // A loop, not push(...found): a huge session may find more than a call takes arguments.
  const append = (to: Finding[], found: readonly Finding[]) => {
    for (let i = 0; i < found.length; i++) to.push(found[i]);
  };
  if (cache) {
    const scoped = { cache, fileScope: fileScopeOf(transcript) };
    const bySession = transcript.sessions.map((session) => sessionFindings(session, transcript, groups, context, scoped));
    for (const { byGroup: found, groupsWithFindings } of bySession) {
      for (const index of groupsWithFindings) append(byGroup[index], found[index]);
    }
  } else {
    // Nothing to keep: each session's findings go straight to their group, no per-session arrays held to the end.
    for (const session of transcript.sessions) {
      for (let index = 0; index < groups.length; index++) {
        const split = groups[index].split;
        if (split) append(byGroup[index], split.bySession(session, transcript, context));
      }
    }
  }
  const findings: Finding[] = [];
  const add = (found: readonly Finding[]) => append(findings, found);
  for (let index = 0; index < groups.length; index++) {
    const group = groups[index];
    if (!group.split) add(group.check(transcript, context));
    else {
      add(byGroup[index]);
      if (group.split.wholeFile) add(group.split.wholeFile(transcript, context));
    }
  }
  add(checkSuppressionIds(transcript, isRuleId));
  doneChecking();
  return findings;
}

function toDiagnostic(finding: Finding, spec: RuleSpec, settings: RuleSettings, suppressions: Suppressions): LintDiagnostic | undefined {
  if (isSuppressed(suppressions, finding.range.start.line, finding.ruleId)) return undefined;
  const severity = effectiveSeverity(spec, finding.severity, settings[finding.ruleId]);
  if (severity === undefined) return undefined;
  const diagnostic: LintDiagnostic = { range: finding.range, severity, code: finding.ruleId, message: finding.message, source: 'smtp' };
  if (finding.fix) diagnostic.fix = finding.fix;
  if (spec.rfc) diagnostic.rfc = spec.rfc;
  return diagnostic;
}

function rfcOf(spec: RuleSpec | undefined): { rfc?: RfcReference } {
  return spec?.rfc ? { rfc: spec.rfc } : {};
}
