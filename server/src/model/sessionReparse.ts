// An edit inside a long session: the session is parsed again from the last checkpoint above the edit up to the first
// checkpoint below it where the new parse is quiet; the parts above and below are the previous parse's: the same
// objects, or copies with their lines shifted when lines were added or removed, and their pipelined groups numbered
// on from the new parse's when an exchange was added or removed (shiftedParse.ts, lazyTail.ts), so the work is in
// proportion to the edit and what moved, not to the session.
// The result is what a parse from scratch gives (the unit test compares them after random edits).
import { parseChunk, type ChunkParse, type ChunkSegmenting } from './parseChunk';
import { CHECKPOINT_SPACING, checkpointAt, checkpointsOf, keepCheckpoints, reparsesInPlace, type Checkpoint } from './sessionCheckpoints';
import { namesLineIn } from './movedSession';
import { noteMoved, shiftedComment, shiftedDiagnostic, shiftedExchange } from './shiftedParse';
import { noteEditedSession } from './sessionLineage';
import { contentReuse } from './reusedContent';
import { exchangeCount, lazyTailOf, movedOn, tailStartLine, withLazyTail, type TailSource } from './lazyTail';
import type { Session } from './types';

/** The lines an edit replaced: `[startLine, oldEnd)` of the previous text are `[startLine, newEnd)` of the new one. */
export interface EditedLines {
  startLine: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * The parse of the chunk `previous` was the parse of, after an edit inside it (the chunk keeps its first line and no
 * `###` line came or went); undefined when its session is not parsed in place (`reparsesInPlace`).
 */
export function reparsedSession(
  previous: ChunkParse,
  chunk: { startLine: number; endLine: number },
  lines: readonly string[],
  bareCrLines: ReadonlySet<number> | undefined,
  edit: EditedLines,
  sessionIndex: number,
): ChunkParse | undefined {
  const session = previous.session;
  const old = session && reparsesInPlace(session) ? (checkpointsOf(session) ?? []) : undefined;
  // A session the server ends with a 421 of its own (rare, and it ends there) is parsed again whole.
  if (!session || !old || session.index !== sessionIndex || session.closingNotice) return undefined;
  const shift = edit.newEnd - edit.oldEnd;
  // The last checkpoint above the edited lines: the lines before it, and its own, are as they were.
  let resume = old.length - 1;
  while (resume >= 0 && old[resume].line >= edit.startLine) resume--;
  // Above the first checkpoint: the chunk is parsed from its first line, and may still rejoin below the edit.
  const fromStart = resume < 0;
  const from: Checkpoint = fromStart ? { line: chunk.startLine, group: -1, lmtp: false, exchanges: 0, diagnostics: 0, comments: 0, directives: 0, serverMarkers: 0 } : old[resume];
  // Old checkpoints below the edit, by the line they stand on now, where the parse may rejoin the previous one.
  const below = new Map<number, number>();
  if (shift === 0 || shiftable(previous, edit.oldEnd, chunk.endLine - shift)) for (let i = resume + 1; i < old.length; i++) if (old[i].line >= edit.oldEnd) below.set(old[i].line + shift, i);

  const found: Checkpoint[] = [];
  let lastFound = from.line;
  let rejoin: number | undefined;
  // At a quiet point the parse goes on the same way whatever its group's number (SessionBuilder.resumedAt): where an
  // exchange was added or removed above, the groups below are the previous parse's, numbered this much higher.
  let groupShift = 0;
  const segmenting: ChunkSegmenting = {
    nextOffer: Math.min(from.line + CHECKPOINT_SPACING, Math.max(edit.newEnd, from.line + 1)),
    resumeGroup: fromStart ? undefined : from.group,
    resumeLmtp: from.lmtp,
    offer(line, group, builder, diagnostics, comments) {
      const at = below.get(line);
      // Rejoined only where the session speaks what it spoke there (an edited hello above changes what follows).
      if (line >= edit.newEnd && at !== undefined && old[at].lmtp === builder.lmtp.recipients.speaksLmtp) {
        rejoin = at;
        groupShift = group - old[at].group;
        return true;
      }
      if (line >= lastFound + CHECKPOINT_SPACING) {
        found.push(checkpointAt(line, group, builder, diagnostics, comments));
        lastFound = line;
      }
      this.nextOffer = line >= edit.newEnd ? line + 1 : Math.min(lastFound + CHECKPOINT_SPACING, edit.newEnd);
      return false;
    },
  };
  // A lazy tail (lazyTail.ts) stays so while the edit lies above it: the parse below reads lines, not its exchanges.
  const lazy = lazyTailOf(session);
  const inHead = lazy !== undefined && from.exchanges <= lazy.head.length && edit.oldEnd <= tailStartLine(session)!;
  const reusedContent = contentReuse(previous, edit, bareCrLines, inHead ? lazy.head : session.exchanges);
  if (reusedContent) segmenting.reusedContent = reusedContent;
  const part = parseChunk(lines, from.line, chunk.endLine, sessionIndex, bareCrLines, segmenting);
  const middle = segmenting.stopped?.builder.session ?? part.session;
  if (!middle || middle.closingNotice) return undefined;
  const tail = rejoin === undefined ? undefined : old[rejoin];

  // Below the rejoin, the previous parse's lists; shifted, when lines moved (`shiftable` says there is nothing else).
  // The exchanges there are a lazy tail when lines moved, their groups are numbered anew, or the previous session had
  // one.
  const lazyBelow = tail && (shift !== 0 || groupShift !== 0 || inHead) ? tailBelow(session, inHead ? lazy : undefined, tail.exchanges, shift, groupShift) : undefined;
  const known = inHead ? lazy.head : session.exchanges;
  const exchanges = joined(known, from.exchanges, middle.exchanges, lazyBelow ? lazyBelow.eagerFrom : tail?.exchanges, shift, shiftedExchange, groupShift);
  const count = lazyBelow ? exchanges.length + lazyBelow.source.items.length - lazyBelow.source.from : exchanges.length;
  const directives = joined(session.directives, from.directives, middle.directives, tail?.directives);
  const serverMarkers = joined(session.serverMarkers ?? [], from.serverMarkers, middle.serverMarkers ?? [], tail?.serverMarkers);
  const diagnostics = joined(previous.diagnostics, from.diagnostics, part.diagnostics, tail?.diagnostics, shift, shiftedDiagnostic);
  const comments = joined(previous.comments, from.comments, part.comments, tail?.comments, shift, shiftedComment);
  // The last line that set them wins: below the rejoin the previous parse's, else the new part's, else the checkpoint's.
  const latest = <K extends 'expectsClose' | 'fault'>(key: K, lineOf: (value: NonNullable<Session[K]>) => number): Session[K] => {
    const kept = session[key];
    if (tail && kept && lineOf(kept) >= tail.line) return kept;
    return (middle[key] ?? from[key]) as Session[K];
  };
  const expectsClose = latest('expectsClose', (v) => v.line);
  const fault = latest('fault', (v) => v.marker.line);

  const head = fromStart ? middle : session;
  const end = session.range.end;
  const range = { start: head.range.start, end: !tail ? middle.range.end : shift === 0 ? end : { line: end.line + shift, character: end.character } };
  const parts = { index: session.index, name: head.name, separator: head.separator, range, directives, exchanges };
  // Filled below, with the checkpoints: where stretches start in the lazy tail (their copies note their originals).
  const stretchStarts: number[] = [];
  const rebuilt: Session = lazyBelow ? withLazyTail(parts, exchanges, lazyBelow.source, stretchStarts) : parts;
  // Optional parts in the order a parse from scratch adds them: as the previous parse and the new part have them.
  for (const key of [...Object.keys(session), ...Object.keys(middle)] as (keyof Session)[]) {
    if (key in rebuilt) continue;
    if (key === 'serverMarkers' && serverMarkers.length > 0) rebuilt.serverMarkers = serverMarkers;
    if (key === 'expectsClose' && expectsClose) rebuilt.expectsClose = expectsClose;
    if (key === 'fault' && fault) rebuilt.fault = fault;
  }

  const counts = { exchanges: count, directives: directives.length, serverMarkers: serverMarkers.length, diagnostics: diagnostics.length, comments: comments.length };
  // The new part's checkpoints counted what the part held: the lists kept above it come first.
  const checkpoints = [...old.slice(0, resume + 1)];
  for (const c of found) {
    checkpoints.push({
      ...c,
      exchanges: c.exchanges + from.exchanges,
      directives: c.directives + from.directives,
      serverMarkers: c.serverMarkers + from.serverMarkers,
      diagnostics: c.diagnostics + from.diagnostics,
      comments: c.comments + from.comments,
      expectsClose: c.expectsClose ?? from.expectsClose,
      fault: c.fault ?? from.fault,
    });
  }
  if (tail) {
    // Below the rejoin the counts grow by what the lists gained above it.
    const grown = {
      exchanges: counts.exchanges - lengthOf('exchanges', session, previous),
      directives: counts.directives - lengthOf('directives', session, previous),
      serverMarkers: counts.serverMarkers - lengthOf('serverMarkers', session, previous),
      diagnostics: counts.diagnostics - lengthOf('diagnostics', session, previous),
      comments: counts.comments - lengthOf('comments', session, previous),
    };
    const unchanged = grown.exchanges === 0 && grown.directives === 0 && grown.serverMarkers === 0 && grown.diagnostics === 0 && grown.comments === 0;
    const previousCount = exchangeCount(session);
    for (let i = rejoin!; i < old.length; i++) {
      const c = old[i];
      const at = c.exchanges + grown.exchanges;
      // Where a stretch below starts, its first exchange is a copy: noted now, or when a lazy tail is copied.
      if (lazyBelow && c.exchanges < previousCount && at >= exchanges.length) stretchStarts.push(at);
      else if ((shift !== 0 || groupShift !== 0) && c.exchanges < previousCount) noteMoved(exchanges[at], known[c.exchanges], shift);
      const expectsClose = c.expectsClose && c.expectsClose.line >= tail.line ? c.expectsClose : (middle.expectsClose ?? from.expectsClose);
      const fault = c.fault && c.fault.marker.line >= tail.line ? c.fault : (middle.fault ?? from.fault);
      // Nothing added or removed above (a letter typed): the checkpoints below stand as they were.
      if (shift === 0 && groupShift === 0 && unchanged && c.expectsClose === expectsClose && c.fault === fault) {
        checkpoints.push(c);
        continue;
      }
      // One literal naming every field (a spread of hundreds of checkpoints per edit took V8's slow path).
      checkpoints.push({
        line: c.line + shift,
        group: c.group + groupShift,
        lmtp: c.lmtp,
        exchanges: c.exchanges + grown.exchanges,
        diagnostics: c.diagnostics + grown.diagnostics,
        comments: c.comments + grown.comments,
        directives: c.directives + grown.directives,
        serverMarkers: c.serverMarkers + grown.serverMarkers,
        expectsClose,
        fault,
      });
    }
  }
  keepCheckpoints(rebuilt, checkpoints, chunk.endLine - chunk.startLine);
  noteEditedSession(rebuilt, session, from.exchanges, middle.exchanges.length, tail?.exchanges);
  return { session: rebuilt, directives: fromStart ? part.directives : previous.directives, comments, diagnostics };
}

function lengthOf(key: 'exchanges' | 'directives' | 'serverMarkers' | 'diagnostics' | 'comments', session: Session, chunk: ChunkParse): number {
  if (key === 'diagnostics' || key === 'comments') return chunk[key].length;
  if (key === 'exchanges') return exchangeCount(session);
  return session[key]?.length ?? 0;
}

/**
 * The previous exchanges below the rejoin (`rejoin` on) as a lazy tail, moved `shift` lines: the previous session's
 * list from there, or, for a session with a lazy tail already (`lazy`), the rest of its head copied (`eagerFrom` on,
 * moved) and its tail moved on.
 */
function tailBelow(session: Session, lazy: ReturnType<typeof lazyTailOf>, rejoin: number, shift: number, groups: number): { eagerFrom: number; source: TailSource } {
  if (!lazy) return { eagerFrom: session.exchanges.length, source: { items: session.exchanges, from: rejoin, shift, groupShift: groups } };
  const head = lazy.head.length;
  return rejoin >= head ? { eagerFrom: head, source: movedOn(lazy.source, rejoin - head, shift, groups) } : { eagerFrom: rejoin, source: movedOn(lazy.source, 0, shift, groups) };
}

/**
 * Whether the previous parse of a session can be kept below an edit that added or removed lines, shifted: only its
 * exchanges, comments and parse problems name lines there (no directive, server marker, `S: <closed>` or fault of the
 * session, which are rare in a long one), and no problem's message names a line of the chunk below the edit,
 * `[below, end)` as they were numbered.
 */
export function shiftable(previous: ChunkParse, below: number, end: number): boolean {
  const session = previous.session!;
  if (session.directives.length > 0 || (session.serverMarkers?.length ?? 0) > 0 || session.expectsClose || session.fault) return false;
  return !previous.diagnostics.some((d) => namesLineIn(d.message, below, end));
}

/**
 * `kept[0, head)`, then `middle`, then `kept[tail...]` when the parse rejoined the previous one: each moved `shift`
 * lines (and `groups` pipelined groups, for exchanges) by `moved` when they moved.
 */
function joined<T>(kept: readonly T[], head: number, middle: readonly T[], tail: number | undefined, shift = 0, moved?: (item: T, by: number, groups: number) => T, groups = 0): T[] {
  const result = kept.slice(0, head);
  for (let i = 0; i < middle.length; i++) result.push(middle[i]);
  if (tail === undefined) return result;
  if ((shift === 0 && groups === 0) || !moved) for (let i = tail; i < kept.length; i++) result.push(kept[i]);
  else for (let i = tail; i < kept.length; i++) result.push(moved(kept[i], shift, groups));
  return result;
}
