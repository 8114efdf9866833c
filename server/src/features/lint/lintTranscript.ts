// The linter's entry point: parse problems plus every rule group's findings, with the user's severities and the
// file's suppression comments applied, sorted by position.
import type { Range, Session, Severity, Transcript } from '../../model/types';
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
  const context = options.context ?? {};
  return diagnosticsOf(transcript, sessionFindingsByGroup(transcript, context, options.cache), options);
}

/**
 * Each group's findings about each session, by group index (a list per session that found something), in session
 * order: what `diagnosticsOf` takes.
 */
function sessionFindingsByGroup(transcript: Transcript, context: LintContext, cache: LintCache | undefined): (readonly Finding[])[][] {
  const groups = allRuleGroups();
  // Each group's lists, session by session: only the groups that found something in a session are visited.
  const byGroup: (readonly Finding[])[][] = groups.map(() => []);
  if (cache) {
    const scoped = { cache, fileScope: fileScopeOf(transcript) };
    for (const session of transcript.sessions) {
      const { byGroup: found, groupsWithFindings } = sessionFindings(session, transcript, groups, context, scoped);
      for (const index of groupsWithFindings) byGroup[index].push(found[index]);
    }
  } else {
    // Nothing to keep: each session's findings go straight to their group, no per-session record held to the end.
    for (const session of transcript.sessions) addSessionFindings(byGroup, session, transcript, context);
  }
  return byGroup;
}

/** The split groups' findings about `session`, each list added to its group's in `byGroup`. */
export function addSessionFindings(byGroup: (readonly Finding[])[][], session: Session, transcript: Transcript, context: LintContext): void {
  const groups = allRuleGroups();
  for (let index = 0; index < groups.length; index++) {
    const split = groups[index].split;
    if (!split) continue;
    const found = split.bySession(session, transcript, context);
    if (found.length > 0) byGroup[index].push(found);
  }
}

/**
 * The diagnostics of `transcript`, given each split group's findings about its sessions (`byGroup`): parse problems,
 * then every group's findings with the whole-file parts run here, with severities and suppressions applied, sorted.
 */
export function diagnosticsOf(transcript: Transcript, byGroup: readonly (readonly Finding[])[][], options: LintOptions): LintDiagnostic[] {
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

  const kept = options.cache?.diagnostics;
  forEachFinding(transcript, byGroup, context, (finding) => {
    if (isSuppressed(suppressions, finding.range.start.line, finding.ruleId)) return;
    // A finding kept across edits keeps its diagnostic while the settings are the same object.
    const before = kept?.get(finding);
    if (before && before.settings === settings) {
      if (before.diagnostic) diagnostics.push(before.diagnostic);
      return;
    }
    // Every group registers its rules; the fallback only keeps a missing registration visible instead of throwing.
    const spec = rules.get(finding.ruleId) ?? { id: finding.ruleId, defaultSeverity: 'warning', description: '' };
    const diagnostic = toDiagnostic(finding, spec, settings, suppressions);
    kept?.set(finding, { settings, diagnostic });
    if (diagnostic) diagnostics.push(diagnostic);
  });
  // Array.prototype.sort is stable: findings at the same position keep their order.
  return diagnostics.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/**
 * Every group's findings in group order, as if each had checked the whole transcript, handed to `found` one by one (a
 * long session's thousands of findings are not copied from list to list on every edit). The whole-file parts run
 * after every session's: they read what the session parts noted (variables used).
 */
function forEachFinding(transcript: Transcript, byGroup: readonly (readonly Finding[])[][], context: LintContext, found: (finding: Finding) => void): void {
  const groups = allRuleGroups();
  const all = (list: readonly Finding[]) => {
    for (let i = 0; i < list.length; i++) found(list[i]);
  };
  for (let index = 0; index < groups.length; index++) {
    const group = groups[index];
    if (!group.split) {
      all(group.check(transcript, context));
      continue;
    }
    for (const found of byGroup[index]) all(found);
    if (group.split.wholeFile) all(group.split.wholeFile(transcript, context));
  }
  all(checkSuppressionIds(transcript, isRuleId));
  doneChecking();
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
