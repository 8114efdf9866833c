// A long session's findings, segment by segment between its checkpoints (model/sessionCheckpoints.ts), kept across
// edits: an edit inside the session re-checks the segments the re-parse made anew, not the whole session.
// - The session state machine walks on from each segment's state at its start: a kept segment's findings and end
//   state stand while the state it starts from equals the one it was walked from (a chain that rejoins after an edit).
// - Every other per-session group checks a view of the session holding the segment's exchanges (after the session's
//   first one, which the greeting check reads): at a checkpoint (a quiet `C: MAIL` line) nothing of theirs is open,
//   no reply pairs across it and a message finds its MAIL below it. Their findings about the segment's lines are kept.
// - A line typed or removed above a segment moves it: parsed again, its exchanges are new, but its lines are the same
//   text. Its findings are those of the segment that stood there before the edit, moved along (movedFindings.ts).
// Not segmented (checked whole, as before): sessions with their own directives or a `<reset>`/`<silence>` fault, and
// everything after a QUIT or `<close>` (the reply checks stop there). The unit test compares with a lint from scratch.
import { checkpointsOf } from '../../model/sessionCheckpoints';
import { exchangeCount, groupAt, headExchanges, withParts } from '../../model/lazyTail';
import type { Exchange, Session, Transcript } from '../../model/types';
import { sessionStateRuleGroup } from './protocol';
import { canMove, movedFindings } from './movedFindings';
import type { Finding, LintContext, RuleGroup } from './rule';
import { sessionStartState } from './session/checkSessions';
import type { SessionState } from './session/sessionState';
import { linesNamed, movedState, sameStateMoved } from './session/movedState';
import { sameValue } from './session/sameValue';
import { advance } from './session/transition';
import { exchangeRange } from '../../model/exchangeRange';

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
  /** The document's lines when the findings were made (or last found to stand): what a moved segment's text is compared with. */
  lines: readonly string[];
  byGroup: (readonly Finding[])[];
}

/** One segment's findings: found by its first exchange, valid while it holds the same exchanges. */
export interface SegmentLint {
  /** The segment's first exchange, which it is kept under. */
  first: Exchange;
  count: number;
  /**
   * Its exchanges, all compared: an edit inside one message's content makes only that exchange new
   * (model/contentEdit.ts), the segment's first and last stay.
   */
  exchanges: readonly Exchange[];
  /** The segment holds a QUIT or `C: <close>`: the segments after it are checked with it. */
  ends: boolean;
  /** The state machine's walk over the segment, and the pipelined group of its first exchange then. */
  walk: { from: SessionState; to: SessionState; findings: readonly Finding[]; firstGroup: number } | undefined;
  view: ViewFindings | undefined;
}

/** A long session's segments as last linted, by their first line, and where the session ended then. */
interface SessionSegments {
  sessionEnd: number;
  byStartLine: Map<number, SegmentLint>;
}

export interface SegmentCache {
  /** Each segment's findings, under its first exchange. */
  readonly segments: WeakMap<Exchange, SegmentLint>;
  /** Each long session's segments, under the session's first exchange (an edit below it keeps that). */
  readonly sessions: WeakMap<Exchange, SessionSegments>;
}

export function createSegmentCache(): SegmentCache {
  return { segments: new WeakMap(), sessions: new WeakMap() };
}

interface Span {
  start: number;
  end: number;
  startLine: number;
}

/**
 * Each group's findings about `session`, in the lists the segments keep them in (those that found something), or
 * undefined when it is not checked in segments.
 */
