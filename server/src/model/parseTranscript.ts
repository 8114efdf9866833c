// Text -> Transcript. Never throws: whatever the file can't mean becomes a diagnostic (a file that is no text, one).
// Built for editing: given the previous parse of the same document, only the text between the first and the last
// change is split and parsed again; the sessions around it are kept. The result is the same as a parse from scratch.
import { editedBareCrLines, linesEndingInBareCr } from './bareCrLines';
import { binaryTranscript, looksBinary, startsWithByteOrderMark } from './binaryText';
import { editedRegion, type EditedRegion } from './editedRegion';
import { touchedLines } from './editedLines';
import { keepLinesCurrent, movedChunk } from './movedSession';
import type { ChunkParse } from './parseChunk';
import { parseChunkWithCheckpoints, reparsesInPlace } from './sessionCheckpoints';
import { reparsedSession } from './sessionReparse';
import { reparsedContent } from './contentEdit';
import { replacedItems } from './replacedItems';
import { carryReplacementLines } from './replacementLines';
import { splitLines } from './ranges';
import { chunkSpans, sameSessionMoved, sessionKey, touchedChunks, withSessionIndex, type ChunkSpan, type ParsedChunk } from './transcriptChunks';
import type { Transcript } from './types';

interface ParseState {
  text: string;
  chunks: ParsedChunk[];
  /** The lines ending in a bare CR; undefined when the text holds no CR. */
  bareCrLines: ReadonlySet<number> | undefined;
}

const states = new WeakMap<Transcript, ParseState>();

/**
 * Parses `text`. `previous`, a transcript this function returned for an earlier version of the same document, lets
 * it keep the lines and the parse of every session the edit left alone.
 */
export function parseTranscript(text: string, previous?: Transcript): Transcript {
  // An editor's text may start with a byte order mark: parsed without it, and noted (the editor's positions count it).
  const marked = startsWithByteOrderMark(text);
  const body = marked ? text.slice(1) : text;
  if (looksBinary(body)) return binaryTranscript(text);
  const prior = previous && states.get(previous);
  // A mark added or removed moves every position on line 1: the text is parsed again.
  const transcript =
    prior && (previous!.byteOrderMark === true) === marked
      ? prior.text === body
        ? previous!
        : reparse(body, previous!, prior)
      : fromScratch(body);
  if (marked) transcript.byteOrderMark = true;
  return transcript;
}

function fromScratch(text: string): Transcript {
  const lines = splitLines(text);
  return build(text, lines, linesEndingInBareCr(text, lines), chunkSpans(text, lines), (_, parse) => parse());
}

