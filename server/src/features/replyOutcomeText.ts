// What a reply does where it stands, for the hover on its code and the completion of one: the step it answers (the
// dialogue core's reply target) and the outcome table's words for its class. Nothing here walks the session state, so
// a hover deep in a long session right after an edit above it is as cheap as anywhere.
import { closesChannel, type ReplyTarget } from '../dialogue/dialogueState';
import { CLOSING_OUTCOME, replyOutcome, type ReplyStep } from '../knowledge/replyOutcomes';
import { targetOf } from '../model/dialogueEvents';
import type { Exchange } from '../model/types';
import { inlineCode, specLink } from './markdown';

/**
 * `**Here**, as the reply to `RCPT`: ...` for a reply with `code` to `exchange`; undefined where the table says nothing
 * (NOOP, VRFY, an unknown command, a wildcard class).
 */
export function replyOutcomeParagraph(exchange: Exchange, code: string): string | undefined {
  const step = stepOf(targetOf(exchange));
  if (!step) return undefined;
  const outcome = closesChannel(code) ? CLOSING_OUTCOME : replyOutcome(step.step, code[0]);
  if (!outcome) return undefined;
  return `**Here**, ${step.role}: ${outcome.text} ${specLink(outcome.rfc)}`;
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
