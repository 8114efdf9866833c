// A long session's findings, segment by segment between its checkpoints (model/sessionCheckpoints.ts), kept across
// edits: an edit inside the session re-checks the segments the re-parse made anew, not the whole session.
// - The session state machine walks on from each segment's state at its start: a kept segment's findings and end
//   state stand while the state it starts from equals the one it was walked from (a chain that rejoins after an edit).
// - Every other per-session group checks a view of the session holding the segment's exchanges (after the session's
//   first one, which the greeting check reads): at a checkpoint (a quiet `C: MAIL` line) nothing of theirs is open,
//   no reply pairs across it and a message finds its MAIL below it. Their findings about the segment's lines are kept.
// Not segmented (checked whole, as before): sessions with their own directives or a `<reset>`/`<silence>` fault, and
// everything after a QUIT or `<close>` (the reply checks stop there). The unit test compares with a lint from scratch.
import { checkpointsOf } from '../../model/sessionCheckpoints';
import type { Exchange, Session, Transcript } from '../../model/types';
import { sessionStateRuleGroup } from './protocol';
import type { Finding, LintContext, RuleGroup } from './rule';
import { sessionStartState } from './session/checkSessions';
import type { SessionState } from './session/sessionState';
import { advance } from './session/transition';

/** What a segment's kept findings were made with, and the findings. */
interface ViewFindings {
  groups: readonly RuleGroup[];
  fileScope: string;
  env: LintContext['env'];
  environment: LintContext['environment'];
  /** The session's first exchange (in every view) as written (its kind, range and lines), where the session's lines end and where the server closes. */
  first: string;
  sessionStart: number;
  sessionEnd: number;
  expectsClose: number | undefined;
  /** The lines whose findings the segment keeps. */
  startLine: number;
  endLine: number;
  byGroup: Finding[][];
}

/** One segment's findings: found by its first exchange, valid while it has the same length and last exchange. */
export interface SegmentLint {
  count: number;
  last: Exchange;
  /** The segment holds a QUIT or `C: <close>`: the segments after it are checked with it. */
  ends: boolean;
  walk: { from: SessionState; to: SessionState; findings: Finding[] } | undefined;
  view: ViewFindings | undefined;
}

export type SegmentCache = WeakMap<Exchange, SegmentLint>;

interface Span {
  start: number;
  end: number;
  startLine: number;
}

/** Each group's findings about `session`, or undefined when it is not checked in segments. */
export function segmentedFindings(
  session: Session,
  transcript: Transcript,
  groups: readonly RuleGroup[],
  context: LintContext,
  fileScope: string,
  cache: SegmentCache,
): Finding[][] | undefined {
  const checkpoints = checkpointsOf(session);
  const exchanges = session.exchanges;
  if (!checkpoints || session.fault || session.directives.length > 0 || exchanges.length === 0) return undefined;
  const spans: Span[] = [];
  let start = 0;
  let startLine = session.range.start.line;
  for (const checkpoint of checkpoints) {
    if (checkpoint.exchanges <= start || checkpoint.exchanges >= exchanges.length) continue;
    spans.push({ start, end: checkpoint.exchanges, startLine });
    start = checkpoint.exchanges;
    startLine = checkpoint.line;
  }
  spans.push({ start, end: exchanges.length, startLine });

  const byGroup: Finding[][] = groups.map(() => []);
  const sessionStart = session.range.start.line;
  const sessionEnd = session.range.end.line;
  const first = writtenAs(exchanges[0], transcript.lines);
  let state = sessionStartState(transcript, session);
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    let entry = segmentAt(cache, exchanges, span);
    // After a QUIT or `<close>` the rest of the session is one segment.
    if (entry.ends && i < spans.length - 1) {
      spans.length = i + 1;
      span.end = exchanges.length;
      entry = segmentAt(cache, exchanges, span);
    }
    const endLine = i + 1 < spans.length ? spans[i + 1].startLine : Infinity;
    const view = entry.view;
    const expectsClose = session.expectsClose?.line;
    // Compared field by field: nothing is made for a segment whose findings stand.
    const fits =
      view !== undefined && view.groups === groups && view.fileScope === fileScope && view.env === context.env && view.environment === context.environment &&
      view.first === first && view.sessionStart === sessionStart && view.sessionEnd === sessionEnd && view.expectsClose === expectsClose &&
      view.startLine === span.startLine && view.endLine === endLine;
    if (!fits) {
      const found = viewFindings(session, transcript, groups, context, span, sessionStart, sessionEnd, endLine);
      if (!found) return undefined;
      // One literal, its fields always in this order: the entries keep one shape (a hot loop reads 700 of them).
      entry.view = { groups, fileScope, env: context.env, environment: context.environment, first, sessionStart, sessionEnd, expectsClose, startLine: span.startLine, endLine, byGroup: found };
    }
    if (!entry.walk || !(entry.walk.from === state || sameValue(entry.walk.from, state))) {
      const findings: Finding[] = [];
      let walked = state;
      for (let e = span.start; e < span.end; e++) walked = advance(walked, exchanges[e], findings);
      entry.walk = { from: state, to: walked, findings };
    }
    state = entry.walk.to;
    for (let g = 0; g < groups.length; g++) {
      const found = groups[g] === sessionStateRuleGroup ? entry.walk.findings : entry.view!.byGroup[g];
      if (found.length === 0) continue;
      for (let f = 0; f < found.length; f++) byGroup[g].push(found[f]);
    }
  }
  return byGroup;
}