function reparse(text: string, previous: Transcript, prior: ParseState): Transcript {
  const old = prior.chunks;
  const region = editedRegion(prior.text, text);
  const { first, end } = touchedChunks(old, prior.text.length, region);
  // Only a long session is worth more than re-parsing its chunk from a copy of its text.
  const session = end === first + 1 ? old[first].parse.session : undefined;
  if (session && reparsesInPlace(session)) {
    const inside = reparseInsideChunk(text, previous, prior, first, region);
    if (inside) return inside;
  }
  const growth = text.length - prior.text.length;
  const windowStart = old[first].startOffset;
  const windowEnd = end < old.length ? old[end].startOffset + growth : text.length;
  // Split a copy: lines sliced from `text` itself would keep the whole document alive as long as any of them is.
  const windowText = copyOf(text.slice(windowStart, windowEnd));
  const windowLines = splitLines(windowText);
  // The window ends with the line break before a kept `###` line: that is no line of its own.
  if (end < old.length) windowLines.pop();
  const firstLine = old[first].startLine;
  const keptFrom = end < old.length ? old[end].startLine : previous.lines.length;
  const lineShift = firstLine + windowLines.length - keptFrom;
  const lines = replacedItems(previous.lines, firstLine, keptFrom, windowLines);

  // The window begins with the head or a `###` line: a chunk of its own, so the window's leading empty head goes.
  const windowSpans = chunkSpans(windowText, windowLines, firstLine, windowStart).slice(first === 0 ? 0 : 1);
  // The chunks below keep their parse (build keeps such a chunk as it is when the parse stays the same).
  const spans: ChunkSpan[] = old.slice(0, first);
  for (const span of windowSpans) spans.push(span);
  for (let i = end; i < old.length; i++) {
    const chunk = old[i];
    spans.push(shiftedChunk(chunk, lineShift, growth));
  }
  const keptAfter = spans.length - (old.length - end);
  const previousOf = (i: number) => (i < first ? old[i].parse : i >= keptAfter ? old[i - keptAfter + end].parse : undefined);
  // Outside the window the text is the previous one: a CR there was there before.
  const bareCrLines = editedBareCrLines(prior.bareCrLines, text, lines, { startLine: firstLine, oldEnd: keptFrom, newEnd: firstLine + windowLines.length }, windowStart, windowText.includes('\r'));
  const transcript = build(text, lines, bareCrLines, spans, (i, parse) => {
    const before = previousOf(i);
    if (!before) return parse();
    if (i < first || lineShift === 0) return before;
    // A moved session's ranges name its lines: shifted lazily, or parsed again when a parse problem names a line.
    return sameSessionMoved(before, movedChunk(before, keyOf(before), lineShift, spans[i], lines, bareCrLines) ?? parse());
  });
  carryReplacementLines(previous, transcript, { startLine: firstLine, oldEnd: keptFrom, newEnd: firstLine + windowLines.length });
  return transcript;
}

/**
 * An edit inside one chunk that leaves its `###` lines alone: only the touched lines are split again, and a long
 * session is parsed again from its checkpoint above the edit (sessionReparse.ts). Undefined when that does not apply.
 */
function reparseInsideChunk(text: string, previous: Transcript, prior: ParseState, index: number, region: EditedRegion): Transcript | undefined {
  const old = prior.chunks;
  const chunk = old[index];
  const touched = touchedLines(prior.text, previous.lines, chunk, region);
  if (touched.startLine === chunk.startLine && chunk.parse.session?.separator) return undefined;
  const growth = text.length - prior.text.length;
  const windowEnd = touched.endOffset + growth;
  const windowText = copyOf(text.slice(touched.startOffset, windowEnd));
  const windowLines = splitLines(windowText);
  // A line follows the touched ones: the window ends after its terminator, and what splitLines makes of that is the
  // following line, kept (even when it is the empty last line of a text ending in a line break).
  if (touched.lastLine + 1 < previous.lines.length) windowLines.pop();
  if (windowLines.some(isSeparator)) return undefined;
  for (let line = touched.startLine; line <= touched.lastLine; line++) if (isSeparator(previous.lines[line])) return undefined;
  const replaced = touched.lastLine + 1 - touched.startLine;
  const lineShift = windowLines.length - replaced;
  const lines = replacedItems(previous.lines, touched.startLine, touched.lastLine + 1, windowLines);
  const edit = { startLine: touched.startLine, oldEnd: touched.lastLine + 1, newEnd: touched.startLine + windowLines.length };
  const bareCrLines = editedBareCrLines(prior.bareCrLines, text, lines, edit, touched.startOffset, windowText.includes('\r'));
  const spans = old.map((chunk, i): ChunkSpan => {
    if (i < index) return chunk;
    if (i === index) return { startLine: chunk.startLine, endLine: chunk.endLine + lineShift, startOffset: chunk.startOffset, endOffset: chunk.endOffset + growth };
    return shiftedChunk(chunk, lineShift, growth);
  });
  let sessionIndex = 0;
  for (let i = 0; i < index; i++) if (old[i].parse.session) sessionIndex++;
  // Inside one message's content only, the other parts are kept; else the session is parsed from a checkpoint.
  const edited =
    reparsedContent(chunk.parse, spans[index], lines, bareCrLines, edit, sessionIndex) ??
    reparsedSession(chunk.parse, spans[index], lines, bareCrLines, edit, sessionIndex);
  if (!edited) return undefined;
  const transcript = build(text, lines, bareCrLines, spans, (i, parse) => {
    if (i < index) return old[i].parse;
    if (i === index) return edited;
    const before = old[i].parse;
    if (lineShift === 0) return before;
    return sameSessionMoved(before, movedChunk(before, keyOf(before), lineShift, spans[i], lines, bareCrLines) ?? parse());
  });
  carryReplacementLines(previous, transcript, edit);
  return transcript;
}

