// LMTP (RFC 2033), a session opened with LHLO: it has no HELO or EHLO (§4.1), and its server answers the final `.` of a
// message (or BDAT LAST) once for each recipient it accepted, in RCPT order (§4.2): the replies written below it.
import { endsDelivery } from '../../../dialogue/lmtpRecipients';
import { targetOf } from '../../../model/dialogueEvents';
import { wholeLineRange } from '../../../model/lineRanges';
import { rule } from '../rule';
import { unlessRefusalExpected } from '../session/expectedOutcome';
import { sentRange, verbIn, type Precondition, type ScopedPrecondition } from '../session/precondition';

export const LmtpRules = {
  helloInLmtp: rule('hello-in-lmtp', 'warning', 'EHLO or HELO in a session opened with LHLO: LMTP has neither, and its servers answer 500.', { rfc: 2033, section: '4.1' }),
  lmtpRecipientReplies: rule('lmtp-recipient-replies', 'warning', 'The replies written after the end of an LMTP message (its `.` line, or BDAT LAST) are not one for each recipient the transaction accepted.', { rfc: 2033, section: '4.2' }),
};

const helloInLmtp: Precondition = (state, exchange) => {
  if (!state.lmtp) return;
  return unlessRefusalExpected(exchange, {
    ruleId: LmtpRules.helloInLmtp.id,
    range: sentRange(exchange),
    message: 'This session speaks LMTP (it was opened with LHLO), which has no EHLO or HELO: an LMTP server answers 500 (RFC 2033 §4.1). Send LHLO again, or expect the refusal.',
  });
};

const lmtpRecipientReplies: Precondition = (state, exchange) => {
  if (!state.lmtp || !exchange.reply || !endsDelivery(targetOf(exchange))) return;
  const recipients = state.transaction?.acceptedRecipients ?? 0;
  const written = 1 + (exchange.recipientReplies?.length ?? 0);
  if (written === recipients || recipients === 0) return;
  // The `.` line (else, where it is missing, the content), or the BDAT LAST command.
  const end = exchange.kind === 'message' && exchange.terminator ? wholeLineRange(exchange.terminator) : sentRange(exchange);
  const counted = `${recipients} accepted here, ${written} ${written === 1 ? 'reply' : 'replies'} written`;
  const todo = written < recipients ? 'write one reply for each, in RCPT order (`S: 250 2.1.5 *` for any acceptance)' : 'remove the extra ones, or accept more recipients above';
  return {
    ruleId: LmtpRules.lmtpRecipientReplies.id,
    range: end,
    message: `In LMTP the server answers the end of a message once for each recipient it accepted (RFC 2033 §4.2): ${counted}: ${todo}.`,
  };
};

export const LMTP_PRECONDITIONS: readonly ScopedPrecondition[] = [
  { check: helloInLmtp, verbs: verbIn('EHLO', 'HELO') },
  // Unscoped: a message is no command; it returns at once outside an LMTP session.
  { check: lmtpRecipientReplies },
];
