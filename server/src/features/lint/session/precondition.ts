// A precondition looks at the state before an exchange and reports what the exchange breaks, returning early when
// it does not apply.
import type { Exchange, Range } from '../../../model/types';
import type { Finding } from '../rule';
import type { SessionState } from './sessionState';
import { payloadRange, replyRange } from '../../../model/lineRanges';

export type Precondition = (state: SessionState, exchange: Exchange) => Finding | Finding[] | undefined;

/** Where a finding about what the client sends goes: the command (without `C: `), the AUTH line, the content. */
export function sentRange(exchange: Exchange): Range {
  switch (exchange.kind) {
    case 'command':
    case 'bdat':
      return payloadRange(exchange.command.line.payload);
    case 'auth-response':
    case 'client-close':
      return payloadRange(exchange.line.payload);
    case 'message':
      return exchange.range;
    case 'greeting':
      return exchange.reply ? replyRange(exchange.reply) : exchange.range;
  }
}
