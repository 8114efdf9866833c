// The session state machine: `(state, exchange) -> { state, findings }`. Preconditions look at the state before the
// exchange; `nextState` moves it on along the reply the transcript expects.
import { isEmptyCommand } from '../../../model/replyPairing';
import type { Exchange } from '../../../model/types';
import type { Finding } from '../rule';
import { EXTENSION_PRECONDITIONS } from '../protocol/extensionChecks';
import { checkSequencing, SequencingRules } from '../protocol/sequencingChecks';
import { TRANSACTION_PRECONDITIONS } from '../protocol/transactionChecks';
import { LMTP_PRECONDITIONS } from '../protocol/lmtpChecks';
import { isAfterServerClose, nextState } from './nextState';
import { PreconditionIndex, sentRange } from './precondition';
import { copySessionState, type Mutable, type SessionState } from './sessionState';

export interface Transition {
  state: SessionState;
  findings: Finding[];
}

const PRECONDITIONS = new PreconditionIndex([...EXTENSION_PRECONDITIONS, ...TRANSACTION_PRECONDITIONS, ...LMTP_PRECONDITIONS]);

export function transition(state: SessionState, exchange: Exchange): Transition {
  const findings: Finding[] = [];
  return { state: advance(state, exchange, findings), findings };
}

/** `transition`, its findings pushed onto `findings`: no array or result object per exchange on a whole-file walk. */
export function advance(state: SessionState, exchange: Exchange, findings: Finding[]): SessionState {
  return advanceWith(state, exchange, findings, copySessionState);
}

/**
 * `advance`, the state after the exchange made by `copy` from the one before: a new object, or the spare state of a
 * walk (sessionWalk.ts). Returns `state` itself when the exchange does not move the session on.
 */
export function advanceWith(state: SessionState, exchange: Exchange, findings: Finding[], copy: (state: SessionState) => Mutable<SessionState>): SessionState {
  // The parser reports what follows `S: <closed>`, and an empty command line; neither moves the session on.
  if (isAfterServerClose(state, exchange) || isEmptyCommand(exchange)) return state;
  if (state.ended) return afterSessionEnd(state, exchange, findings, copy);
  addFound(findings, checkSequencing(state, exchange));
  const preconditions = PRECONDITIONS.of(exchange);
  for (let i = 0; i < preconditions.length; i++) addFound(findings, preconditions[i](state, exchange));
  return nextState(state, exchange, copy);
}

function addFound(findings: Finding[], found: Finding | readonly Finding[] | undefined): void {
  if (found === undefined) return;
  if (!Array.isArray(found)) findings.push(found as Finding);
  else for (let i = 0; i < found.length; i++) findings.push(found[i]);
}

/** Only the first line after the end is reported: everything after it follows from the same mistake. */
function afterSessionEnd(state: SessionState, exchange: Exchange, findings: Finding[], copy: (state: SessionState) => Mutable<SessionState>): SessionState {
  const ended = state.ended!;
  if (ended.reported) return state;
  const how = ended.by === 'QUIT' ? 'QUIT' : '`C: <close>`';
  findings.push({
    ruleId: SequencingRules.commandAfterQuit.id,
    range: sentRange(exchange),
    message: `The session ended with ${how} on line ${ended.line + 1}, so nothing more can be sent on this connection (RFC 5321 §4.1.1.10): start a new session with a \`###\` line.`,
  });
  const next = copy(state);
  next.ended = { ...ended, reported: true };
  return next;
}
