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

// V8 makes a spread copy that then gains new fields slowly (about 30 us each, once per session: half a second on a
// 5 MB file); a copy of a state that already has lint's fields, given the dialogue core's values, is cheap.
const LINT_SHAPE: SessionState = { ...initialDialogueState({ implicitTls: false }), cleartextAuth: undefined, counts: NO_COUNTS, previousUnanswered: false };

export function initialSessionState(options: { implicitTls: boolean; serverClosesAtLine?: number }): SessionState {
  return Object.assign({ ...LINT_SHAPE }, initialDialogueState(options));
}
