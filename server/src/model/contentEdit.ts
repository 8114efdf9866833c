// An edit that only changes lines inside one DATA message's content, or inside a BDAT chunk that runs to the next
// reply (a letter typed in a 100k-line attachment): the touched lines are parsed again as content, and the other parts
// are kept, the same objects above the edit (and below it when no line was added or removed), shifted copies below it
// otherwise. The session is not parsed again: nothing a content line holds changes how the lines around it read (RFC
// 5321 §4.1.1.4: only the `.` line ends DATA content; RFC 3030 §2: a `BDAT *` chunk is what is written up to the
// reply). The result is what a parse from scratch gives (contentEdit.test.ts and sessionCheckpoints.test.ts compare
// them after random edits).
// The new exchange notes which parts it kept (contentLineage.ts), so a feature can keep its work for those too.
import { isEndOfData } from '../dialogue/framing';
import { isInclude } from './contentParts';
import { isDataCommand } from './dialogueEvents';
import { exchangeStartLine } from './exchangeRange';
import { parseChunk, type ChunkParse, type ContentWindow } from './parseChunk';
import { replacedItems } from './replacedItems';
import { firstFromLine } from './byLine';
import { checkpointsOf, keepCheckpoints } from './sessionCheckpoints';
import { shiftable, type EditedLines } from './sessionReparse';
import { noteEditedInPlace, noteMoved, shiftedComment, shiftedDiagnostic, shiftedExchange, shiftedPart, withMovedReply } from './shiftedParse';
import { noteEditedSession } from './sessionLineage';
import { exchangeCount, headExchanges, lazyTailOf, movedOn, tailStartLine, withLazyTail, withParts, type TailSource } from './lazyTail';
import { starChunkOctets } from './transcriptChunk';
import type { BdatExchange, ClientLine, ContentPart, Exchange, Include, MessageExchange, ParseDiagnostic, Range, Session } from './types';
import { noteEditedContent, type ContentExchange } from './contentLineage';

const MOVED_NOTED = 64;

/** The content lines of an edit, read as the content would read them; `broken` when one is no content. */
class ContentLines implements ContentWindow {
  readonly parts: ContentPart[] = [];
  broken = false;

  /** `endsAtDot`: DATA content, which a `.` line ends; a `BDAT *` chunk holds one. */
  constructor(private readonly endsAtDot: boolean) {}

  addClientLine(line: ClientLine): void {
    if (this.endsAtDot && isEndOfData(line.text)) this.broken = true;
    else this.parts.push(line);
  }

  addServerLine(): void {
    this.broken = true;
  }

  addInclude(include: Include): void {
    this.parts.push(include);
  }

  addOther(): void {
    this.broken = true;
  }
}

/**
 * The parse of the chunk `previous` was the parse of, after an edit of lines inside one DATA message's content or one
 * `BDAT *` chunk only; undefined when the edit touches anything else (or a line of the edit ends the content, or one
 * ends in a bare CR).
 */