/** An exchange as written: parsed again from the same lines at the same place, it is the same. */
function writtenAs(exchange: Exchange, lines: readonly string[]): string {
  const { start, end } = exchange.range;
  let written = `${exchange.kind} ${exchange.pipelineGroup} ${start.line}:${start.character}-${end.line}:${end.character}`;
  for (let line = start.line; line <= end.line; line++) written += `\n${lines[line]}`;
  return written;
}

function segmentAt(cache: SegmentCache, exchanges: readonly Exchange[], span: Span): SegmentLint {
  const first = exchanges[span.start];
  const last = exchanges[span.end - 1];
  const count = span.end - span.start;
  const kept = cache.get(first);
  if (kept && kept.count === count && kept.last === last) return kept;
  let ends = false;
  for (let e = span.start; e < span.end && !ends; e++) {
    const exchange = exchanges[e];
    ends = exchange.kind === 'client-close' || (exchange.kind === 'command' && exchange.command.verb === 'QUIT');
  }
  const entry: SegmentLint = { count, last, ends, walk: undefined, view: undefined };
  cache.set(first, entry);
  return entry;
}

/**
 * The findings of every group but the state machine's about the segment's lines, each group checking a view of the
 * session with the segment's exchanges; undefined when a finding lies outside the session (it may be one the whole
 * session makes once).
 */
function viewFindings(
  session: Session,
  transcript: Transcript,
  groups: readonly RuleGroup[],
  context: LintContext,
  span: Span,
  sessionStart: number,
  sessionEnd: number,
  endLine: number,
): Finding[][] | undefined {
  const segment = session.exchanges.slice(span.start, span.end);
  const view: Session = { ...session, exchanges: span.start === 0 ? segment : [session.exchanges[0], ...segment] };
  const byGroup: Finding[][] = [];
  for (const group of groups) {
    const kept: Finding[] = [];
    byGroup.push(kept);
    if (!group.split || group === sessionStateRuleGroup) continue;
    for (const finding of group.split.bySession(view, transcript, context)) {
      const line = finding.range.start.line;
      if (line < sessionStart || line > sessionEnd) return undefined;
      if (line >= span.startLine && line < endLine) kept.push(finding);
    }
  }
  return byGroup;
}

/** Deep equality of plain data (objects, arrays, maps, sets): two session states walked along different lines. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (a instanceof Map) return b instanceof Map && a.size === b.size && [...a].every(([k, v]) => b.has(k) && sameValue(v, b.get(k)));
  if (a instanceof Set) return b instanceof Set && a.size === b.size && [...a].every((v) => b.has(v));
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
