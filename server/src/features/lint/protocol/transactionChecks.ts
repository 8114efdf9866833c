// Rules that span extensions within a mail transaction: BODY=BINARYMIME needs BDAT (RFC 3030 §3), REQUIRETLS needs a
// TLS session (RFC 8689 §4.1), and the LIMITS the recorded EHLO reply announces (RFC 9422 §4).
import { verbOpens } from '../../../dialogue/dialogueState';
import { readServerLimits, SERVER_LIMITS, type ServerLimitName } from '../../../knowledge/serverLimits';
import type { Command, CommandExchange, Exchange, Range } from '../../../model/types';
import type { EnvelopeParameter } from '../../envelopeArguments';
import { envelopeArgumentsOf } from '../sessionArguments';
import { rule, type Finding } from '../rule';
import { unlessRefusalExpected } from '../session/expectedOutcome';
import { verbIn, verbOpening, type Precondition, type ScopedPrecondition } from '../session/precondition';
import type { SessionState } from '../session/sessionState';
import { payloadRange, verbRange } from '../../../model/lineRanges';

export const TransactionRules = {
  binarymimeWithData: rule('binarymime-with-data', 'error', 'DATA in a transaction whose MAIL declares `BODY=BINARYMIME`: binary content goes with BDAT only, and the server must answer DATA with 503.', { rfc: 3030, section: '3' }),
  requiretlsWithoutTls: rule('requiretls-without-tls', 'warning', 'MAIL with `REQUIRETLS` on a session that is not under TLS (no STARTTLS succeeded, no `@tls = implicit`).', { rfc: 8689, section: '4.1' }),
  limitExceeded: rule('limit-exceeded', 'warning', 'More transactions than `MAILMAX`, more RCPTs in a transaction than `RCPTMAX`, or more recipient domains than `RCPTDOMAINMAX`, where the recorded EHLO reply announces LIMITS.', { rfc: 9422, section: '4' }),
};

/** What lint counts of the session for LIMITS, and how the open transaction's MAIL declared its body. */
export interface TransactionCounts {
  readonly transactions: number;
  readonly recipients: number;
  /** Lower-case recipient domains of the open transaction. */
  readonly domains: readonly string[];
  readonly binaryMime: boolean;
}

export const NO_COUNTS: TransactionCounts = { transactions: 0, recipients: 0, domains: [], binaryMime: false };

interface Envelope {
  verb: 'MAIL' | 'RCPT';
  parameters: EnvelopeParameter[];
  domain?: string;
  range: Range;
}

function envelopeOf(exchange: Exchange): Envelope | undefined {
  const verb = envelopeVerb(exchange);
  if (verb === undefined) return undefined;
  const command = (exchange as CommandExchange).command;
  const envelope = envelopeArgumentsOf(command);
  return { verb, parameters: envelope.parameters, domain: recipientDomain(command), range: envelope.pathRange ?? payloadRange(command.line) };
}

function envelopeVerb(exchange: Exchange): 'MAIL' | 'RCPT' | undefined {
  if (exchange.kind !== 'command') return undefined;
  const verb = exchange.command.verb;
  return verb === 'MAIL' || verb === 'RCPT' ? verb : undefined;
}

/** The lower-case domain of the command's address; undefined without one, or when a reference writes the address. */
function recipientDomain(command: Command): string | undefined {
  const address = envelopeArgumentsOf(command).address;
  const at = address?.lastIndexOf('@') ?? -1;
  return at > 0 && !address!.includes('{{') ? address!.slice(at + 1).toLowerCase() : undefined;
}

function hasParameter(parameters: readonly EnvelopeParameter[], keyword: string, value?: string): boolean {
  for (const p of parameters) {
    if (p.keyword.toUpperCase() === keyword && (value === undefined || p.value?.toUpperCase() === value)) return true;
  }
  return false;
}

/** The counts after `exchange`, read along the reply the transcript expects (a refused MAIL opens nothing). */
export function countTransaction(counts: TransactionCounts, before: SessionState, after: SessionState, exchange: Exchange): TransactionCounts {
  // Only MAIL and RCPT count; the verb is checked before anything is read from the arguments.
  const verb = envelopeVerb(exchange);
  if (verb === undefined) return counts;
  const command = (exchange as CommandExchange).command;
  if (verb === 'MAIL' && after.transaction && after.transaction !== before.transaction) {
    return { transactions: counts.transactions + 1, recipients: 0, domains: [], binaryMime: hasParameter(envelopeArgumentsOf(command).parameters, 'BODY', 'BINARYMIME') };
  }
  if (verb === 'RCPT' && before.transaction) {
    const domain = recipientDomain(command);
    const domains = domain && !counts.domains.includes(domain) ? [...counts.domains, domain] : counts.domains;
    return { transactions: counts.transactions, recipients: counts.recipients + 1, domains, binaryMime: counts.binaryMime };
  }
  return counts;
}

