// A parse of lines that moved (lines added or removed above them), made from the previous parse of the same text:
// every object that names a line copied with the line `by` further down, the rest shared. Cheaper than parsing the
// text again, and the same model a parse at the new place gives (sessionReparse.ts keeps a long session's exchanges
// below an edit so; its unit test compares with a parse from scratch).
import { isInclude } from './contentParts';
import { shiftedRange } from './ranges';
import type { BdatExchange, ClientLine, Command, Comment, ContentPart, Exchange, Include, MessageExchange, ParseDiagnostic, Payload, ReplyExpectation, ReplyLine, VariableReference } from './types';

/** A shifted copy's original, and how many lines further down the copy stands. */
export interface MovedExchange {
  readonly from: Exchange;
  readonly by: number;
  /** The original's stretch's in-place edits when it was copied (`inPlaceEdits`). */
  readonly fromEdits: number;
}

// Noted for the exchanges a long session's stretches start at (the parser's checkpoints): a feature that kept its work
// for a stretch under its first exchange finds it again under the copy, and moves it along. Each copy names one
// original, kept only until then: the exchange it was copied from (a lazy tail's copies are made from the version
// whose exchanges the tail holds, lazyTail.ts), or the first original of a chain of copies nothing asked about (the
// editor asks for tokens when typing pauses), so no parse between lives on for it.
const originals = new WeakMap<Exchange, MovedExchange>();

/**
 * Where `exchange` was copied from, when it is a shifted copy that starts a stretch below an edit; told once (the
 * feature asking keeps its work under the copy from then on).
 */
export function takeMovedFrom(exchange: Exchange): MovedExchange | undefined {
  const moved = originals.get(exchange);
  if (moved) originals.delete(exchange);
  return moved;
}

// An edit inside a message of a stretch, parsed in place (contentEdit.ts), keeps the stretch's first exchange: the
// same object then starts a stretch of other content. Counted per first exchange, so that work kept under it, or a
// moved copy's note, can say which content it was for.
const inPlaceEdited = new WeakMap<Exchange, number>();

/** The stretch that `first` starts was edited in place once more. */
export function noteEditedInPlace(first: Exchange): void {
  inPlaceEdited.set(first, (inPlaceEdited.get(first) ?? 0) + 1);
}

/** How many times the stretch that `first` starts was edited in place (0 for one never edited so). */
export function inPlaceEdits(first: Exchange): number {
  return inPlaceEdited.get(first) ?? 0;
}

export function noteMoved(copy: Exchange, from: Exchange, by: number): void {
  const earlier = originals.get(from);
  // Each copy names one original: a chain of copies would otherwise keep every version alive.
  originals.delete(from);
  // A copy of a copy nothing asked about yet (two lines typed before the editor asks for tokens) names the first
  // original, moved by both edits, unless the copy between was edited in place (then the original's work is stale).
  if (earlier && inPlaceEdits(from) === 0) originals.set(copy, { from: earlier.from, by: earlier.by + by, fromEdits: earlier.fromEdits });
  else originals.set(copy, { from, by, fromEdits: inPlaceEdits(from) });
}

/** `exchange` `by` lines further down, in a pipelined group numbered `groups` higher (the groups above it changed). */
export function shiftedExchange(exchange: Exchange, by: number, groups = 0): Exchange {
  const copy = shiftedCopy(exchange, by, exchange.pipelineGroup + groups);
  // Set after the literal, as the parser does, on the rare exchange the server closes the connection instead of answering.
  if (exchange.answeredByClose) copy.answeredByClose = true;
  if (exchange.recipientReplies) copy.recipientReplies = shiftedReplies(exchange.recipientReplies, by);
  return copy;
}

function shiftedReplies(replies: readonly ReplyExpectation[], by: number): ReplyExpectation[] {
  return replies.map((reply) => shiftedReply(reply, by));
}