export function segmentedFindings(
  session: Session,
  transcript: Transcript,
  groups: readonly RuleGroup[],
  context: LintContext,
  fileScope: string,
  cache: SegmentCache,
): (readonly Finding[])[][] | undefined {
  const checkpoints = checkpointsOf(session);
  const exchanges = new SessionExchanges(session);
  if (!checkpoints || session.fault || session.directives.length > 0 || exchanges.count === 0) return undefined;
  const spans: Span[] = [];
  let start = 0;
  let startLine = session.range.start.line;
  for (const checkpoint of checkpoints) {
    if (checkpoint.exchanges <= start || checkpoint.exchanges >= exchanges.count) continue;
    spans.push({ start, end: checkpoint.exchanges, startLine });
    start = checkpoint.exchanges;
    startLine = checkpoint.line;
  }
  spans.push({ start, end: exchanges.count, startLine });

  const byGroup: (readonly Finding[])[][] = groups.map(() => []);
  const sessionStart = session.range.start.line;
  const sessionEnd = session.range.end.line;
  const first = writtenAs(exchanges.at(0), transcript.lines);
  const expectsClose = session.expectsClose?.line;
  // The segments of the last lint: lines typed or removed above the session's end moved those below them this far.
  const before = cache.sessions.get(exchanges.at(0));
  const shift = before ? sessionEnd - before.sessionEnd : 0;
  const byStartLine = new Map<number, SegmentLint>();
  let state = sessionStartState(transcript, session);
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    let endLine = i + 1 < spans.length ? spans[i + 1].startLine : Infinity;
    // A segment of a lazy tail (model/lazyTail.ts) that only moved stands for the one that held its lines: its
    // exchanges are those, moved, and are not copied for it.
    let entry = movedTailSegment(exchanges, span, before?.byStartLine.get(span.startLine - shift), endLine, sessionEnd, transcript.lines) ?? segmentAt(cache.segments, exchanges, span);
    // After a QUIT or `<close>` the rest of the session is one segment.
    if (entry.ends && endLine !== Infinity) {
      spans.length = i + 1;
      span.end = exchanges.count;
      endLine = Infinity;
      entry = segmentAt(cache.segments, exchanges, span);
    }
    byStartLine.set(span.startLine, entry);
    const view = entry.view;
    // Compared field by field: nothing is made for a segment whose findings stand.
    const fits =
      view !== undefined && view.groups === groups && view.fileScope === fileScope && view.env === context.env && view.environment === context.environment &&
      view.first === first && view.sessionStart === sessionStart && view.sessionEnd === sessionEnd && view.expectsClose === expectsClose &&
      view.startLine === span.startLine && view.endLine === endLine;
    // The segment that stood here before lines were typed or removed above it, if it is the same text.
    const moved = fits && entry.walk ? undefined : movedSegment(before?.byStartLine.get(span.startLine - shift), entry, span.startLine, endLine, sessionEnd, transcript.lines);
    // Its lines are the text it was checked at, as of now: no older document's lines stay alive for a segment kept long.
    if (fits) view.lines = transcript.lines;
    else {
      // One literal, its fields always in this order: the entries keep one shape (a hot loop reads 700 of them).
      const place: ViewFindings = { groups, fileScope, env: context.env, environment: context.environment, first, sessionStart, sessionEnd, expectsClose, startLine: span.startLine, endLine, lines: transcript.lines, byGroup: [] };
      // Its own findings, if the segment only moved (or the session ends elsewhere), else those of the segment it was.
      const own = view && shiftTo(view, span.startLine, endLine, sessionEnd, transcript.lines);
      const kept = (view && own !== undefined ? keptFindings(view, place, own) : undefined) ?? (moved ? keptFindings(moved.entry.view!, place, moved.shift) : undefined);
      const found = kept ?? viewFindings(session, exchanges, transcript, groups, context, span, sessionStart, sessionEnd, endLine);
      if (!found) return undefined;
      place.byGroup = found;
      entry.view = place;
    }
    if (!entry.walk || !(entry.walk.from === state || sameValue(entry.walk.from, state))) {
      const firstGroup = groupAt(session, span.start);
      entry.walk = moved && keptWalk(moved, state, firstGroup);
      if (!entry.walk) {
        const findings: Finding[] = [];
        let walked = state;
        for (let e = span.start; e < span.end; e++) walked = advance(walked, exchanges.at(e), findings);
        entry.walk = { from: state, to: walked, findings, firstGroup };
      }
    }
    state = entry.walk.to;
    // The segment's own lists, not their findings copied into one: a kept list keeps its diagnostics (lintCache.ts).
    for (let g = 0; g < groups.length; g++) {
      const found = groups[g] === sessionStateRuleGroup ? entry.walk.findings : entry.view!.byGroup[g];
      if (found.length > 0) byGroup[g].push(found);
    }
  }
  cache.sessions.set(exchanges.at(0), { sessionEnd, byStartLine });
  // The last lint's segments that are not among these (moved along, or parsed again) are of no use any more: dropped,
  // or each would live on with its findings as long as its first exchange does (a moved one's is kept a version
  // longer, for the features that move their work along: shiftedParse.ts `noteMoved`). A segment kept is where it was.
  if (before) for (const [line, old] of before.byStartLine) if (byStartLine.get(line) !== old && cache.segments.get(old.first) === old) cache.segments.delete(old.first);
  return byGroup;
}

