// Checkpoints inside a long session: quiet points (a `C: MAIL` line where nothing is pending, see
// `SessionBuilder.quietGroup`) from which the session can be parsed again. What the parse builds from a checkpoint on
// depends only on the lines from there, its groups numbered on from the group there, so an edit re-parses from the
// last checkpoint above it, and stops at the first checkpoint below it where the new parse is quiet (sessionReparse.ts).
import { parseChunk, type ChunkParse, type ChunkSegmenting } from './parseChunk';
import type { SessionBuilder } from './sessionBuilder';
import type { Session } from './types';

/** What the session's parse held when it reached the checkpoint's line: counts of each list, and the group. */
export interface Checkpoint {
  readonly line: number;
  readonly group: number;
  /** The session spoke LMTP there (a parse resumed from it must know: SessionBuilder.speaksLmtp). */
  readonly lmtp: boolean;
  readonly exchanges: number;
  /** The chunk's parse problems and comments. */
  readonly diagnostics: number;
  readonly comments: number;
  /** The session's directives and server markers. */
  readonly directives: number;
  readonly serverMarkers: number;
  /** The session's `expectsClose` and `fault` there (a later line may set them again). */
  readonly expectsClose?: Session['expectsClose'];
  readonly fault?: Session['fault'];
}

/** Lines between checkpoints, at least: an edit re-parses about twice this. */
export const CHECKPOINT_SPACING = 128;

const checkpoints = new WeakMap<Session, readonly Checkpoint[]>();
// Long sessions without a quiet point (one message of 100k lines): no checkpoint to start from, yet an edit inside one
// still splits only the lines it touched, and parses the session again from its first line (sessionReparse.ts).
const longWithoutCheckpoints = new WeakSet<Session>();

/** The checkpoints of a session parsed from its text (none for a short one, or one moved lazily). */
export function checkpointsOf(session: Session): readonly Checkpoint[] | undefined {
  return checkpoints.get(session);
}

/** An edit inside the session is parsed in place (sessionReparse.ts): it has checkpoints, or is long without any. */
export function reparsesInPlace(session: Session): boolean {
  return checkpoints.has(session) || longWithoutCheckpoints.has(session);
}

/** `lines`: how many lines the session's chunk spans. */
export function keepCheckpoints(session: Session, found: readonly Checkpoint[], lines: number): void {
  if (found.length > 0) checkpoints.set(session, found);
  else if (lines >= CHECKPOINT_SPACING) longWithoutCheckpoints.add(session);
}

/** A session renumbered (a copy with another index) keeps its checkpoints. */
export function copyCheckpoints(from: Session, to: Session): void {
  const found = checkpoints.get(from);
  if (found) checkpoints.set(to, found);
  if (longWithoutCheckpoints.has(from)) longWithoutCheckpoints.add(to);
}

export function checkpointAt(line: number, group: number, builder: SessionBuilder, diagnostics: number, comments: number): Checkpoint {
  const session = builder.session;
  return {
    line,
    group,
    lmtp: builder.lmtp.recipients.speaksLmtp,
    exchanges: session.exchanges.length,
    diagnostics,
    comments,
    directives: session.directives.length,
    serverMarkers: session.serverMarkers?.length ?? 0,
    expectsClose: session.expectsClose,
    fault: session.fault,
  };
}

/** `parseChunk`, noting the session's checkpoints on the way. */
export function parseChunkWithCheckpoints(lines: readonly string[], start: number, end: number, sessionIndex: number, bareCrLines?: ReadonlySet<number>): ChunkParse {
  const found: Checkpoint[] = [];
  const segmenting: ChunkSegmenting = {
    nextOffer: start + CHECKPOINT_SPACING,
    offer(line, group, builder, diagnostics, comments) {
      found.push(checkpointAt(line, group, builder, diagnostics, comments));
      this.nextOffer = line + CHECKPOINT_SPACING;
      return false;
    },
  };
  const parse = parseChunk(lines, start, end, sessionIndex, bareCrLines, segmenting);
  if (parse.session) keepCheckpoints(parse.session, found, end - start);
  return parse;
}