export function reparsedContent(
  previous: ChunkParse,
  chunk: { startLine: number; endLine: number },
  lines: readonly string[],
  bareCrLines: ReadonlySet<number> | undefined,
  edit: EditedLines,
  sessionIndex: number,
): ChunkParse | undefined {
  const session = previous.session;
  if (!session || session.index !== sessionIndex || session.closingNotice || nearBareCr(bareCrLines, edit)) return undefined;
  const shift = edit.newEnd - edit.oldEnd;
  if (shift !== 0 && !shiftable(previous, edit.oldEnd, chunk.endLine - shift)) return undefined;
  // The exchanges that exist as objects: a lazy tail (lazyTail.ts) is read whole only when the edit or the exchanges
  // noted below it reach into it.
  let known = headExchanges(session);
  let lazy = lazyTailOf(session);
  let at = contentAround(known, edit);
  if (lazy && (edit.oldEnd > tailStartLine(session)! || (at >= 0 && at + 1 + MOVED_NOTED > known.length))) {
    known = session.exchanges;
    lazy = undefined;
    at = contentAround(known, edit);
  }
  const count = lazy ? exchangeCount(session) : known.length;
  // A directive or a server marker (`S: <delay 1s>`) on an edited line is the session's, which is not parsed again.
  const edited = (line: number) => line >= edit.startLine && line < edit.oldEnd;
  if (at < 0 || session.directives.some((d) => edited(d.range.start.line)) || session.serverMarkers?.some((m) => edited(m.line))) return undefined;
  // A chunk with no reply may end the session on an edited line, whose end the session's range names.
  if (session.range.end.line < edit.oldEnd) return undefined;
  const content = known[at] as ContentExchange;
  const isData = content.kind === 'message';
  if (shift !== 0 && isData && !answeredAbove(known, at, edit.startLine)) return undefined;
  if (straddles(previous.diagnostics, edit)) return undefined;
  const parts = content.parts;
  const first = firstFromLine(parts, edit.startLine, (part) => part.line);
  let removedEnd = first;
  while (removedEnd < parts.length && parts[removedEnd].line < edit.oldEnd) removedEnd++;

  const window = new ContentLines(isData);
  const part = parseChunk(lines, edit.startLine, edit.newEnd, sessionIndex, bareCrLines, { nextOffer: Infinity, content: window, offer: () => false });
  if (window.broken) return undefined;
  // The content's first line edited: it must stay the first line, a `C:` line, for the content to open where it did.
  if (first === 0 && !(startsAt(parts[0], edit.startLine) && startsAt(window.parts[0], edit.startLine))) return undefined;

  let newParts: ContentPart[];
  if (shift === 0) newParts = replacedItems(parts, first, removedEnd, window.parts);
  else {
    newParts = parts.slice(0, first);
    for (const added of window.parts) newParts.push(added);
    for (let i = removedEnd; i < parts.length; i++) newParts.push(shiftedPart(parts[i], shift));
  }
  const newContent = isData ? editedMessage(content, newParts, shift) : editedChunk(content, newParts, first, removedEnd, window.parts, shift);

  // Commands pipelined with BDAT are answered below its chunk (RFC 2920 §3.1): their replies move with the lines.
  const exchanges = known.slice(0, at);
  const movedFrom: WeakRef<Exchange>[] = [];
  const movedTo: Exchange[] = [];
  // The first exchange made anew for the lineage: the content, or a command answered below it.
  let firstNew = at;
  if (!isData && shift !== 0) {
    for (let i = 0; i < at; i++) {
      const exchange = exchanges[i];
      if (!exchange.reply || exchange.reply.lines[0].line <= edit.startLine) continue;
      exchanges[i] = withMovedReply(exchange, shift);
      movedFrom.push(new WeakRef(exchange));
      movedTo.push(exchanges[i]);
      firstNew = Math.min(firstNew, i);
    }
  }
  exchanges.push(newContent);
  // Below the content: the exchanges up to where a stretch starts past the noted ones, moved; the rest a lazy tail.
  const tail = lazyTailBelow(session, known, lazy?.source, at, shift);
  const boundary = tail?.boundary ?? count;
  for (let i = at + 1; i < boundary; i++) exchanges.push(shift === 0 ? known[i] : shiftedExchange(known[i], shift));
  const noted = Math.min(count, at + 1 + MOVED_NOTED);
  const movedBelow = shift === 0 ? undefined : { from: known.slice(at + 1, noted).map((e) => new WeakRef(e)), to: exchanges.slice(at + 1, noted) };
  noteEditedContent(content, newContent, {
    start: first,
    removed: removedEnd - first,
    inserted: window.parts.length,
    shift,
    ...(movedBelow ? { movedBelow } : {}),
    ...(movedTo.length > 0 ? { movedAbove: { from: movedFrom, to: movedTo } } : {}),
  });
  const end = session.range.end;
  const range = shift === 0 ? session.range : { start: session.range.start, end: { line: end.line + shift, character: end.character } };
  const plain = withParts(session, { range, exchanges });
  const rebuilt = tail ? withLazyTail(plain, exchanges, tail.source, stretchStartsFrom(session, tail.boundary, count)) : plain;
  const comments = spliced(previous.comments, part.comments, edit, (c) => c.line, shiftedComment);
  const diagnostics = spliced(previous.diagnostics, part.diagnostics, edit, (d) => d.range.start.line, shiftedDiagnostic);
  const grown = { diagnostics: diagnostics.length - previous.diagnostics.length, comments: comments.length - previous.comments.length };
  keepMovedCheckpoints(session, rebuilt, { known, exchanges, boundary }, edit, grown, chunk.endLine - chunk.startLine);
  noteEditedSession(rebuilt, session, firstNew, at + 1 - firstNew, at + 1);
  // The session's part from the last checkpoint above the edit (or its start) keeps its first exchange, which then
  // starts other content: work kept under it, or a note that it is a moved copy, was for the content before.
  const holding = checkpointsOf(session)?.findLast((c) => c.line <= edit.startLine)?.exchanges ?? 0;
  noteEditedInPlace(known[holding]);
  return { session: rebuilt, directives: previous.directives, comments, diagnostics };
}

