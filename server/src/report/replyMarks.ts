// Where a replay's outcome is shown in the transcript: at the first `S:` line of each reply an exchange expected. An
// LMTP message end has a reply per accepted recipient, each judged on its own (RFC 2033 §4.2): each gets its mark,
// and a failure is shown at the replies that failed, each with its own expected and actual lines, not at the first
// recipient's that passed.
import type { ExchangeResult, ExchangeStatus } from '../replay/replayTypes';

export interface ReplyMark {
  /** 0-based file line. */
  line: number;
  status: ExchangeStatus;
}

/** One reply of a failed exchange that failed: its `S:` lines (0-based), what was said of it, and its expected and actual lines. */
export interface FailedReply {
  lines: number[];
  message: string;
  expected: string[];
  actual: string[];
}

/**
 * The marks of one exchange: one per recipient's reply written (the last one failed too when the server sent replies
 * beyond them: that is where they would go), else one at its first `S:` line (or its own line).
 */
export function replyMarks(exchange: ExchangeResult): ReplyMark[] {
  const marks: ReplyMark[] = [];
  let unwrittenFailed = false;
  for (const reply of exchange.recipientReplies ?? []) {
    if (reply.expectedStart !== undefined) marks.push({ line: exchange.expectedLines[reply.expectedStart], status: reply.status });
    else unwrittenFailed ||= reply.status === 'fail';
  }
  if (marks.length === 0) return [{ line: exchange.expectedLines[0] ?? exchange.line, status: exchange.status }];
  if (unwrittenFailed) marks[marks.length - 1].status = 'fail';
  return marks;
}

/**
 * What of a failed (or broken-off) exchange failed: the exchange as a whole, or in LMTP each recipient's reply that
 * failed. Replies the server sent beyond those written are one, at the last `S:` line written, where they would go.
 */
export function failedReplies(exchange: ExchangeResult): FailedReply[] {
  const replies = exchange.recipientReplies ?? [];
  const out: FailedReply[] = [];
  let unwritten: FailedReply | undefined;
  replies.forEach((reply, i) => {
    if (reply.status !== 'fail') return;
    const later = replies.slice(i + 1);
    const expectedEnd = later.find((next) => next.expectedStart !== undefined)?.expectedStart ?? exchange.expected.length;
    const actualEnd = later.find((next) => next.actualStart !== undefined)?.actualStart ?? exchange.actual.length;
    const actual = reply.actualStart === undefined ? [] : exchange.actual.slice(reply.actualStart, actualEnd);
    const message = reply.message ?? exchange.message;
    if (reply.expectedStart !== undefined) {
      out.push({ lines: exchange.expectedLines.slice(reply.expectedStart, expectedEnd), message, expected: exchange.expected.slice(reply.expectedStart, expectedEnd), actual });
    } else if (unwritten) {
      for (const line of actual) unwritten.actual.push(line);
    } else {
      out.push((unwritten = { lines: exchange.expectedLines.slice(-1), message, expected: [], actual }));
    }
  });
  return out.length > 0 ? out : [{ lines: exchange.expectedLines, message: exchange.message, expected: exchange.expected, actual: exchange.actual }];
}

/** The `S:` lines a failed exchange is about: every expected line, or in LMTP those of the recipients' replies that failed. */
export function failedReplyLines(exchange: ExchangeResult): number[] {
  return failedReplies(exchange).flatMap((reply) => reply.lines);
}
