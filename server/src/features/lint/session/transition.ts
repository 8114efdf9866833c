// The session state machine: `(state, exchange) -> { state, findings }`. Preconditions look at the state before the
// exchange; `nextState` moves it on along the reply the transcript expects.
import { isEmptyCommand } from '../../../model/replyPairing';
import type { Exchange } from '../../../model/types';
import type { Finding } from '../rule';
import { EXTENSION_PRECONDITIONS } from '../protocol/extensionChecks';
import { checkSequencing, SequencingRules } from '../protocol/sequencingChecks';
import { TRANSACTION_PRECONDITIONS } from '../protocol/transactionChecks';
import { isAfterServerClose, nextState } from './nextState';
import { sentRange } from './precondition';
import type { SessionState } from './sessionState';

export interface Transition {
  state: SessionState;
  findings: Finding[];
}

const PRECONDITIONS = [...EXTENSION_PRECONDITIONS, ...TRANSACTION_PRECONDITIONS];

export function transition(state: SessionState, exchange: Exchange): Transition {
  // The parser reports what follows `S: <closed>`, and an empty command line; neither moves the session on.
  if (isAfterServerClose(state, exchange) || isEmptyCommand(exchange)) return { state, findings: [] };
  if (state.ended) return afterSessionEnd(state, exchange);
  const findings = checkSequencing(state, exchange);
  for (const precondition of PRECONDITIONS) {
    const found = precondition(state, exchange);
    if (found) findings.push(...(Array.isArray(found) ? found : [found]));
  }
  return { state: nextState(state, exchange), findings };
}

/** Only the first line after the end is reported: everything after it follows from the same mistake. */
function afterSessionEnd(state: SessionState, exchange: Exchange): Transition {
  const ended = state.ended!;
  if (ended.reported) return { state, findings: [] };
  const how = ended.by === 'QUIT' ? 'QUIT' : '`C: <close>`';
  return {
    state: { ...state, ended: { ...ended, reported: true } },
    findings: [
      {
        ruleId: SequencingRules.commandAfterQuit.id,
        range: sentRange(exchange),
        message: `The session ended with ${how} on line ${ended.line + 1}, so nothing more can be sent on this connection (RFC 5321 §4.1.1.10): start a new session with a \`###\` line.`,
      },
    ],
  };
}