/**
 * A line of the edit, or the one above it, ends in a bare CR: the problem parseChunk reports there spans two lines,
 * the edit's first and the one above. (A CRLF file's set is empty.)
 */
function nearBareCr(bareCrLines: ReadonlySet<number> | undefined, edit: EditedLines): boolean {
  if (!bareCrLines || bareCrLines.size === 0) return false;
  for (let line = edit.startLine - 1; line < edit.newEnd; line++) if (bareCrLines.has(line)) return true;
  return false;
}

/** The message with its parts `parts`, moved `shift` lines below them (its `.` line and reply). */
function editedMessage(message: MessageExchange, parts: ContentPart[], shift: number): MessageExchange {
  const moved = shift === 0 ? message : (shiftedExchange({ ...message, parts: [] }, shift) as MessageExchange);
  return { ...moved, parts };
}

/** The chunk with its parts `parts` (`inserted` in place of the previous `[first, removedEnd)`), its reply moved `shift` lines. */
function editedChunk(chunk: BdatExchange, parts: ContentPart[], first: number, removedEnd: number, inserted: readonly ContentPart[], shift: number): BdatExchange {
  const moved = shift === 0 ? chunk : (withMovedReply(chunk, shift) as BdatExchange);
  const chunkOctets = chunk.chunkOctets - starChunkOctets(chunk.parts, first, removedEnd) + starChunkOctets(inserted, 0, inserted.length);
  return { ...moved, parts, chunkOctets };
}

/**
 * The index of the DATA message whose content holds the edited lines, with its `.` line below them, or of the `BDAT *`
 * chunk whose lines do; -1 if none.
 */
function contentAround(exchanges: readonly Exchange[], edit: EditedLines): number {
  // Exchanges start in line order: the last one starting at or above the edit.
  let low = 0;
  let high = exchanges.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (exchangeStartLine(exchanges[middle]) <= edit.startLine) low = middle;
    else high = middle - 1;
  }
  const exchange = exchanges[low];
  if (!exchange || (exchange.kind !== 'message' && exchange.kind !== 'bdat') || exchange.parts.length === 0 || exchange.parts[0].line > edit.startLine) return -1;
  if (exchange.kind === 'message') return exchange.terminator && exchange.terminator.line >= edit.oldEnd ? low : -1;
  // A counted chunk ends where its octets do, and an edit changes them (RFC 3030 §2): only a chunk that runs to the
  // next reply (`BDAT *`, or a size it cannot read) is edited in place, inside its first and last lines.
  return typeof exchange.declaredSize !== 'number' && exchange.parts[exchange.parts.length - 1].line >= edit.oldEnd - 1 ? low : -1;
}

/**
 * Every exchange before the message was answered above the edit: the DATA before it has its reply (the 354) there,
 * and replies pair with commands in order (RFC 2920 §3.1). Without a 354 above the content, commands written before
 * it may be answered below it (the 354 among them), by lines that an edit adding or removing lines moves, and only
 * the exchanges after the message are moved for it.
 */
