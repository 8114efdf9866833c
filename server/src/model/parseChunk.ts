// One chunk of a transcript -> its part of the model. A chunk is the text before the first `###` line (file-level
// directives, comments, maybe an unnamed first session) or one `###` line and the lines up to the next one. Chunks
// parse independently of each other, which is what lets an edit re-parse only the chunk it touched.
import { classifyLine, lineSide, payloadStartOf } from './classifyLine';
import { parseReplyLine } from './parseReplyLine';
import { keptRange } from './keptRanges';
import { SessionBuilder } from './sessionBuilder';
import { sharedSlice } from './sharedText';
import { makePayload } from './variableReferences';
import type { BdatExchange, ClientLine, Comment, ContentPart, Directive, Include, MessageExchange, ParseDiagnostic, ReplyLine, Session } from './types';

const DISABLE_NEXT_LINE = /^#\s*smtp-lint-disable-next-line\b(.*)$/;

export interface ChunkParse {
  /** The chunk's session: always for a `###` chunk; in the head only when it holds `C:`/`S:`/`<` lines. */
  session?: Session;
  /** File-level directives (the head chunk only). */
  directives: Directive[];
  comments: Comment[];
  /** Sorted by position. */
  diagnostics: ParseDiagnostic[];
}

/**
 * Where a long session can be parsed again from (model/sessionCheckpoints.ts): told of quiet points as the parse
 * passes them, it may stop the parse there; it may also start the parse at one, in the group the session had there.
 */
export interface ChunkSegmenting {
  /** A `C:` line at or after this line is offered as a checkpoint (when the session is quiet there). */
  nextOffer: number;
  /** Continue a session from a checkpoint, in this pipelined group. */
  resumeGroup?: number;
  /** The session spoke LMTP at that checkpoint (SessionBuilder.speaksLmtp). */
  resumeLmtp?: boolean;
  /** True stops the parse before `line`: the builder is left as it was there, unfinished. */
  offer(line: number, group: number, builder: SessionBuilder, diagnostics: number, comments: number): boolean;
  /** Set when the parse stopped. */
  stopped?: { line: number; builder: SessionBuilder };
  /** The lines are read inside a DATA message's content, into this window, not into a session (model/contentEdit.ts). */
  content?: ContentWindow;
  /**
   * Long content of the kind awaited (DATA content or a `BDAT *` chunk) the previous parse read from `line` on, the edit
   * elsewhere: taken whole (model/reusedContent.ts).
   */
  reusedContent?(line: number, kind: 'message' | 'bdat'): ReusedContent | undefined;
}

/** Content lines read before: their parts, with the comments and problems on their lines. */
export interface ReusedContent {
  parts: ContentPart[];
  /** A chunk's octets (`chunkOctets`); 0 for DATA content, which counts none. */
  octets: number;
  /** The last line taken: the parse reads on after it (a DATA message's `.` line, what follows a chunk). */
  lastLine: number;
  comments: readonly Comment[];
  diagnostics: readonly ParseDiagnostic[];
  /** Told the message or chunk that took them. */
  adopted(content: MessageExchange | BdatExchange): void;
}

/** Where the lines of a stretch of DATA content go when it is parsed again on its own (model/contentEdit.ts). */
export interface ContentWindow {
  addClientLine(line: ClientLine): void;
  addServerLine(line: ReplyLine): void;
  addInclude(include: Include): void;
  /** A directive or a `###` line: no content line. */
  addOther(): void;
}

