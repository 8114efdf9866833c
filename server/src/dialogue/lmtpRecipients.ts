// LMTP (RFC 2033): after an accepted LHLO the session speaks LMTP, whose server answers the end of a message (its `.`,
// or BDAT LAST) once for each recipient it accepted, in RCPT order (§4.2). Fed the replies in the order they answer,
// expected ones (the parser, import) or those on the wire (replay), it says how many replies a message end takes.
import { opensLmtp, VERB_SPECS } from '../knowledge/verbs';
import type { ReplyTarget } from './dialogueState';

/** What an LMTP server answers once per accepted recipient: a message's end, BDAT LAST. */
export function endsDelivery(target: ReplyTarget): boolean {
  return target.kind === 'message' || (target.kind === 'bdat' && target.last);
}

// A 4yz or 5yz refuses; no code written (an expectation left out) counts as accepted, as the session state takes it.
export const refuses = (code: string | undefined): boolean => code !== undefined && (code[0] === '4' || code[0] === '5');

export class LmtpRecipients {
  /** The last accepted hello was LHLO. */
  speaksLmtp = false;
  private accepted = 0;

  /** Replies a message end sent now would take beyond its first. */
  get furtherReplies(): number {
    return this.speaksLmtp ? Math.max(this.accepted - 1, 0) : 0;
  }

  /** Notes the reply to `target`; returns how many replies `target` takes in all (more than 1: an LMTP message end). */
  noteReply(target: ReplyTarget, code: string | undefined): number {
    if (target.kind === 'command') {
      const verb = target.verb;
      if (verb === 'RCPT') this.accepted += refuses(code) ? 0 : 1;
      else if (verb === 'MAIL' || (verb !== undefined && VERB_SPECS[verb].endsTransaction && !refuses(code))) this.accepted = 0;
      if (verb !== undefined && VERB_SPECS[verb].namesClient && !refuses(code)) this.speaksLmtp = opensLmtp(verb);
      return 1;
    }
    if (!endsDelivery(target)) return 1;
    const replies = this.speaksLmtp ? Math.max(this.accepted, 1) : 1;
    this.accepted = 0;
    return replies;
  }
}