/** The cache key of a chunk's session (any object for a chunk with none: no cache reads it). */
function keyOf(parse: ChunkParse): object {
  return parse.session ? sessionKey(parse.session) : NO_SESSION;
}
const NO_SESSION = {};

/** `chunk`, `lineShift` lines and `growth` characters further on, with the parse it had. */
function shiftedChunk(chunk: ParsedChunk, lineShift: number, growth: number): ParsedChunk {
  return { startLine: chunk.startLine + lineShift, endLine: chunk.endLine + lineShift, startOffset: chunk.startOffset + growth, endOffset: chunk.endOffset + growth, parse: chunk.parse };
}

function isSeparator(line: string): boolean {
  return line.charCodeAt(0) === 0x23 && line.charCodeAt(1) === 0x23 && line.charCodeAt(2) === 0x23;
}

/**
 * Parses each chunk, or keeps a previous parse of it: `chunk(i, parse)` returns the parse for chunk `i`, calling
 * `parse()` (before it returns) when it has none to keep. A kept session is renumbered if sessions above were added or removed.
 */
function build(
  text: string,
  lines: string[],
  bareCrLines: ReadonlySet<number> | undefined,
  spans: ChunkSpan[],
  chunk: (index: number, parse: () => ChunkParse) => ChunkParse,
): Transcript {
  const chunks: ParsedChunk[] = new Array(spans.length);
  let sessionIndex = 0;
  let span = spans[0];
  // One function for every chunk (called at once, for the chunk at hand), not a closure made per chunk per edit.
  const parseSpan = () => parseChunkWithCheckpoints(lines, span.startLine, span.endLine, sessionIndex, bareCrLines);
  for (let i = 0; i < spans.length; i++) {
    span = spans[i];
    const parse = withSessionIndex(chunk(i, parseSpan), sessionIndex);
    keepLinesCurrent(parse, lines, bareCrLines);
    if (parse.session) sessionIndex++;
    // A chunk of the previous parse (or one shifted from it) that keeps its parse is kept as it is.
    chunks[i] = (span as Partial<ParsedChunk>).parse === parse ? (span as ParsedChunk) : { startLine: span.startLine, endLine: span.endLine, startOffset: span.startOffset, endOffset: span.endOffset, parse };
  }
  const transcript = assemble(lines, chunks);
  states.set(transcript, { text, chunks, bareCrLines });
  return transcript;
}

/** Chunks cover increasing, disjoint line ranges: concatenating their parts keeps document order. */
function assemble(lines: string[], chunks: ParsedChunk[]): Transcript {
  const transcript: Transcript = { lines, directives: chunks[0].parse.directives, sessions: [], comments: [], diagnostics: [] };
  for (const { parse } of chunks) {
    if (parse.session) transcript.sessions.push(parse.session);
    for (const comment of parse.comments) transcript.comments.push(comment);
    for (const diagnostic of parse.diagnostics) transcript.diagnostics.push(diagnostic);
  }
  return transcript;
}

/** A string of its own (V8 keeps a slice pointing into the string it was cut from). */
function copyOf(slice: string): string {
  return (' ' + slice).slice(1);
}
