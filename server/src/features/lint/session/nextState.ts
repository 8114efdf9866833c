// How one exchange moves lint's session on: the dialogue core's transition (dialogue/sessionState.ts) along the reply
// the transcript expects, plus the cleartext AUTH that credentialChecks watches.
import { isAfterServerClose as isAfterServerCloseLine, nextState as nextDialogueState } from '../../../dialogue/sessionState';
import type { Exchange } from '../../../model/types';
import { cleartextAuthAwaitingResponse } from '../protocol/credentialChecks';
import { countTransaction } from '../protocol/transactionChecks';
import { expectedOutcome } from './expectedOutcome';
import { sessionEvent } from './sessionEvents';
import { copySessionState, type Mutable, type SessionState } from './sessionState';
import { payloadEndPosition } from '../../../model/lineRanges';
import { exchangeStartLine } from '../../../model/exchangeRange';

/** The state after `exchange`, made by `copy` from `state` (which stays as it was) when the session goes on. */
export function nextState(state: SessionState, exchange: Exchange, copy: (state: SessionState) => Mutable<SessionState> = copySessionState): SessionState {
  if (state.ended || isAfterServerClose(state, exchange)) return state;
  // The dialogue core returns the copy here (the session goes on): lint's fields are set on it. A spread with fields
  // after it would give the states several shapes, and copying them would take V8's slow path.
  const next: Mutable<SessionState> = nextDialogueState(state, sessionEvent(exchange), copy);
  withRecipientTransaction(state, next, exchange);
  next.cleartextAuth = cleartextAuthAwaitingResponse(state, exchange);
  next.counts = countTransaction(state.counts, state, next, exchange);
  next.previousUnanswered = exchange.kind !== 'greeting' && !exchange.reply;
  return next;
}

export function isAfterServerClose(state: SessionState, exchange: Exchange): boolean {
  return isAfterServerCloseLine(state, exchangeStartLine(exchange));
}

/**
 * A RCPT the transcript expects accepted although no MAIL opened a transaction: rcpt-before-mail reports it, and lint
 * goes on as if the transaction were open (the transcript's own reading), so the other RCPTs and DATA of the same
 * slip (a forgotten MAIL line) are not reported again. The dialogue core's state stays as strict as the wire.
 */
function withRecipientTransaction(before: SessionState, next: Mutable<SessionState>, exchange: Exchange): void {
  if (exchange.kind !== 'command' || exchange.command.verb !== 'RCPT' || before.transaction || next.transaction) return;
  if (expectedOutcome(exchange) === 'failure') return;
  const line = exchange.command.line;
  next.transaction = { mailLine: line.line, acceptedRecipients: 1, body: 'none', smtputf8: false, mailEnd: payloadEndPosition(line) };
  next.transactionEnd = undefined;
}
