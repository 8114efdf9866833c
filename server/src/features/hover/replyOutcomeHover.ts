// What a reply does where it stands, for the hover on its code: the step it answers (the dialogue core's reply
// target), the outcome table's words for its class, and after a RCPT the recipients the session state counts.
import { closesChannel, type ReplyTarget } from '../../dialogue/dialogueState';
import { CLOSING_OUTCOME, replyOutcome, type ReplyStep } from '../../knowledge/replyOutcomes';
import { targetOf } from '../../model/dialogueEvents';
import { exchangeStartLine } from '../../model/exchangeRange';
import type { Exchange, Session, Transcript } from '../../model/types';
import { inlineCode, specLink } from '../markdown';
import { sessionStateBefore } from '../sessionStateAt';

/**
 * `**Here**, as the reply to `RCPT`: ...` for a reply with `code` in `exchange`; undefined where the table says
 * nothing (NOOP, VRFY, an unknown command, a wildcard class).
 */
export function replyOutcomeParagraph(transcript: Transcript, session: Session, exchange: Exchange, code: string): string | undefined {
  const step = stepOf(targetOf(exchange));
  if (!step) return undefined;
  const outcome = closesChannel(code) ? CLOSING_OUTCOME : replyOutcome(step.step, code[0]);
  if (!outcome) return undefined;
  const counted = step.step === 'RCPT' ? recipientsAfter(transcript, session, exchange) : undefined;
  return `**Here**, ${step.role}: ${outcome.text}${counted === undefined ? '' : ` Recipients accepted so far: ${counted}.`} ${specLink(outcome.rfc)}`;
}

function stepOf(target: ReplyTarget): { step: ReplyStep; role: string } | undefined {
  switch (target.kind) {
    case 'greeting':
      return { step: 'greeting', role: 'as the greeting' };
    case 'command':
      return target.verb ? { step: target.verb, role: `as the reply to ${inlineCode(target.verb)}` } : undefined;
    case 'auth-response':
      return { step: 'auth-response', role: 'as the reply to an AUTH response' };
    case 'message':
      return { step: 'message-end', role: "as the reply to the message's final `.`" };
    case 'bdat':
      return target.last ? { step: 'message-end', role: 'as the reply to `BDAT LAST`' } : { step: 'chunk', role: 'as the reply to a `BDAT` chunk' };
    case 'client-close':
      return undefined;
  }
}

/** The recipients the open transaction holds once `exchange` (a RCPT) is answered; undefined outside a transaction. */
function recipientsAfter(transcript: Transcript, session: Session, exchange: Exchange): number | undefined {
  return sessionStateBefore(transcript, session, exchangeStartLine(exchange) + 1).transaction?.acceptedRecipients;
}
