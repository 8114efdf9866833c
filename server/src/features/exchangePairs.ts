// A client line and the reply that answers it, highlighted together like a pair of brackets: the cursor on a command's
// verb (or an AUTH response, or a message's final `.`) marks the codes of its reply, and the cursor on a reply code
// marks what it answers. Pipelined commands (RFC 2920) have their replies below the whole group, where the pairing is
// not plain to see.
import { DocumentHighlight, DocumentHighlightKind, type Position, type Range } from 'vscode-languageserver-types';
import { payloadRange, replyCodeRange, verbRange } from '../model/lineRanges';
import { containsPosition } from '../model/ranges';
import type { Exchange, Transcript } from '../model/types';
import { indexTranscript } from './transcriptIndex';
import { everyReply } from '../model/exchangeReplies';

/** The pair under the cursor: the client side as written (`Write`), the reply codes as read (`Read`); else none. */
export function exchangePairHighlights(transcript: Transcript, position: Position): DocumentHighlight[] {
  const entry = indexTranscript(transcript).at(position.line);
  if (!entry) return [];
  let exchange: Exchange | undefined;
  if (entry.kind === 'reply' && !entry.reply.isEllipsis && entry.reply.code && containsPosition(replyCodeRange(entry.reply), position)) exchange = entry.exchange;
  if (entry.kind === 'client' || entry.kind === 'content') {
    const sent = answeredRange(entry.exchange);
    if (sent && containsPosition(sent, position)) exchange = entry.exchange;
  }
  const sent = exchange && answeredRange(exchange);
  // LMTP: the replies for the further recipients answer the same `.` (RFC 2033 §4.2).
  const codes = (exchange ? everyReply(exchange) : []).flatMap((reply) => reply.lines).filter((line) => line.code && !line.isEllipsis).map(replyCodeRange);
  if (!sent || codes.length === 0) return [];
  return [DocumentHighlight.create(sent, DocumentHighlightKind.Write), ...codes.map((range) => DocumentHighlight.create(range, DocumentHighlightKind.Read))];
}

/** What the client sent that the reply answers, as one range: the verb, the AUTH response, the message's `.`. */
export function answeredRange(exchange: Exchange): Range | undefined {
  switch (exchange.kind) {
    case 'command':
    case 'bdat':
      return verbRange(exchange.command);
    case 'auth-response':
      return payloadRange(exchange.line);
    case 'message':
      return exchange.terminator && payloadRange(exchange.terminator);
    default:
      return undefined;
  }
}
