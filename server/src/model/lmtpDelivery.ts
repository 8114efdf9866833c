// LMTP (RFC 2033 §4.2) for the session builder: after LHLO, the replies to a message's end (its `.` line, or BDAT
// LAST) come one per recipient the transaction accepted, in RCPT order, before the reply to any command sent after
// it. The first is the exchange's `reply`, the others its `recipientReplies`.
import { endsDelivery, LmtpRecipients } from '../dialogue/lmtpRecipients';
import { targetOf } from './dialogueEvents';
import type { BdatExchange, Exchange, MessageExchange, ReplyExpectation } from './types';

export class LmtpDelivery {
  /** Read from the expected replies as they are paired; a checkpoint keeps `speaksLmtp` (the count starts at MAIL). */
  readonly recipients = new LmtpRecipients();
  /** The message end just answered, and how many more replies its further recipients get. */
  private delivery?: { exchange: MessageExchange | BdatExchange; awaits: number };

  /** A client line came: the replies to the message end are over. */
  clear(): void {
    this.delivery = undefined;
  }

  /** True when the reply is one a message end still awaits for a further recipient: it is taken. */
  takesAwaited(reply: ReplyExpectation): boolean {
    if (!this.delivery || this.delivery.awaits <= 0) return false;
    this.add(reply);
    return true;
  }

  /** `target` just got its reply. */
  answered(target: Exchange, reply: ReplyExpectation): void {
    const replyTarget = targetOf(target);
    const replies = this.recipients.noteReply(replyTarget, reply.code);
    if (!this.recipients.speaksLmtp || !endsDelivery(replyTarget) || (target.kind !== 'message' && target.kind !== 'bdat')) return;
    this.delivery = { exchange: target, awaits: replies - 1 };
  }

  /** A reply no command awaits, right after a message end's: still the message's (lint compares the count). */
  takesSurplus(reply: ReplyExpectation): boolean {
    if (!this.delivery) return false;
    this.add(reply);
    return true;
  }

  private add(reply: ReplyExpectation): void {
    const delivery = this.delivery!;
    (delivery.exchange.recipientReplies ??= []).push(reply);
    delivery.awaits--;
  }
}