/**
 * The findings `view` made, moved `shift` lines to `place`, whose lines are the same text (`shiftTo`), when they were
 * made in the same session as then (the same settings, file scope and first exchange, and `S: <closed>` as far below
 * the segment's start); undefined when not, or when its findings cannot move (one may name a line).
 */
function keptFindings(view: ViewFindings, place: ViewFindings, shift: number): (readonly Finding[])[] | undefined {
  if (view.groups !== place.groups || view.fileScope !== place.fileScope || view.env !== place.env || view.environment !== place.environment) return undefined;
  if (view.first !== place.first || view.sessionStart !== place.sessionStart) return undefined;
  if ((view.expectsClose === undefined) !== (place.expectsClose === undefined)) return undefined;
  if (view.expectsClose !== undefined && view.expectsClose - view.startLine !== place.expectsClose! - place.startLine) return undefined;
  if (shift === 0) return view.byGroup;
  // A finding may name where the session or `S: <closed>` ends, below the segment: it moved too.
  const named = view.expectsClose === undefined ? [view.sessionEnd] : [view.sessionEnd, view.expectsClose];
  return canMove(view.byGroup, view.startLine, lastLineOf(view), named) ? movedFindings(view.byGroup, shift) : undefined;
}

/** A segment of the last lint whose lines are those of a segment now, `shift` lines further up. */
interface MovedSegment {
  entry: SegmentLint;
  shift: number;
}

/** `candidate` when it held the same lines as the segment `[startLine, endLine)` now holds (and as many exchanges). */
function movedSegment(candidate: SegmentLint | undefined, entry: SegmentLint, startLine: number, endLine: number, sessionEnd: number, lines: readonly string[]): MovedSegment | undefined {
  const view = candidate?.view;
  if (!candidate || candidate === entry || !view || candidate.count !== entry.count) return undefined;
  const shift = shiftTo(view, startLine, endLine, sessionEnd, lines);
  return shift === undefined ? undefined : { entry: candidate, shift };
}

/**
 * How many lines the segment `view` was made for moved to stand at `[startLine, endLine)` (the last segment: to the
 * session's end) holding the same text; undefined when it does not.
 */
function shiftTo(view: ViewFindings, startLine: number, endLine: number, sessionEnd: number, lines: readonly string[]): number | undefined {
  const shift = startLine - view.startLine;
  const last = endLine === Infinity;
  if (last !== (view.endLine === Infinity) || (last ? view.sessionEnd + shift !== sessionEnd : view.endLine + shift !== endLine)) return undefined;
  return sameLines(view.lines, lines, startLine, last ? sessionEnd + 1 : endLine, shift) ? shift : undefined;
}

/** The segment's last line, as `view` numbers it. */
function lastLineOf(view: ViewFindings): number {
  return (view.endLine === Infinity ? view.sessionEnd + 1 : view.endLine) - 1;
}

/** `now[start, end)` are `then[start - shift, end - shift)`. */
function sameLines(then: readonly string[], now: readonly string[], start: number, end: number, shift: number): boolean {
  if (end > now.length || end - shift > then.length) return false;
  if (then === now && shift === 0) return true;
  for (let line = start; line < end; line++) if (now[line] !== then[line - shift]) return false;
  return true;
}

/**
 * The moved segment's walk, moved along, when it started from `state` as it was then: the same exchanges go the same
 * way. `firstGroup` is the segment's first exchange's pipelined group now: an exchange added or removed above
 * renumbers the groups below, which the walk compares only with each other.
 */
function keptWalk({ entry, shift }: MovedSegment, state: SessionState, firstGroup: number): SegmentLint['walk'] {
  const walk = entry.walk;
  const groups = walk ? firstGroup - walk.firstGroup : 0;
  if (!walk || !sameStateMoved(walk.from, state, shift, groups)) return undefined;
  if (shift === 0) return { from: state, to: movedState(walk.to, 0, groups), findings: walk.findings, firstGroup };
  // Most segments' walks find nothing: nothing to move (nor the lines the state names to look for).
  if (walk.findings.length === 0) return { from: state, to: movedState(walk.to, shift, groups), findings: walk.findings, firstGroup };
  const view = entry.view!;
  // A finding may name a line the state names (`the message ending on line 12`), above the segment: it moved too.
  if (!canMove([walk.findings], view.startLine, lastLineOf(view), linesNamed(walk.from))) return undefined;
  return { from: state, to: movedState(walk.to, shift, groups), findings: movedFindings([walk.findings], shift)[0], firstGroup };
}

