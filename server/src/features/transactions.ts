// A session's exchanges grouped the way a reader sees them: commands outside a mail transaction, and transactions
// from MAIL to the end of the message (RFC 5321 §3.3). AUTH responses stay with their AUTH command.
import type { AuthResponseExchange, CommandExchange, Exchange, Session } from '../model/types';
import { outcomeOf } from '../dialogue/sessionState';
import { parseEnvelopeArguments } from './envelopeArguments';
import { headerValue, messageOf } from './messageSections';

export interface Transaction {
  kind: 'transaction';
  mail: CommandExchange;
  exchanges: Exchange[];
}

export interface SingleExchange {
  kind: 'exchange';
  exchange: Exchange;
  /** For AUTH: the responses to its 334 challenges. */
  responses: AuthResponseExchange[];
}

export type SessionPart = Transaction | SingleExchange;

const TRANSACTION_VERBS = new Set(['RCPT', 'DATA', 'BDAT']);

export function sessionParts(session: Session): SessionPart[] {
  return partsOf(session.exchanges).parts;
}

/**
 * The parts of a run of a session's exchanges. `loneResponse`: an AUTH response came before any exchange of its own,
 * which in the whole session may belong to an AUTH above the run.
 */
export function partsOf(exchanges: readonly Exchange[]): { parts: SessionPart[]; loneResponse: boolean } {
  const parts: SessionPart[] = [];
  let transaction: Transaction | undefined;
  let lastSingle: SingleExchange | undefined;
  let loneResponse = false;
  for (const exchange of exchanges) {
    if (exchange.kind === 'auth-response') {
      if (lastSingle) {
        lastSingle.responses.push(exchange);
        continue;
      }
      loneResponse = true;
    }
    const verb = exchange.kind === 'command' ? exchange.command.verb : undefined;
    if (exchange.kind === 'command' && verb === 'MAIL') {
      transaction = { kind: 'transaction', mail: exchange, exchanges: [exchange] };
      parts.push(transaction);
      continue;
    }
    const belongs = exchange.kind === 'message' || exchange.kind === 'bdat' || (verb !== undefined && TRANSACTION_VERBS.has(verb));
    if (transaction && belongs) {
      transaction.exchanges.push(exchange);
      if (exchange.kind === 'message' || (exchange.kind === 'bdat' && exchange.last)) transaction = undefined;
      continue;
    }
    transaction = undefined;
    lastSingle = { kind: 'exchange', exchange, responses: [] };
    parts.push(lastSingle);
  }
  return { parts, loneResponse };
}

const MAX_RECIPIENTS_SHOWN = 3;

/** `MAIL <a@x> → 2 recipients: b@y, c@z (550) · Subject: hello`: a recipient the server refuses, with its code. */
export function envelopeSummary(session: Session, transaction: Transaction): string {
  const mail = transaction.mail.command;
  const from = parseEnvelopeArguments(mail).path ?? mail.argument;
  const recipients = transaction.exchanges
    .filter((e): e is CommandExchange => e.kind === 'command' && e.command.verb === 'RCPT')
    .map((e) => `${parseEnvelopeArguments(e.command).address ?? e.command.argument}${refusalOf(e)}`);
  let summary = `MAIL ${from || '(no sender)'} → `;
  if (recipients.length === 0) summary += 'no recipients';
  else {
    const shown = recipients.slice(0, MAX_RECIPIENTS_SHOWN).join(', ');
    const more = recipients.length > MAX_RECIPIENTS_SHOWN ? `, +${recipients.length - MAX_RECIPIENTS_SHOWN} more` : '';
    summary += `${recipients.length} recipient${recipients.length === 1 ? '' : 's'}: ${shown}${more}`;
  }
  const subject = transactionSubject(session, transaction);
  return subject === undefined ? summary : `${summary} · Subject: ${subject}`;
}

/** ` (550)` after a recipient the expected reply does not accept (4yz or 5yz, RFC 5321 §3.3); nothing otherwise. */
function refusalOf(rcpt: CommandExchange): string {
  const code = rcpt.reply?.code;
  return outcomeOf(code) === 'failure' ? ` (${code})` : '';
}

function transactionSubject(session: Session, transaction: Transaction): string | undefined {
  for (const exchange of transaction.exchanges) {
    if (exchange.kind !== 'message' && exchange.kind !== 'bdat') continue;
    const message = messageOf(session, exchange);
    if (message) return headerValue(message, 'Subject');
  }
  return undefined;
}
