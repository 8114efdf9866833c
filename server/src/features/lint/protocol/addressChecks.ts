// RFC 6531 §3.4: a MAIL whose reverse-path or any of whose forward-paths holds non-ASCII characters must carry the
// SMTPUTF8 parameter; servers without it refuse such addresses (Postfix: 553 or 501 5.1.3).
import type { Exchange, Position } from '../../../model/types';
import { envelopeArgumentsOf } from '../sessionArguments';
import { rule, type Finding } from '../rule';
import { unlessRefusalExpected } from '../session/expectedOutcome';
import type { Precondition } from '../session/precondition';
import { payloadEndPosition } from '../../../model/lineRanges';

export const AddressRules = {
  addressNeedsSmtputf8: rule('address-needs-smtputf8', 'warning', 'A MAIL FROM or RCPT TO address with non-ASCII characters in a transaction whose MAIL does not carry `SMTPUTF8`.', { rfc: 6531, section: '3.4' }),
};

// Any UTF-16 unit above 0x7F: a non-ASCII character.
const NON_ASCII = /[^\x00-\x7f]/;

/** True when MAIL FROM carries the SMTPUTF8 parameter. */
export function carriesSmtputf8(exchange: Exchange): boolean {
  if (exchange.kind !== 'command' || exchange.command.verb !== 'MAIL') return false;
  return envelopeArgumentsOf(exchange.command).parameters.some((p) => p.keyword.toUpperCase() === 'SMTPUTF8');
}

export const addressNeedsSmtputf8: Precondition = (state, exchange) => {
  if (exchange.kind !== 'command' || (exchange.command.verb !== 'MAIL' && exchange.command.verb !== 'RCPT')) return;
  const { command } = exchange;
  const envelope = envelopeArgumentsOf(command);
  // The range (made when asked for) last: nearly every address is ASCII.
  if (!envelope.address || envelope.address.includes('{{') || !NON_ASCII.test(envelope.address) || !envelope.pathRange) return;
  let mailEnd: Position;
  if (command.verb === 'MAIL') {
    if (carriesSmtputf8(exchange)) return;
    mailEnd = payloadEndPosition(command.line);
  } else {
    const transaction = state.transaction;
    if (!transaction || transaction.smtputf8) return;
    mailEnd = transaction.mailEnd;
  }
  const finding: Finding = {
    ruleId: AddressRules.addressNeedsSmtputf8.id,
    range: envelope.pathRange,
    message: `This address holds non-ASCII characters: the transaction's MAIL FROM must carry \`SMTPUTF8\` (RFC 6531 §3.4), or the server refuses it (553, or 501 5.1.3). Add \` SMTPUTF8\` to line ${mailEnd.line + 1}, or expect the refusal.`,
    fix: { title: 'Add SMTPUTF8 to MAIL FROM', edits: [{ range: { start: mailEnd, end: mailEnd }, newText: ' SMTPUTF8' }] },
  };
  return unlessRefusalExpected(exchange, finding);
};
