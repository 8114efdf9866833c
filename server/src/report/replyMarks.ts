// Where a replay's outcome is shown in the transcript: at the first `S:` line of each reply an exchange expected. An
// LMTP message end has a reply per accepted recipient, each judged on its own (RFC 2033 §4.2): each gets its mark,
// and a failure is shown at the replies that failed, not at the first recipient's that passed.
import type { ExchangeResult, ExchangeStatus } from '../replay/replayTypes';

export interface ReplyMark {
  /** 0-based file line. */
  line: number;
  status: ExchangeStatus;
}

/** The marks of one exchange: one per recipient's reply written, else one at its first `S:` line (or its own line). */
export function replyMarks(exchange: ExchangeResult): ReplyMark[] {
  const marks: ReplyMark[] = [];
  for (const reply of exchange.recipientReplies ?? []) {
    if (reply.expectedStart !== undefined) marks.push({ line: exchange.expectedLines[reply.expectedStart], status: reply.status });
  }
  return marks.length > 0 ? marks : [{ line: exchange.expectedLines[0] ?? exchange.line, status: exchange.status }];
}

/**
 * The `S:` lines a failed reply is about: every expected line, or in LMTP those of the recipients' replies that failed
 * (all of them when only a reply the transcript does not write failed).
 */
export function failedReplyLines(exchange: ExchangeResult): number[] {
  const replies = exchange.recipientReplies ?? [];
  const lines = replies.flatMap((reply, i) => {
    if (reply.status !== 'fail' || reply.expectedStart === undefined) return [];
    const end = replies.slice(i + 1).find((next) => next.expectedStart !== undefined)?.expectedStart ?? exchange.expectedLines.length;
    return exchange.expectedLines.slice(reply.expectedStart, end);
  });
  return lines.length > 0 ? lines : exchange.expectedLines;
}
