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
import { checkSuppressionIds, collectSuppressions, isSuppressed } from './suppressions';
import { withoutSuperseded } from './supersededFindings';

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
  return toTheEnd(lintInSteps(transcript, options));
}

/**
 * `lintTranscript` a step at a time: it yields after each session and each list of findings, so that a caller sharing
 * the thread (the language server) can answer requests between steps, and drop a lint the document outdated. Dropped
 * part-way (`return()`), it leaves the cache as sound as a whole lint does: each session's entry is made in one step.
 */
export function* lintInSteps(transcript: Transcript, options: LintOptions = {}): Generator<void, LintDiagnostic[], void> {
  try {
    const byGroup = yield* sessionFindingsByGroup(transcript, options.context ?? {}, options.cache);
    return yield* diagnosticsInSteps(transcript, byGroup, options);
  } finally {
    // Also when dropped: nothing of the sessions checked is kept.
    doneChecking();
  }
}

function toTheEnd<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Each group's findings about each session, by group index (the lists each session found them in), in session order:
 * what `diagnosticsOf` takes.
 */
function* sessionFindingsByGroup(transcript: Transcript, context: LintContext, cache: LintCache | undefined): Generator<void, (readonly Finding[])[][], void> {
  const groups = allRuleGroups();
  // Each group's lists, session by session: only the groups that found something in a session are visited.
  const byGroup: (readonly Finding[])[][] = groups.map(() => []);
  if (cache) {
    const scoped = { cache, fileScope: fileScopeOf(transcript) };
    for (const session of transcript.sessions) {
      const { byGroup: found, groupsWithFindings } = sessionFindings(session, transcript, groups, context, scoped);
      for (let g = 0; g < groupsWithFindings.length; g++) {
        const lists = found[groupsWithFindings[g]];
        const into = byGroup[groupsWithFindings[g]];
        for (let i = 0; i < lists.length; i++) into.push(lists[i]);
      }
      yield;
    }
  } else {
    // Nothing to keep: each session's findings go straight to their group, no per-session record held to the end.
    for (const session of transcript.sessions) {
      addSessionFindings(byGroup, session, transcript, context);
      yield;
    }
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
  return toTheEnd(diagnosticsInSteps(transcript, byGroup, options));
}

// The shortest list of findings whose diagnostics the cache keeps (`LintCache.diagnostics`).
const KEPT_FROM_FINDINGS = 8;

/** `diagnosticsOf` a step at a time: it yields after each list of findings. */
function* diagnosticsInSteps(transcript: Transcript, byGroup: readonly (readonly Finding[])[][], options: LintOptions): Generator<void, LintDiagnostic[], void> {
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
    if (isSuppressed(suppressions, problem.range.start.line, problem.code)) continue;
    const finding: Finding = { ruleId: problem.code, range: problem.range, message: problem.message, severity: problem.severity };
    const diagnostic = diagnosticOf(finding, rules, settings);
    if (diagnostic) diagnostics.push(diagnostic);
  }

  // A list kept across edits keeps its diagnostics while the settings are the same object.
  const kept = options.cache && keptUnder(options.cache, settings);
  for (const findings of findingLists(transcript, byGroup, context)) {
    if (findings.length === 0) continue;
    // A short list's diagnostics are made again: cheaper than an entry, and 20,000 moved sessions bring 40,000 new
    // lists of one or two findings on a line typed at the top.
    const keeps = kept !== undefined && findings.length >= KEPT_FROM_FINDINGS;
    let made = keeps ? kept.get(findings) : undefined;
    if (!made) {
      made = listDiagnostics(findings, rules, settings);
      if (keeps) kept.set(findings, made);
    }
    for (let i = 0; i < findings.length; i++) {
      const diagnostic = made[i];
      if (diagnostic && !isSuppressed(suppressions, findings[i].range.start.line, findings[i].ruleId)) diagnostics.push(diagnostic);
    }
    yield;
  }
  // Array.prototype.sort is stable: findings at the same position keep their order.
  return withoutSuperseded(diagnostics).sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/**
 * Every group's findings in group order, as if each had checked the whole transcript, list by list (a long session's
 * thousands of findings are not copied from list to list on every edit). The whole-file parts run after every
 * session's: they read what the session parts noted (variables used).
 */
function* findingLists(transcript: Transcript, byGroup: readonly (readonly Finding[])[][], context: LintContext): Generator<readonly Finding[], void, void> {
  const groups = allRuleGroups();
  for (let index = 0; index < groups.length; index++) {
    const group = groups[index];
    if (!group.split) {
      yield group.check(transcript, context);
      continue;
    }
    const lists = byGroup[index];
    for (let i = 0; i < lists.length; i++) yield lists[i];
    if (group.split.wholeFile) yield group.split.wholeFile(transcript, context);
  }
  yield checkSuppressionIds(transcript, isRuleId);
  doneChecking();
}

/** The diagnostics kept under `settings`, by list of findings (of `KEPT_FROM_FINDINGS` findings or more). */
function keptUnder(cache: LintCache, settings: RuleSettings): WeakMap<readonly Finding[], readonly (LintDiagnostic | undefined)[]> {
  let kept = cache.diagnostics.get(settings);
  if (!kept) cache.diagnostics.set(settings, (kept = new WeakMap()));
  return kept;
}

/** Each finding's diagnostic under `settings`, suppression aside. */
function listDiagnostics(findings: readonly Finding[], rules: ReadonlyMap<RuleId, RuleSpec>, settings: RuleSettings): (LintDiagnostic | undefined)[] {
  const made: (LintDiagnostic | undefined)[] = new Array(findings.length);
  for (let i = 0; i < findings.length; i++) made[i] = diagnosticOf(findings[i], rules, settings);
  return made;
}

/** The diagnostic `finding` makes under `settings`, suppression aside; undefined when they turn its rule off. */
function diagnosticOf(finding: Finding, rules: ReadonlyMap<RuleId, RuleSpec>, settings: RuleSettings): LintDiagnostic | undefined {
  // Every group registers its rules; the fallback only keeps a missing registration visible instead of throwing.
  const spec = rules.get(finding.ruleId) ?? { id: finding.ruleId, defaultSeverity: 'warning', description: '' };
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
