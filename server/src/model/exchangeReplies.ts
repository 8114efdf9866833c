// The replies an exchange expects, in order: its `reply`, then (LMTP, RFC 2033 §4.2) those for its further recipients.
// For what looks at one exchange's replies; the walks over every exchange of a file read the two fields themselves,
// without a list per exchange.
import type { Exchange, ReplyExpectation } from './types';

const NONE: readonly ReplyExpectation[] = Object.freeze([]);

export function everyReply(exchange: Exchange): readonly ReplyExpectation[] {
  const further = exchange.recipientReplies;
  if (!exchange.reply) return further ?? NONE;
  return further ? [exchange.reply, ...further] : [exchange.reply];
}
