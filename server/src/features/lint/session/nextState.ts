// How one exchange moves lint's session on: the dialogue core's transition (dialogue/sessionState.ts) along the reply
// the transcript expects, plus the cleartext AUTH that credentialChecks watches.
import { isAfterServerClose as isAfterServerCloseLine, nextState as nextDialogueState } from '../../../dialogue/sessionState';
import type { Exchange } from '../../../model/types';
import { cleartextAuthAwaitingResponse } from '../protocol/credentialChecks';
import { countTransaction } from '../protocol/transactionChecks';
import { sessionEvent } from './sessionEvents';
import type { SessionState } from './sessionState';

export function nextState(state: SessionState, exchange: Exchange): SessionState {
  if (state.ended || isAfterServerClose(state, exchange)) return state;
  const next = nextDialogueState(state, sessionEvent(exchange));
  const cleartextAuth = cleartextAuthAwaitingResponse(state, exchange);
  const counts = countTransaction(state.counts, state, next, exchange);
  return next.cleartextAuth === cleartextAuth && next.counts === counts ? next : { ...next, cleartextAuth, counts };
}

export function isAfterServerClose(state: SessionState, exchange: Exchange): boolean {
  return isAfterServerCloseLine(state, exchange.range.start.line);
}
