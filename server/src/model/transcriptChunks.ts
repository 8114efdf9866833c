// Where a transcript's chunks start and end (a chunk is the head before the first `###` line, or one `###` line and
// what follows it up to the next), and which chunks of a previous parse an edited text can keep.
import type { ChunkParse } from './parseChunk';
import type { Session } from './types';

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

/** The chunks of `text`, split into `lines` already. The first (the head) is always there, possibly empty. */
export function chunkSpans(text: string, lines: readonly string[]): ChunkSpan[] {
  const spans: ChunkSpan[] = [];
  let startLine = 0;
  let startOffset = 0;
  let offset = 0;
  for (let line = 0; line < lines.length; line++) {
    const content = lines[line];
    // A line starting `###` is a session separator, whatever follows (docs/transcript-format.md, "Line kinds").
    if (content.charCodeAt(0) === HASH && content.charCodeAt(1) === HASH && content.charCodeAt(2) === HASH) {
      spans.push({ startLine, endLine: line, startOffset, endOffset: offset });
      startLine = line;
      startOffset = offset;
    }
    offset += content.length;
    const terminator = text.charCodeAt(offset);
    if (terminator === CR) offset += text.charCodeAt(offset + 1) === LF ? 2 : 1;
    else if (terminator === LF) offset += 1;
  }
  spans.push({ startLine, endLine: lines.length, startOffset, endOffset: text.length });
  return spans;
}

/**
 * For each new chunk, the previous chunk whose parse it can keep, or -1. Matching runs from both ends (an edit
 * touches one place): a chunk is kept when its text is unchanged and it starts on the same line; one that moved up or
 * down is parsed again, since every range and some messages in it name absolute lines.
 */
export function reusableChunks(text: string, spans: readonly ChunkSpan[], previousText: string, previous: readonly ChunkSpan[]): number[] {
  const same = (a: ChunkSpan, b: ChunkSpan): boolean =>
    a.startLine === b.startLine &&
    a.endOffset - a.startOffset === b.endOffset - b.startOffset &&
    text.slice(a.startOffset, a.endOffset) === previousText.slice(b.startOffset, b.endOffset);
  const reuse = new Array<number>(spans.length).fill(-1);
  const shared = Math.min(spans.length, previous.length);
  let prefix = 0;
  while (prefix < shared && same(spans[prefix], previous[prefix])) {
    reuse[prefix] = prefix;
    prefix++;
  }
  for (let fromEnd = 1; fromEnd <= shared - prefix; fromEnd++) {
    const index = spans.length - fromEnd;
    const previousIndex = previous.length - fromEnd;
    if (!same(spans[index], previous[previousIndex])) break;
    reuse[index] = previousIndex;
  }
  return reuse;
}

// A kept session whose index changed (a session was added or removed above it) is copied with the new index; the
// copy keeps the original's key, so per-session caches (lint findings) still find it.
const keys = new WeakMap<Session, object>();

/** An object that stays the same for a session while re-parses keep its parse, even when its index changes. */
export function sessionKey(session: Session): object {
  return keys.get(session) ?? session;
}

export function withSessionIndex(parse: ChunkParse, index: number): ChunkParse {
  const session = parse.session;
  if (!session || session.index === index) return parse;
  const copy: Session = { ...session, index };
  keys.set(copy, sessionKey(session));
  return { ...parse, session: copy };
}