function shiftedCopy(exchange: Exchange, by: number, pipelineGroup: number): Exchange {
  const reply = exchange.reply && shiftedReply(exchange.reply, by);
  // Each kind as literals naming every field in the order the parser sets them, `reply` (and a message's `terminator`)
  // among them even when undefined, as the parser makes them. A field added after the literal costs each copy one more
  // object, and a spread copy of an object the parser grew field by field took longer than a parse.
  switch (exchange.kind) {
    case 'greeting':
      return { kind: 'greeting', reply, pipelineGroup };
    case 'command':
      return { kind: 'command', command: shiftedCommand(exchange.command, by), pipelineGroup, reply };
    case 'auth-response':
      return { kind: 'auth-response', line: shiftedClientLine(exchange.line, by), pipelineGroup, reply };
    case 'client-close':
      return { kind: 'client-close', line: shiftedClientLine(exchange.line, by), pipelineGroup, reply };
    case 'message': {
      const parts = shiftedContent(exchange.parts, by);
      const terminator = exchange.terminator && shiftedClientLine(exchange.terminator, by);
      const message: MessageExchange = { kind: 'message', parts, pipelineGroup, terminator, reply };
      // Set after the literal, as the parser does, on the rare message with no content line and no `.` line and the
      // rare content the client or the server dropped the connection in.
      if (exchange.opening) message.opening = shiftedRange(exchange.opening, by);
      if (exchange.cutByClient) message.cutByClient = true;
      if (exchange.closedByServer) message.closedByServer = true;
      return message;
    }
    case 'bdat': {
      const { declaredSize, last, chunkOctets, endsMidLine } = exchange;
      const command = shiftedCommand(exchange.command, by);
      const parts = shiftedContent(exchange.parts, by);
      const chunk: BdatExchange = { kind: 'bdat', command, declaredSize, last, parts, chunkOctets, endsMidLine, pipelineGroup, reply };
      if (exchange.cutByClient) chunk.cutByClient = true;
      if (exchange.closedByServer) chunk.closedByServer = true;
      return chunk;
    }
  }
}

/** `exchange` with its reply `by` lines further down, its own lines where they were (a command answered below content). */
export function withMovedReply(exchange: Exchange, by: number): Exchange {
  const moved = { ...exchange, reply: exchange.reply && shiftedReply(exchange.reply, by) };
  if (exchange.recipientReplies) moved.recipientReplies = shiftedReplies(exchange.recipientReplies, by);
  return moved;
}

function shiftedCommand(command: Command, by: number): Command {
  return { line: shiftedClientLine(command.line, by), verb: command.verb, verbText: command.verbText, verbStart: command.verbStart, argument: command.argument };
}

export function shiftedContent(parts: readonly ContentPart[], by: number): ContentPart[] {
  const moved: ContentPart[] = new Array(parts.length);
  for (let i = 0; i < parts.length; i++) moved[i] = shiftedPart(parts[i], by);
  return moved;
}

export function shiftedComment(comment: Comment, by: number): Comment {
  return { ...comment, line: comment.line + by, range: shiftedRange(comment.range, by) };
}

export function shiftedDiagnostic(diagnostic: ParseDiagnostic, by: number): ParseDiagnostic {
  return { ...diagnostic, range: shiftedRange(diagnostic.range, by) };
}

/** Server markers above a reply (`S: <delay 1s>`) are not shifted here: a session holding any is parsed again. */
function shiftedReply(reply: ReplyExpectation, by: number): ReplyExpectation {
  const lines: ReplyLine[] = new Array(reply.lines.length);
  for (let i = 0; i < lines.length; i++) lines[i] = shiftedReplyLine(reply.lines[i], by);
  const moved: ReplyExpectation = { lines, code: reply.code, enhancedCode: reply.enhancedCode, unterminated: reply.unterminated };
  if (reply.markers) moved.markers = reply.markers;
  return moved;
}

function shiftedReplyLine(line: ReplyLine, by: number): ReplyLine {
  const { code, separator, enhancedCode, text, isEllipsis } = line;
  return { line: line.line + by, payload: shiftedPayload(line.payload, by), code, separator, enhancedCode, text, isEllipsis };
}

export function shiftedPart(part: ContentPart, by: number): ContentPart {
  return isInclude(part) ? shiftedInclude(part, by) : shiftedClientLine(part, by);
}

function shiftedInclude(include: Include, by: number): Include {
  const mime = include.mime && {
    ...include.mime,
    modeRange: shiftedRange(include.mime.modeRange, by),
    ...(include.mime.contentTypeRange ? { contentTypeRange: shiftedRange(include.mime.contentTypeRange, by) } : {}),
  };
  return { ...include, line: include.line + by, range: shiftedRange(include.range, by), path: shiftedPayload(include.path, by), ...(mime ? { mime } : {}) };
}

/** A `C:` line is its payload (types.ts): one copy. */
function shiftedClientLine(line: ClientLine, by: number): ClientLine {
  return shiftedPayload(line, by);
}

function shiftedPayload(payload: Payload, by: number): Payload {
  const variables = payload.variables.length === 0 ? payload.variables : payload.variables.map((v) => shiftedVariable(v, by));
  return { text: payload.text, line: payload.line + by, character: payload.character, variables };
}

export function shiftedVariable(reference: VariableReference, by: number): VariableReference {
  const nested = reference.nested.length === 0 ? reference.nested : reference.nested.map((v) => shiftedVariable(v, by));
  return { ...reference, range: shiftedRange(reference.range, by), nameRange: shiftedRange(reference.nameRange, by), nested };
}
