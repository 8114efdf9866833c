// Findings kept per parsed session across edits. The language server lints a document on every keystroke; an edit
// touches one session, and the parser keeps the others (see `parseTranscript`'s previous parse), so their findings
// can be kept too while what they depend on (the file-level directives, the environment) is unchanged. A session
// that only moved (lines added above it) gets its findings moved along, unless one of them names a line. A line added
// above the directives (at the top of the file) moves them and every session alike: findings move along then too.
import { sessionKey } from '../../model/transcriptChunks';
import type { Session, Transcript } from '../../model/types';
import { canMove, movedFindings } from './movedFindings';
import type { Finding, LintContext, RuleGroup } from './rule';
import { createSegmentCache, segmentedFindings, type SegmentCache } from './segmentedLint';
import type { LintDiagnostic } from './lintTranscript';
import type { RuleSettings } from './ruleSettings';

/** One per language server (or per document); holds nothing alive but the sessions still in use. */
export interface LintCache {
  readonly entries: WeakMap<object, CachedSession>;
  /** A long session's findings by segment (segmentedLint.ts): an edit inside it re-checks a few segments. */
  readonly segments: SegmentCache;
  /**
   * The diagnostics made of a kept list of findings, one per finding (undefined where the settings turn its rule off),
   * by the settings object they were made under (suppression is asked each time): a long session keeps thousands of
   * findings, and an edit makes none of them again. By list, not by finding: a line break moves thousands of findings
   * into new lists, and an entry per finding cost more than making its diagnostic. Only lists of 8 findings or more
   * (lintTranscript.ts): a shorter one's diagnostics cost less to make again than its entry.
   */
  readonly diagnostics: WeakMap<RuleSettings, WeakMap<readonly Finding[], readonly (LintDiagnostic | undefined)[]>>;
}

interface CachedSession {
  groups: readonly RuleGroup[];
  fileScope: FileScope;
  env: LintContext['env'];
  environment: LintContext['environment'];
  /** The session's first line when the findings were made. */
  firstLine: number;
  findings: SessionFindings;
  /** The session's last line when the findings were made. */
  lastLine: number;
  /**
   * Whether the findings can move with the session (none lies outside it or names one of its lines): told when first
   * asked, as most sessions never move (and a long one has thousands of findings to read for it).
   */
  movable?: boolean;
  /** The findings last moved along, and the line they were moved to: typing back and forth moves them once. */
  moved?: { firstLine: number; findings: SessionFindings };
}

/** Each split group's findings about one session. */
export interface SessionFindings {
  /**
   * By group index, the lists the findings come in (one for a session checked whole, one per segment that found
   * something for a long one: each stays the same list while its findings are kept); empty for groups without a
   * per-session split.
   */
  byGroup: (readonly Finding[])[][];
  /** The indexes of the groups that found something (most sessions: none or one), so collecting skips the others. */
  groupsWithFindings: readonly number[];
}

export function createLintCache(): LintCache {
  return { entries: new WeakMap(), segments: createSegmentCache(), diagnostics: new WeakMap() };
}

/**
 * What checks of a session may read besides the session itself: the file-level directives (all above the first
 * session), each where it stands.
 */
export interface FileScope {
  /** The directives as written, each line counted from the first directive's: unchanged by lines added above them. */
  relative: string;
  /** The first directive's line; -1 without directives. */
  firstLine: number;
  /** `relative` and where it stands: equal only while no directive moved (a segment's findings are kept under it). */
  exact: string;
}

export function fileScopeOf(transcript: Transcript): FileScope {
  const directives = transcript.directives;
  const firstLine = directives.length > 0 ? directives[0].range.start.line : -1;
  let relative = '';
  for (const directive of directives) {
    const line = directive.range.start.line;
    relative += `${line - firstLine}\n${transcript.lines[line]}\n`;
  }
  return { relative, firstLine, exact: `${firstLine}\n${relative}` };
}

/** Each split group's findings about `session`. */
export function sessionFindings(
  session: Session,
  transcript: Transcript,
  groups: readonly RuleGroup[],
  context: LintContext,
  cache?: { cache: LintCache; fileScope: FileScope },
): SessionFindings {
  const key = sessionKey(session);
  const cached = cache?.cache.entries.get(key);
  const firstLine = session.range.start.line;
  const kept = cached && keptFindings(cached, firstLine, groups, context, cache!.fileScope);
  if (kept) return kept;
  const findings = checkedSession(session, transcript, groups, context, cache);
  if (cache) {
    cache.cache.entries.set(key, { groups, fileScope: cache.fileScope, env: context.env, environment: context.environment, firstLine, lastLine: session.range.end.line, findings });
  }
  return findings;
}

/**
 * The findings `cached` keeps, moved to `firstLine`, when they were made with the same settings and directives; those
 * directives where they stood, or moved as far as the session (lines added or removed above them all). Undefined
 * when they were not, or when a finding cannot move (one may name a line).
 */
function keptFindings(cached: CachedSession, firstLine: number, groups: readonly RuleGroup[], context: LintContext, scope: FileScope): SessionFindings | undefined {
  if (cached.groups !== groups || cached.fileScope.relative !== scope.relative || cached.env !== context.env || cached.environment !== context.environment) return undefined;
  const shift = firstLine - cached.firstLine;
  // The directives moved, as far as the session did, or not at all. A session's findings name lines of the session
  // only (those about the directives are the whole-file parts', made on every lint): they move alike either way.
  const directivesShift = scope.firstLine - cached.fileScope.firstLine;
  if (directivesShift !== 0 && directivesShift !== shift) return undefined;
  if (shift === 0) return cached.findings;
  // The entry keeps the findings where they were made: they are moved from there, never moved twice.
  cached.movable ??= cached.findings.byGroup.every((lists) => canMove(lists, cached.firstLine, cached.lastLine));
  if (!cached.movable) return undefined;
  if (cached.moved?.firstLine !== firstLine) {
    const byGroup = cached.findings.byGroup.map((lists) => (lists.length === 0 ? lists : movedFindings(lists, shift)));
    cached.moved = { firstLine, findings: { byGroup, groupsWithFindings: cached.findings.groupsWithFindings } };
  }
  return cached.moved.findings;
}

/**
 * The findings of a session checked now. Apart from `sessionFindings`: the closure here would make its caller allocate
 * a context on each call, and it is called for every session on every edit, mostly to return kept findings.
 */
function checkedSession(session: Session, transcript: Transcript, groups: readonly RuleGroup[], context: LintContext, cache: { cache: LintCache; fileScope: FileScope } | undefined): SessionFindings {
  const byGroup =
    (cache && segmentedFindings(session, transcript, groups, context, cache.fileScope.exact, cache.cache.segments)) ??
    groups.map((group) => {
      const found = group.split ? group.split.bySession(session, transcript, context) : [];
      return found.length > 0 ? [found] : [];
    });
  return { byGroup, groupsWithFindings: byGroup.flatMap((found, index) => (found.length > 0 ? [index] : [])) };
}