// RFC 3030 §3: "If a DATA command is issued after a MAIL command containing the body-value of BINARYMIME, a 503
// Bad sequence of commands response MUST be sent."
export const binarymimeWithData: Precondition = (state, exchange) => {
  if (exchange.kind !== 'command' || verbOpens(exchange.command.verb) !== 'content') return;
  if (!state.transaction || !state.counts.binaryMime) return;
  return unlessRefusalExpected(exchange, {
    ruleId: TransactionRules.binarymimeWithData.id,
    range: verbRange(exchange.command),
    message: `The MAIL on line ${state.transaction.mailLine + 1} declares BODY=BINARYMIME, whose content can only be sent with BDAT; the server must answer DATA with 503 (RFC 3030 §3). Send the message with BDAT, declare BODY=8BITMIME, or expect the 503.`,
  });
};

// RFC 8689 §4.1: the client offers REQUIRETLS only on a session protected by TLS (the server advertises it only there).
export const requiretlsWithoutTls: Precondition = (state, exchange) => {
  if (envelopeVerb(exchange) !== 'MAIL' || state.tls !== 'none') return;
  const parameter = envelopeArgumentsOf((exchange as CommandExchange).command).parameters.find((p) => p.keyword.toUpperCase() === 'REQUIRETLS');
  if (!parameter) return;
  return unlessRefusalExpected(exchange, {
    ruleId: TransactionRules.requiretlsWithoutTls.id,
    range: parameter.keywordRange,
    message: 'REQUIRETLS asks that the message travel only over TLS, but this session is not under TLS (RFC 8689 §4.1): send STARTTLS (and EHLO again) before MAIL, use `@tls = implicit`, or expect the refusal.',
  });
};

function overLimit(exchange: Exchange, name: ServerLimitName, limit: number, count: number, range: Range): Finding {
  const spec = SERVER_LIMITS[name];
  return unlessRefusalExpected(exchange, {
    ruleId: TransactionRules.limitExceeded.id,
    range,
    message: `This makes ${count} ${spec.counts}, but the recorded EHLO reply announces ${name}=${limit} (RFC 9422 §${spec.rfc.section}): the server refuses the excess. Split the mail over more ${name === 'MAILMAX' ? 'sessions' : 'transactions'}, or expect the refusal.`,
  });
}

// RFC 9422 §4: the client should keep to the limits the server announced for the session.
export const limitExceeded: Precondition = (state, exchange) => {
  const parameters = state.capabilities?.keywords.get('LIMITS');
  const envelope = parameters && envelopeOf(exchange);
  if (!envelope || !parameters) return;
  const limits = readServerLimits(parameters);
  const counts = state.counts;
  if (envelope.verb === 'MAIL') {
    const count = counts.transactions + 1;
    return limits.MAILMAX !== undefined && count > limits.MAILMAX ? overLimit(exchange, 'MAILMAX', limits.MAILMAX, count, envelope.range) : undefined;
  }
  if (!state.transaction) return;
  const findings: Finding[] = [];
  if (limits.RCPTMAX !== undefined && counts.recipients + 1 > limits.RCPTMAX) {
    findings.push(overLimit(exchange, 'RCPTMAX', limits.RCPTMAX, counts.recipients + 1, envelope.range));
  }
  // Only a new domain can pass RCPTDOMAINMAX; more recipients at a domain already counted cannot.
  const newDomain = envelope.domain !== undefined && !counts.domains.includes(envelope.domain);
  if (limits.RCPTDOMAINMAX !== undefined && newDomain && counts.domains.length + 1 > limits.RCPTDOMAINMAX) {
    findings.push(overLimit(exchange, 'RCPTDOMAINMAX', limits.RCPTDOMAINMAX, counts.domains.length + 1, envelope.range));
  }
  return findings;
};

export const TRANSACTION_PRECONDITIONS: readonly ScopedPrecondition[] = [
  { check: binarymimeWithData, verbs: verbOpening('content') },
  { check: requiretlsWithoutTls, verbs: verbIn('MAIL') },
  { check: limitExceeded, verbs: verbIn('MAIL', 'RCPT') },
];
