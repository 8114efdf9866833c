// Building the per-exchange entries of a session result.
import type { Exchange, ReplyExpectation, ReplyLine } from '../model/types';
import { replyLineText, type ActualReply } from './replyReader';
import type { ExchangeResult, RecipientReplyResult } from './replayTypes';
import { exchangeEnd, exchangeStartLine } from '../model/exchangeRange';
import { everyReply } from '../model/exchangeReplies';

// Module-level: a session builds an entry per exchange up front, and a closure each was an allocation each.
const payloadText = (line: ReplyLine): string => line.payload.text;
const fileLine = (line: ReplyLine): number => line.line;

/** The entry for an exchange before it runs (and as it stays when it never does). */
export function pendingResult(exchange: Exchange): ExchangeResult {
  const reply = exchange.reply;
  // LMTP: a message end's replies for its further recipients follow its first (RFC 2033 §4.2).
  const every = exchange.recipientReplies && everyReply(exchange);
  return {
    kind: exchange.kind,
    line: exchangeStartLine(exchange),
    status: 'skipped',
    sent: [],
    expected: reply ? (every ? every.flatMap((r) => expectedTexts(r)) : expectedTexts(reply)) : [],
    actual: [],
    differences: [],
    message: 'not run',
    expectedLines: reply ? (every ? every.flatMap((r) => r.lines.map(fileLine)) : reply.lines.map(fileLine)) : [],
    insertAfterLine: reply ? reply.lines[0].line - 1 : exchangeEnd(exchange).line,
  };
}

/** How one reply of several was judged: what failed, said. */
export type ReplyVerdict = { status: 'pass' } | { status: 'fail'; message: string };

/**
 * LMTP: a message end's replies one by one (RFC 2033 §4.2), the i-th judged `verdicts[i]`, with where it starts in the
 * flat expected and actual lines (`written`'s and `sent`'s lines, in order).
 */
export function recipientReplyResults(
  verdicts: readonly ReplyVerdict[],
  written: readonly { lines: readonly unknown[] }[],
  sent: readonly { lines: readonly unknown[] }[],
): RecipientReplyResult[] {
  const expectedStarts = lineStarts(written);
  const actualStarts = lineStarts(sent);
  return verdicts.map((verdict, i) => ({
    ...verdict,
    ...(i < written.length ? { expectedStart: expectedStarts[i] } : {}),
    ...(i < sent.length ? { actualStart: actualStarts[i] } : {}),
  }));
}

/** Where each reply's lines start when the replies' lines are laid end to end. */
function lineStarts(replies: readonly { lines: readonly unknown[] }[]): number[] {
  let next = 0;
  return replies.map((reply) => {
    const start = next;
    next += reply.lines.length;
    return start;
  });
}

/** The greeting the server sends whether or not the transcript shows one (RFC 5321 §3.1). */
export function unwrittenGreeting(beforeLine: number): ExchangeResult {
  return {
    kind: 'greeting',
    line: beforeLine,
    status: 'skipped',
    sent: [],
    expected: [],
    actual: [],
    differences: [],
    message: 'not run',
    expectedLines: [],
    insertAfterLine: beforeLine - 1,
  };
}

export function expectedTexts(reply: ReplyExpectation, substitute?: Map<number, string>): string[] {
  if (!substitute) return reply.lines.map(payloadText);
  return reply.lines.map((line) => {
    const text = substitute.get(line.line);
    if (text === undefined) return line.payload.text;
    // The payload is the code, separator and enhanced code, then the text; only the text holds references.
    return line.payload.text.slice(0, line.payload.text.length - line.text.length) + text;
  });
}

export function actualTexts(reply: ActualReply): string[] {
  return reply.lines.map(replyLineText);
}