function answeredAbove(exchanges: readonly Exchange[], at: number, line: number): boolean {
  const data = exchanges[at - 1];
  const reply = isDataCommand(data) ? data.reply : undefined;
  return reply !== undefined && reply.lines[reply.lines.length - 1].line < line;
}

function startsAt(part: ContentPart | undefined, line: number): boolean {
  return part !== undefined && !isInclude(part) && part.line === line;
}

/** A parse problem reaching from the edited lines to the others, or across them: kept or dropped, it would be wrong. */
function straddles(diagnostics: readonly ParseDiagnostic[], edit: EditedLines): boolean {
  return diagnostics.some(({ range }: { range: Range }) =>
    range.start.line < edit.oldEnd && range.end.line >= edit.startLine && (range.start.line < edit.startLine || range.end.line >= edit.oldEnd),
  );
}

/** `kept` (sorted by line) with the items on the edited lines replaced by `added`, the ones below moved `shift` lines. */
function spliced<T>(kept: readonly T[], added: readonly T[], edit: EditedLines, lineOf: (item: T) => number, moved: (item: T, by: number) => T): T[] {
  const result: T[] = [];
  let i = 0;
  for (; i < kept.length && lineOf(kept[i]) < edit.startLine; i++) result.push(kept[i]);
  for (const item of added) result.push(item);
  for (; i < kept.length && lineOf(kept[i]) < edit.oldEnd; i++);
  const shift = edit.newEnd - edit.oldEnd;
  for (; i < kept.length; i++) result.push(shift === 0 ? kept[i] : moved(kept[i], shift));
  return result;
}

/**
 * The session's checkpoints (none inside content) for the rebuilt one: below the edit, moved with their lines and
 * counting the parse problems and comments the edited lines gained or lost. `known` are the previous session's
 * exchanges that exist as objects and `exchanges` the rebuilt one's, made up to `boundary` (a lazy tail's copies note
 * their originals when they are made).
 */
function keepMovedCheckpoints(
  session: Session,
  rebuilt: Session,
  made: { known: readonly Exchange[]; exchanges: readonly Exchange[]; boundary: number },
  edit: EditedLines,
  grown: { diagnostics: number; comments: number },
  lines: number,
): void {
  const old = checkpointsOf(session) ?? [];
  const shift = edit.newEnd - edit.oldEnd;
  if (shift === 0 && grown.diagnostics === 0 && grown.comments === 0) return keepCheckpoints(rebuilt, old, lines);
  const moved = old.map((c) => {
    if (c.line < edit.oldEnd) return c;
    // Where a stretch below starts, its first exchange is a copy: a feature that kept work for the stretch finds it.
    if (shift !== 0 && c.exchanges < made.boundary) noteMoved(made.exchanges[c.exchanges], made.known[c.exchanges], shift);
    return { ...c, line: c.line + shift, diagnostics: c.diagnostics + grown.diagnostics, comments: c.comments + grown.comments };
  });
  keepCheckpoints(rebuilt, moved, lines);
}

/**
 * Where the exchanges below the content edited at `at` become a lazy tail, and where that tail's exchanges are: the
 * previous session's tail moved on, else from the first stretch start past the exchanges noted below the content
 * (shiftedParse.ts, contentLineage.ts); none when no line moved and there is no tail already, or no stretch starts
 * that far below.
 */
function lazyTailBelow(session: Session, known: readonly Exchange[], lazy: TailSource | undefined, at: number, shift: number): { boundary: number; source: TailSource } | undefined {
  if (lazy) return { boundary: known.length, source: movedOn(lazy, 0, shift) };
  if (shift === 0) return undefined;
  const start = checkpointsOf(session)?.find((c) => c.exchanges >= at + 1 + MOVED_NOTED && c.exchanges < known.length)?.exchanges;
  return start === undefined ? undefined : { boundary: start, source: { items: known, from: start, shift, groupShift: 0 } };
}

/** The indexes from `boundary` on where the session's stretches start. */
function stretchStartsFrom(session: Session, boundary: number, count: number): number[] {
  const starts: number[] = [];
  for (const c of checkpointsOf(session) ?? []) if (c.exchanges >= boundary && c.exchanges < count) starts.push(c.exchanges);
  return starts;
}