/** Parses `lines[start, end)`; `sessionIndex` is the index its session gets in the file. */
export function parseChunk(
  lines: readonly string[],
  start: number,
  end: number,
  sessionIndex: number,
  bareCrLines?: ReadonlySet<number>,
  segmenting?: ChunkSegmenting,
): ChunkParse {
  const diagnostics: ParseDiagnostic[] = [];
  const directives: Directive[] = [];
  const comments: Comment[] = [];
  let builder: SessionBuilder | undefined;
  if (segmenting?.resumeGroup !== undefined) builder = SessionBuilder.resumedAt(sessionIndex, keptRange(start, 0, 0), diagnostics, segmenting.resumeGroup, segmenting.resumeLmtp === true);
  let nextOffer = segmenting ? segmenting.nextOffer : Infinity;
  const content = segmenting?.content;

  const startSession = (line: number, separator?: Session['separator'], name?: string): SessionBuilder => {
    // A session starts with its `###` line, whose range it shares, or with its first line.
    builder = new SessionBuilder(sessionIndex, separator?.range ?? keptRange(line, 0, lines[line].length), diagnostics, separator, name);
    return builder;
  };

  for (let line = start; line < end; line++) {
    const text = lines[line];
    // `C:` and `S:` lines are nearly all of a transcript: read straight away, with no classification object each.
    const side = lineSide(text);
    const awaited = side === 'client' && segmenting?.reusedContent ? builder?.awaitedContent() : undefined;
    const reused = awaited && segmenting!.reusedContent!(line, awaited);
    if (reused) {
      reused.adopted(builder!.adoptContent(reused.parts, reused.octets));
      for (const comment of reused.comments) comments.push(comment);
      for (const diagnostic of reused.diagnostics) diagnostics.push(diagnostic);
      line = reused.lastLine;
      continue;
    }
    if (side) {
      const payloadStart = payloadStartOf(text);
      // Short payloads repeat (`QUIT`, `250 2.1.5 Ok`): shared, a large file keeps one copy of each.
      const payload = sharedSlice(text, payloadStart, text.length);
      if (side === 'client' && line >= nextOffer && builder) {
        if (offerCheckpoint(segmenting!, builder, line, payload, diagnostics.length, comments.length)) {
          diagnostics.sort(byPosition);
          return { directives, comments, diagnostics };
        }
        nextOffer = segmenting!.nextOffer;
      }
      if (side === 'client') (content ?? builder ?? startSession(line)).addClientLine(makeClientLine(payload, payloadStart, line, diagnostics));
      else (content ?? builder ?? startSession(line)).addServerLine(parseReplyLine(payload, line, payloadStart, diagnostics));
      continue;
    }
    const classified = classifyLine(text, line);
    switch (classified.kind) {
      case 'blank':
        break;
      case 'comment':
        comments.push(makeComment(text, line));
        break;
      case 'separator': {
        if (content) {
          content.addOther();
          break;
        }
        const lineRange = keptRange(line, 0, text.length);
        const nameEnd = classified.nameStart + (classified.name?.length ?? 0);
        // The name usually ends the line: its range ends where the line's does.
        const nameRange = classified.name
          ? { start: { line, character: classified.nameStart }, end: nameEnd === text.length ? lineRange.end : { line, character: nameEnd } }
          : undefined;
        startSession(line, { line, range: lineRange, nameRange }, classified.name);
        break;
      }
      case 'directive': {
        const directive: Directive = {
          name: classified.name,
          nameRange: keptRange(line, 1, 1 + classified.name.length),
          value: makePayload(classified.value, line, classified.valueStart, diagnostics),
          range: keptRange(line, 0, text.length),
        };
        if (content) content.addOther();
        else if (builder) builder.addDirective(directive);
        else directives.push(directive);
        break;
      }
      case 'bad-directive':
        diagnostics.push({ range: classified.range, severity: 'error', code: 'directive-syntax', message: classified.message });
        break;
      case 'client':
      case 'server':
        break; // read above
      case 'include': {
        const include: Include = {
          line,
          range: keptRange(line, 0, text.length),
          path: makePayload(classified.path, line, classified.pathStart, diagnostics),
        };
        const mime = classified.mime;
        if (mime) {
          include.mime = { mode: mime.mode, modeRange: keptRange(line, mime.modeStart, mime.modeStart + mime.mode.length) };
          if (mime.contentType !== undefined) {
            include.mime.contentType = mime.contentType;
            include.mime.contentTypeRange = keptRange(line, mime.contentTypeStart!, mime.contentTypeStart! + mime.contentType.length);
          }
        }
        (content ?? builder ?? startSession(line)).addInclude(include);
        break;
      }
      case 'unknown':
        if (line > start && bareCrLines?.has(line - 1)) {
          diagnostics.push(bareCr(lines, line));
          break;
        }
        diagnostics.push({
          range: keptRange(line, 0, text.length),
          severity: 'error',
          code: 'unknown-line',
          message: classified.message,
        });
        break;
    }
  }
  // A content window is no whole session: nothing is finished.
  const session = content ? undefined : builder?.finish();
  diagnostics.sort(byPosition);
  return { session, directives, comments, diagnostics };
}

const byPosition = (a: ParseDiagnostic, b: ParseDiagnostic): number => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

/** Checkpoints are `C: MAIL` lines (a transaction starts) where the session is quiet. True: stop before `line`. */
function offerCheckpoint(segmenting: ChunkSegmenting, builder: SessionBuilder, line: number, payload: string, diagnostics: number, comments: number): boolean {
  if (!/^mail\b/i.test(payload)) return false;
  const group = builder.quietGroup();
  if (group === undefined || !segmenting.offer(line, group, builder, diagnostics, comments)) return false;
  segmenting.stopped = { line, builder };
  return true;
}

/**
 * RFC 5321 §2.3.8: CR and LF only travel together as CRLF. A bare CR inside a line ends the line for the editor (as
 * LSP splits lines), so the rest shows as a line of its own: one problem at the CR, not an unknown line after it.
 */
function bareCr(lines: readonly string[], line: number): ParseDiagnostic {
  return {
    range: { start: { line: line - 1, character: lines[line - 1].length }, end: { line, character: lines[line].length } },
    severity: 'error',
    code: 'bare-cr',
    message: 'A bare CR (a carriage return without a line feed) stands inside this line: the editor shows it as a line break, and SMTP forbids it in text (RFC 5321 §2.3.8). Remove it, or end the line with CRLF and write the rest on a `C:` line of its own.',
  };
}

/** The line is its payload, kept with where it starts; its ranges follow from that (lineRanges.ts). */
function makeClientLine(payload: string, payloadStart: number, line: number, problems: ParseDiagnostic[]): ClientLine {
  return makePayload(payload, line, payloadStart, problems);
}

function makeComment(text: string, line: number): Comment {
  const disable = DISABLE_NEXT_LINE.exec(text);
  const comment: Comment = { line, text, range: keptRange(line, 0, text.length) };
  if (disable) comment.disableNextLine = disable[1].split(/[\s,]+/).filter(Boolean);
  return comment;
}
