// Expand selection (Shift+Alt+Right in VS Code): from the word under the cursor out through its line, the whole reply,
// the exchange (a command with its reply), the AUTH dialogue or the mail transaction (MAIL to the reply to the
// message, RFC 5321 §3.3) and the session; each range holds the one before it.
import type { Position, Range, SelectionRange } from 'vscode-languageserver-types';
import { exchangeEnd, exchangeRange, exchangeStartLine } from '../model/exchangeRange';
import { argumentRange, enhancedCodeRange, payloadRange, replyCodeRange, replyRange, replyTextRange, verbRange, wholeLineRange } from '../model/lineRanges';
import { comparePositions, containsPosition, range } from '../model/ranges';
import type { Exchange, Session, Transcript } from '../model/types';
import { sessionIndexAt } from '../model/sessionAt';
import { indexTranscript, type LineEntry } from './transcriptIndex';
import { sessionParts } from './transactions';
import { everyReply } from '../model/exchangeReplies';

/** One chain of ranges for each position, innermost first (LSP 3.15 `textDocument/selectionRange`). */
export function getSelectionRanges(transcript: Transcript, positions: readonly Position[]): SelectionRange[] {
  const index = indexTranscript(transcript);
  return positions.map((position) => {
    const entry = index.at(position.line);
    const line = transcript.lines[position.line] ?? '';
    const ranges = [...(entry ? innerRanges(entry) : []), range(position.line, 0, line.length)];
    const exchange = entry && 'exchange' in entry ? entry.exchange : undefined;
    // A blank line belongs to no entry, but to the session around it.
    const session = entry ? entry.session : transcript.sessions[sessionIndexAt(transcript, position.line)];
    if (exchange && session) for (const range of outerRanges(session, exchange)) ranges.push(range);
    if (session) ranges.push(session.range);
    return nested(ranges, position);
  });
}

/** The word or part under the cursor, the text after `C: `/`S: `, then the whole line with its prefix. */
function innerRanges(entry: LineEntry): Range[] {
  switch (entry.kind) {
    case 'client': {
      const exchange = entry.exchange;
      const words = exchange.kind === 'command' || exchange.kind === 'bdat' ? [verbRange(exchange.command), argumentRange(exchange.command)] : [];
      return [...words, payloadRange(entry.line), wholeLineRange(entry.line)];
    }
    case 'content':
      return entry.line ? [payloadRange(entry.line), wholeLineRange(entry.line)] : [];
    case 'reply':
    case 'notice': {
      // A line without a code (`S: 25`, a parse error) has none to select.
      const parts = [entry.reply.code ? replyCodeRange(entry.reply) : undefined, enhancedCodeRange(entry.reply), replyTextRange(entry.reply)];
      return [...parts.filter((part): part is Range => part !== undefined), payloadRange(entry.reply.payload), wholeLineRange(entry.reply)];
    }
    case 'directive':
      return [entry.directive.nameRange, payloadRange(entry.directive.value), entry.directive.range];
    case 'comment':
      return [entry.comment.range];
    default:
      return [];
  }
}

/** The whole reply, the exchange, then the AUTH dialogue or mail transaction it belongs to. */
function outerRanges(session: Session, exchange: Exchange): Range[] {
  const ranges: Range[] = [];
  // LMTP: a further recipient's reply too (of those, the one holding the cursor is kept).
  for (const reply of everyReply(exchange)) ranges.push(replyRange(reply));
  ranges.push(exchangeRange(exchange));
  for (const part of sessionParts(session)) {
    const members = part.kind === 'transaction' ? part.exchanges : [part.exchange, ...part.responses];
    if (members.length < 2 || !members.includes(exchange)) continue;
    ranges.push({ start: { line: exchangeStartLine(members[0]), character: 0 }, end: exchangeEnd(members[members.length - 1]) });
    break;
  }
  return ranges;
}

/**
 * The chain from the outermost range in: a range that does not hold the cursor, or does not hold the one kept inside
 * it (a word the cursor is not on, a reply line above a pipelined command), or equals it, is left out.
 */
function nested(ranges: readonly Range[], position: Position): SelectionRange {
  let chain: SelectionRange | undefined;
  const kept: Range[] = [];
  for (const candidate of ranges) {
    if (!containsPosition(candidate, position)) continue;
    const inner = kept[kept.length - 1];
    if (inner && (!holds(candidate, inner) || sameRange(candidate, inner))) continue;
    kept.push(candidate);
  }
  for (const outer of kept.reverse()) chain = chain ? { range: outer, parent: chain } : { range: outer };
  return chain ?? { range: { start: position, end: position } };
}

function holds(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}
