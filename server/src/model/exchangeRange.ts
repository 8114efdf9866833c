// An exchange's range, from its first sent line to its last expected reply line, follows from what the exchange holds:
// computed when a feature asks, not kept (as lineRanges.ts does for a line's ranges). Kept, it was three objects per
// exchange (a range and its two positions) that every parse made, and every shifted copy of a long session
// (shiftedParse.ts) made again; most features need only the line an exchange starts on.
import { isInclude } from './contentParts';
import { payloadEndPosition, replyEndPosition } from './lineRanges';
import type { ContentPart, Exchange, MessageExchange, Position, Range } from './types';

/** The line the exchange starts on (most features need no more): no object made. */
export function exchangeStartLine(exchange: Exchange): number {
  switch (exchange.kind) {
    case 'greeting':
      return exchange.reply!.lines[0].line;
    case 'command':
    case 'bdat':
      return exchange.command.line.line;
    case 'auth-response':
    case 'client-close':
      return exchange.line.line;
    case 'message':
      return messageStartLine(exchange);
  }
}

/** Where the exchange ends: its reply's last line, else the end of what it sent. */
export function exchangeEnd(exchange: Exchange): Position {
  const further = exchange.recipientReplies;
  if (further) return replyEndPosition(further[further.length - 1]);
  if (exchange.reply || exchange.kind === 'greeting') return replyEndPosition(exchange.reply!);
  switch (exchange.kind) {
    case 'command':
      return payloadEndPosition(exchange.command.line);
    case 'auth-response':
    case 'client-close':
      return payloadEndPosition(exchange.line);
    case 'bdat':
      return exchange.parts.length > 0 ? partEnd(exchange.parts[exchange.parts.length - 1]) : payloadEndPosition(exchange.command.line);
    case 'message':
      if (exchange.terminator) return payloadEndPosition(exchange.terminator);
      return exchange.parts.length > 0 ? partEnd(exchange.parts[exchange.parts.length - 1]) : emptyMessageOpening(exchange).end;
  }
}

/** The whole exchange: every line starts at its first character (an include's range too), so the start does. */
export function exchangeRange(exchange: Exchange): Range {
  return { start: { line: exchangeStartLine(exchange), character: 0 }, end: exchangeEnd(exchange) };
}

/**
 * Message content starts at its first content line (an include's, or the `C: .` line's when it has none), not at the
 * 354 that opened it: only a message with neither starts where its opening stood.
 */
function messageStartLine(message: MessageExchange): number {
  if (message.parts.length > 0) return message.parts[0].line;
  return message.terminator ? message.terminator.line : emptyMessageOpening(message).start.line;
}

/** Kept by the parser on a message with no content line and no `.` line only (the one case nothing else tells). */
function emptyMessageOpening(message: MessageExchange): Range {
  return message.opening!;
}

function partEnd(part: ContentPart): Position {
  if (isInclude(part)) return { line: part.line, character: part.range.end.character };
  return payloadEndPosition(part);
}

