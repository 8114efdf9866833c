// Lint's session state: the dialogue core's (dialogue/sessionState.ts), plus what only lint's credential check needs.
import { initialSessionState as initialDialogueState, type SessionState as DialogueSessionState } from '../../../dialogue/sessionState';
import type { CommandExchange } from '../../../model/types';
import { NO_COUNTS, type TransactionCounts } from '../protocol/transactionChecks';

export type { AuthState, MailTransaction } from '../../../dialogue/sessionState';

export interface SessionState extends DialogueSessionState {
  /** A cleartext AUTH before TLS answered 334: the next line sends the credentials, unless it cancels with `*`. */
  readonly cleartextAuth?: CommandExchange;
  /** Transactions, recipients and recipient domains so far, for LIMITS (RFC 9422); BODY=BINARYMIME on the MAIL. */
  readonly counts: TransactionCounts;
  /** The previous client exchange has no reply written (reply-missing reports it). */
  readonly previousUnanswered: boolean;
}

/**
 * One object literal naming every field, the dialogue core's and lint's: V8 then keeps all of them inside the object,
 * and the copy made at every exchange is one small allocation. A spread copy (`{ ...state }`) came out with most
 * fields in a separate backing store, copied too each time: twice the allocation of the whole state-machine walk.
 */
export function initialSessionState(options: { implicitTls: boolean; serverClosesAtLine?: number }): SessionState {
  return withLintFields(initialDialogueState(options), undefined, NO_COUNTS, false);
}

/** A copy of the state, every field in one literal (see `initialSessionState`). */
export function copySessionState(state: SessionState): Mutable<SessionState> {
  return withLintFields(state, state.cleartextAuth, state.counts, state.previousUnanswered);
}

/**
 * `target` made a copy of `state`, field by field: a walk's spare state (sessionWalk.ts). Every field, as in
 * `withLintFields` (whose literal the compiler holds to the type); a field left out here would leak from step to step.
 */
export function copySessionStateInto(target: Mutable<SessionState>, state: SessionState): Mutable<SessionState> {
  target.greeted = state.greeted;
  target.hello = state.hello;
  target.lmtp = state.lmtp;
  target.capabilities = state.capabilities;
  target.helloDomain = state.helloDomain;
  target.restartLine = state.restartLine;
  target.tls = state.tls;
  target.tlsRestart = state.tlsRestart;
  target.auth = state.auth;
  target.transaction = state.transaction;
  target.transactionEnd = state.transactionEnd;
  target.bdatLastSent = state.bdatLastSent;
  target.ended = state.ended;
  target.serverClosesAtLine = state.serverClosesAtLine;
  target.pipelineGroup = state.pipelineGroup;
  target.pipelineGroupSize = state.pipelineGroupSize;
  target.cleartextAuth = state.cleartextAuth;
  target.counts = state.counts;
  target.previousUnanswered = state.previousUnanswered;
  return target;
}

function withLintFields(
  state: DialogueSessionState,
  cleartextAuth: SessionState['cleartextAuth'],
  counts: SessionState['counts'],
  previousUnanswered: boolean,
): Mutable<SessionState> {
  const copy: { -readonly [K in keyof Required<SessionState>]: SessionState[K] } = {
    greeted: state.greeted,
    hello: state.hello,
    lmtp: state.lmtp,
    capabilities: state.capabilities,
    helloDomain: state.helloDomain,
    restartLine: state.restartLine,
    tls: state.tls,
    tlsRestart: state.tlsRestart,
    auth: state.auth,
    transaction: state.transaction,
    transactionEnd: state.transactionEnd,
    bdatLastSent: state.bdatLastSent,
    ended: state.ended,
    serverClosesAtLine: state.serverClosesAtLine,
    pipelineGroup: state.pipelineGroup,
    pipelineGroupSize: state.pipelineGroupSize,
    cleartextAuth,
    counts,
    previousUnanswered,
  };
  return copy;
}

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
