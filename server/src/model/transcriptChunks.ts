// Where a transcript's chunks start and end (a chunk is the head before the first `###` line, or one `###` line and
// what follows it up to the next), and which chunks of a previous parse an edited text can keep.
import type { EditedRegion } from './editedRegion';
import { movedSessionKey, renumberedLazily } from './movedSession';
import { withParts } from './lazyTail';
import { copyCheckpoints } from './sessionCheckpoints';
import type { ChunkParse } from './parseChunk';
import type { Exchange, Session } from './types';

export interface ChunkSpan {
  /** First line, and the line after the last. */
  startLine: number;
  endLine: number;
  /** Offsets in the text: the chunk's first character, and the first character after its last line terminator. */
  startOffset: number;
  endOffset: number;
}

export interface ParsedChunk extends ChunkSpan {
  parse: ChunkParse;
}

const HASH = 0x23;
const CR = 0x0d;
const LF = 0x0a;

/**
 * The chunks of `text`, split into `lines` already. The first (the head) is always there, possibly empty. `text` may
 * be a window of a larger document starting at `firstLine` and `firstOffset`: spans are in the document's terms.
 */
export function chunkSpans(text: string, lines: readonly string[], firstLine = 0, firstOffset = 0): ChunkSpan[] {
  const spans: ChunkSpan[] = [];
  let startLine = 0;
  let startOffset = 0;
  let offset = 0;
  const span = (endLine: number, endOffset: number): ChunkSpan => ({
    startLine: firstLine + startLine,
    endLine: firstLine + endLine,
    startOffset: firstOffset + startOffset,
    endOffset: firstOffset + endOffset,
  });
  for (let line = 0; line < lines.length; line++) {
    const content = lines[line];
    // A line starting `###` is a session separator, whatever follows (docs/transcript-format.md, "Line kinds"). Reads
    // stay inside the line and the text (see classifyLine.ts's `lineSide`).
    if (content.length >= 3 && content.charCodeAt(0) === HASH && content.charCodeAt(1) === HASH && content.charCodeAt(2) === HASH) {
      spans.push(span(line, offset));
      startLine = line;
      startOffset = offset;
    }
    offset += content.length;
    const terminator = offset < text.length ? text.charCodeAt(offset) : 0;
    if (terminator === CR) offset += offset + 1 < text.length && text.charCodeAt(offset + 1) === LF ? 2 : 1;
    else if (terminator === LF) offset += 1;
  }
  spans.push(span(lines.length, text.length));
  return spans;
}

/** A separator is `###`: three characters the edit must have left alone for the chunk boundary to stay. */
const SEPARATOR_LENGTH = 3;

/**
 * The chunks of the previous text an edit touched, `[first, end)`, given what the two texts share at the start and the
 * end. Chunks before `first` are unchanged in place; chunks from `end` on are unchanged but may have moved. A chunk
 * counts as touched when the edit is close enough to its end to change where the next chunk starts.
 */
export function touchedChunks(chunks: readonly ChunkSpan[], previousLength: number, region: EditedRegion): { first: number; end: number } {
  let first = 0;
  while (first < chunks.length && chunks[first].endOffset + SEPARATOR_LENGTH <= region.prefix) first++;
  let end = chunks.length;
  // A kept chunk at the end starts after a line terminator both texts share, so it still starts a line.
  while (end - 1 > first && chunks[end - 1].startOffset > previousLength - region.suffix) end--;
  return { first: Math.min(first, chunks.length - 1), end };
}

// Sessions the edit left alone keep a key: per-session caches (lint findings) find them under it even when a re-parse
// gave them a new index (a session added or removed above) or new lines (lines added or removed above).
const keys = new WeakMap<Session, object>();

/**
 * An object that stays the same for a session while edits leave its text alone, even when its index or its lines
 * change. What is cached under it must not depend on either, or must record the lines it was computed at.
 */
export function sessionKey(session: Session): object {
  let key = movedSessionKey(session) ?? keys.get(session);
  if (!key) {
    // A key of its own, not the session: a cache entry must not keep a whole old parse alive.
    key = {};
    keys.set(session, key);
  }
  return key;
}

/** `parse`, the same text as `previous` on other lines (moved lazily, or parsed again), is the same session for caches. */
export function sameSessionMoved(previous: ChunkParse, parse: ChunkParse): ChunkParse {
  if (previous.session && parse.session && !movedSessionKey(parse.session)) keys.set(parse.session, sessionKey(previous.session));
  return parse;
}

/**
 * `session` with only `exchanges` of its own kept (the others dropped), the same session for caches: what was kept
 * under its key is found under the copy's. For a reader that needs little of a session after a first pass (lintText).
 */
export function sessionWithExchanges(session: Session, exchanges: Exchange[]): Session {
  const copy = withParts(session, { exchanges });
  keys.set(copy, sessionKey(session));
  return copy;
}

export function withSessionIndex(parse: ChunkParse, index: number): ChunkParse {
  const session = parse.session;
  if (!session || session.index === index) return parse;
  const lazy = renumberedLazily(parse, index);
  // A lazily moved session carries its key.
  if (lazy) return lazy;
  const copy: Session = { ...session, index };
  keys.set(copy, sessionKey(session));
  copyCheckpoints(session, copy);
  return { ...parse, session: copy };
}