/** `kept` are the exchanges from `start` on: the same objects. */
function holdsSame(kept: readonly Exchange[], exchanges: readonly Exchange[], start: number): boolean {
  for (let i = 0; i < kept.length; i++) if (kept[i] !== exchanges[start + i]) return false;
  return true;
}

/** An exchange as written: parsed again from the same lines at the same place, it is the same. */
function writtenAs(exchange: Exchange, lines: readonly string[]): string {
  const { start, end } = exchangeRange(exchange);
  let written = `${exchange.kind} ${exchange.pipelineGroup} ${start.line}:${start.character}-${end.line}:${end.character}`;
  for (let line = start.line; line <= end.line; line++) written += `\n${lines[line]}`;
  return written;
}

function segmentAt(cache: SegmentCache['segments'], exchanges: SessionExchanges, span: Span): SegmentLint {
  const made = exchanges.through(span.end);
  const first = made[span.start];
  const count = span.end - span.start;
  const kept = cache.get(first);
  if (kept && kept.count === count && holdsSame(kept.exchanges, made, span.start)) return kept;
  let ends = false;
  for (let e = span.start; e < span.end && !ends; e++) {
    const exchange = made[e];
    ends = exchange.kind === 'client-close' || (exchange.kind === 'command' && exchange.command.verb === 'QUIT');
  }
  const entry: SegmentLint = { first, count, exchanges: made.slice(span.start, span.end), ends, walk: undefined, view: undefined };
  cache.set(first, entry);
  return entry;
}

/**
 * The entry for a span of a lazy tail whose lines are those `candidate` (the last lint's segment there, before the
 * lines moved) was made for: the same exchanges moved, so its findings move along (`movedSegment`) and whether it
 * ends the session is its. Kept by position only (`byStartLine`): it holds no exchange of its own to be found by.
 */
function movedTailSegment(
  exchanges: SessionExchanges,
  span: Span,
  candidate: SegmentLint | undefined,
  endLine: number,
  sessionEnd: number,
  lines: readonly string[],
): SegmentLint | undefined {
  if (span.start < exchanges.made || !candidate?.view || candidate.count !== span.end - span.start) return undefined;
  if (shiftTo(candidate.view, span.startLine, endLine, sessionEnd, lines) === undefined) return undefined;
  return { first: candidate.first, count: candidate.count, exchanges: NOT_MADE, ends: candidate.ends, walk: undefined, view: undefined };
}

// A tail segment's exchanges: none made (no lookup by exchange finds such an entry).
const NOT_MADE: readonly Exchange[] = [];

/**
 * A session's exchanges as lint reads them: those made (a lazy tail's head, else all), the whole list read (and a
 * tail copied) only for a segment that must be checked again.
 */
class SessionExchanges {
  readonly count: number;
  private known: readonly Exchange[];

  constructor(private readonly session: Session) {
    this.known = headExchanges(session);
    this.count = exchangeCount(session);
  }

  /** Exchanges from here on are not made yet. */
  get made(): number {
    return this.known.length;
  }

  at(index: number): Exchange {
    return this.through(index + 1)[index];
  }

  slice(start: number, end: number): Exchange[] {
    return this.through(end).slice(start, end);
  }

  /** A list holding the exchanges up to `end`: the whole list read (a tail copied) only if they reach into the tail. */
  through(end: number): readonly Exchange[] {
    if (end > this.known.length && this.known.length < this.count) this.known = this.session.exchanges;
    return this.known;
  }
}

/**
 * The findings of every group but the state machine's about the segment's lines, each group checking a view of the
 * session with the segment's exchanges; undefined when a finding lies outside the session (it may be one the whole
 * session makes once).
 */
function viewFindings(
  session: Session,
  exchanges: SessionExchanges,
  transcript: Transcript,
  groups: readonly RuleGroup[],
  context: LintContext,
  span: Span,
  sessionStart: number,
  sessionEnd: number,
  endLine: number,
): Finding[][] | undefined {
  const segment = exchanges.slice(span.start, span.end);
  const view = withParts(session, { exchanges: span.start === 0 ? segment : [exchanges.at(0), ...segment] });
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
