// A long DATA message or `BDAT *` chunk that an edit elsewhere in its session left alone (a letter typed in the RCPT
// above a 100k-line attachment, or in the QUIT below it): while the session is parsed again around the edit
// (sessionReparse.ts), its content is taken from the previous parse, its lines moved when lines were added or removed
// above it, instead of being read again line by line. The same text from the same place reads the same (RFC 5321
// §4.1.1.4: only the `.` line ends DATA content; RFC 3030 §2: a `BDAT *` chunk runs to the reply), so the result is
// what a parse from scratch gives (contentEdit.test.ts compares). The new exchange notes that it came from the previous
// one (contentLineage.ts), so lint keeps what it found in its lines, and the tokens theirs.
import { isInclude } from './contentParts';
import { namesLineIn } from './movedSession';
import { noteReusedContent } from './contentLineage';
import type { ChunkParse, ChunkSegmenting } from './parseChunk';
import type { EditedLines } from './sessionReparse';
import { shiftedComment, shiftedContent, shiftedDiagnostic } from './shiftedParse';
import { itemsOnLines } from './byLine';
import type { Comment, Exchange, ParseDiagnostic } from './types';
import type { ContentExchange } from './contentLineage';

/** Shorter content is read again: cheap, and no lookup is kept for it. */
const REUSED_PARTS = 64;

/**
 * What `parseChunk` asks at the first line of DATA content while `previous` is parsed again after `edit`: the previous
 * parse's content that started there (moved `shift` lines when it was below the edit), when it lies wholly above or
 * below the edited lines; undefined when the session holds none worth taking. `exchanges` are the previous session's
 * that exist as objects (a lazy tail's content is read again if the parse reaches it).
 */
export function contentReuse(
  previous: ChunkParse,
  edit: EditedLines,
  bareCrLines: ReadonlySet<number> | undefined,
  exchanges: readonly Exchange[],
): ChunkSegmenting['reusedContent'] {
  const session = previous.session!;
  // A fault or the server's own close is rare in a long session, and so is a bare CR: such a session reads its
  // content again.
  if (session.expectsClose || session.fault || session.closingNotice || (bareCrLines?.size ?? 0) > 0) return undefined;
  const shift = edit.newEnd - edit.oldEnd;
  const byLine = new Map<number, ContentExchange>();
  for (const exchange of exchanges) {
    if (exchange.kind !== 'message' && exchange.kind !== 'bdat') continue;
    const end = takenUpTo(exchange);
    if (end === undefined) continue;
    const first = exchange.parts[0].line;
    if (endsAbove(exchange, edit.startLine)) byLine.set(first, exchange);
    else if (first >= edit.oldEnd) byLine.set(first + shift, exchange);
  }
  if (byLine.size === 0) return undefined;
  return (line, kind) => {
    const content = byLine.get(line);
    // A DATA command edited into BDAT above it (or back) reads the same lines as the other kind: read again.
    if (!content || content.kind !== kind) return undefined;
    const from = content.parts[0].line;
    const by = line - from;
    const end = takenUpTo(content)!;
    // A directive or a marker (`S: <delay 1s>`) among the content lines is the session's: read again with them.
    if (session.directives.some((d) => between(d.range.start.line, from, end)) || session.serverMarkers?.some((m) => between(m.line, from, end))) return undefined;
    const diagnostics = itemsOnLines(previous.diagnostics, from, end, (d) => d.range.start.line);
    if (diagnostics.some((d) => d.range.end.line >= end) || previous.diagnostics.some((d) => d.range.start.line < from && d.range.end.line >= from)) return undefined;
    // Moved, a problem whose message names a line below the edit would name the wrong one (as sessionReparse.ts checks).
    if (by !== 0 && diagnostics.some((d) => namesLineIn(d.message, edit.startLine, Infinity))) return undefined;
    const comments = itemsOnLines(previous.comments, from, end, (c) => c.line);
    return {
      parts: by === 0 ? content.parts.slice() : shiftedContent(content.parts, by),
      octets: content.kind === 'bdat' ? content.chunkOctets : 0,
      lastLine: end - 1 + by,
      comments: by === 0 ? comments : comments.map((c: Comment) => shiftedComment(c, by)),
      diagnostics: by === 0 ? diagnostics : diagnostics.map((d: ParseDiagnostic) => shiftedDiagnostic(d, by)),
      adopted: (now) => noteReusedContent(now, content, by),
    };
  };
}

const between = (line: number, from: number, end: number): boolean => line >= from && line < end;

/**
 * The content ended above `line`, so no line of the edit can add to it: a DATA message's `.` line stands above it, a
 * chunk's reply (the chunk ended at an `S:` line at or above that reply; RFC 3030 §2).
 */
function endsAbove(content: ContentExchange, line: number): boolean {
  if (content.kind === 'message') return content.terminator !== undefined && content.terminator.line < line;
  return content.reply !== undefined && content.reply.lines[0].line < line;
}

/**
 * The line before which a long content's lines are taken: a DATA message's `.` line, or the line after a `BDAT *`
 * chunk's last (what follows it is read again, up to the reply that ends it). Undefined for content not taken.
 */
function takenUpTo(content: ContentExchange): number | undefined {
  const parts = content.parts;
  if (parts.length < REUSED_PARTS || isInclude(parts[0])) return undefined;
  if (content.kind === 'message') return content.terminator?.line;
  return typeof content.declaredSize === 'number' ? undefined : parts[parts.length - 1].line + 1;
}
