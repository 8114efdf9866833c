// Preconditions on the order of commands. The first one that applies to an exchange reports it; a command expected
// to be refused for the very reason the rule names is a negative test and only gets a hint.
import { verbOpens } from '../../../dialogue/dialogueState';
import { isAllowedBeforeEhloAfterTls } from '../../../knowledge/verbs';
import type { Verb } from '../../../knowledge/verbSpec';
import type { Exchange } from '../../../model/types';
import type { Finding } from '../rule';
import { unlessRefusalExpected } from '../session/expectedOutcome';
import { sentRange, type Precondition } from '../session/precondition';
import type { SessionState } from '../session/sessionState';

function verbOf(exchange: Exchange): Verb | undefined {
  return exchange.kind === 'command' || exchange.kind === 'bdat' ? exchange.command.verb : undefined;
}

function finding(exchange: Exchange, ruleId: string, message: string, fix?: Finding['fix']): Finding {
  return unlessRefusalExpected(exchange, { ruleId, range: sentRange(exchange), message, ...(fix ? { fix } : {}) });
}

const ehloAfterStarttls: Precondition = (state, exchange) => {
  const verb = verbOf(exchange);
  if (state.tlsRestart !== 'awaiting-ehlo' || verb === undefined || isAllowedBeforeEhloAfterTls(verb)) return;
  const line = exchange.range.start.line;
  const domain = state.helloDomain ?? 'client.example.com';
  return finding(
    exchange,
    'ehlo-after-starttls',
    `After STARTTLS the session starts over (RFC 3207 §4.2): send \`EHLO ${domain}\` again before ${verb}.`,
    {
      title: `Insert EHLO ${domain}`,
      edits: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `C: EHLO ${domain}\nS: 250 *\n` }],
    },
  );
};

const mailBeforeHelo: Precondition = (state, exchange) => {
  if (verbOf(exchange) !== 'MAIL' || state.hello !== 'none' || state.tlsRestart !== 'none') return;
  return finding(
    exchange,
    'mail-before-helo',
    'MAIL FROM before any accepted EHLO/HELO: the session must be opened with EHLO first (RFC 5321 §4.1.4); many servers answer 503.',
  );
};

const mailInTransaction: Precondition = (state, exchange) => {
  if (verbOf(exchange) !== 'MAIL' || !state.transaction) return;
  return finding(
    exchange,
    'mail-in-transaction',
    `A mail transaction is already open (MAIL FROM on line ${state.transaction.mailLine + 1}): send the message or RSET before a new MAIL FROM (RFC 5321 §4.1.4); the server answers 503.`,
  );
};

const rcptBeforeMail: Precondition = (state, exchange) => {
  if (verbOf(exchange) !== 'RCPT' || state.transaction) return;
  return finding(
    exchange,
    'rcpt-before-mail',
    'RCPT TO without an accepted MAIL FROM: no mail transaction is open, so the server must answer 503 (RFC 5321 §3.3). Send MAIL FROM first, or expect `503`.',
  );
};

const dataMixedWithBdat: Precondition = (state, exchange) => {
  const verb = verbOf(exchange);
  const other = verbOpens(verb) === 'content' ? 'bdat' : verbOpens(verb) === 'chunk' ? 'data' : undefined;
  if (other === undefined || state.transaction?.body !== other) return;
  return finding(
    exchange,
    'bdat-data-mixed',
    `${verb} in a transaction whose content is already sent with ${other.toUpperCase()}: DATA and BDAT must not be mixed in one transaction (RFC 3030 §2); the server answers 503.`,
  );
};

const bdatAfterLast: Precondition = (state, exchange) => {
  if (verbOpens(verbOf(exchange)) !== 'chunk' || state.transaction || !state.bdatLastSent) return;
  return finding(
    exchange,
    'bdat-after-last',
    'BDAT after BDAT LAST: that chunk ended the transaction, so the server must answer 503 (RFC 3030 §2). Start a new transaction with MAIL FROM.',
  );
};

const dataWithoutRecipient: Precondition = (state, exchange) => {
  const verb = verbOf(exchange);
  if (verbOpens(verb) !== 'content' && verbOpens(verb) !== 'chunk') return;
  const transaction = state.transaction;
  if (transaction && (transaction.acceptedRecipients > 0 || transaction.body !== 'none')) return;
  const ended = state.transactionEnd;
  if (!transaction && ended) {
    const what = ended.by === 'message' ? `the message ending on line ${ended.line + 1}` : `the BDAT LAST chunk on line ${ended.line + 1}`;
    return finding(
      exchange,
      'data-without-recipient',
      `${verb} cannot succeed: ${what} ended its mail transaction and no MAIL FROM was accepted since, so the server answers 503 (RFC 5321 §3.3). Start the next message with MAIL FROM and RCPT TO, or expect the refusal.`,
    );
  }
  const why = transaction ? 'no RCPT TO was accepted in this transaction' : 'no mail transaction is open (no MAIL FROM was accepted)';
  return finding(
    exchange,
    'data-without-recipient',
    `${verb} cannot succeed: ${why}, so the server answers 503 or 554 (RFC 5321 §3.3). Add an accepted RCPT TO, or expect the refusal.`,
  );
};

const starttlsTwice: Precondition = (state, exchange) => {
  if (verbOpens(verbOf(exchange)) !== 'tls-handshake' || state.tls === 'none') return;
  const why = state.tls === 'implicit' ? 'the connection uses TLS from the start (`@tls = implicit`)' : 'an earlier STARTTLS already started TLS';
  return finding(exchange, 'starttls-twice', `STARTTLS while TLS is active: ${why} (RFC 3207 §4). Remove it, or expect the refusal.`);
};

const starttlsInTransaction: Precondition = (state, exchange) => {
  if (verbOpens(verbOf(exchange)) !== 'tls-handshake' || !state.transaction) return;
  return finding(
    exchange,
    'starttls-in-transaction',
    `STARTTLS inside the mail transaction opened on line ${state.transaction.mailLine + 1}: negotiate TLS before MAIL FROM (RFC 3207 §4.2); servers answer 503.`,
  );
};

const authTwice: Precondition = (state, exchange) => {
  if (verbOpens(verbOf(exchange)) !== 'auth-response' || state.auth !== 'authenticated') return;
  return finding(
    exchange,
    'auth-twice',
    'AUTH after a successful AUTH: the server must refuse it with 503 (RFC 4954 §4). Remove it, or expect `503`.',
  );
};

const authInTransaction: Precondition = (state, exchange) => {
  if (verbOpens(verbOf(exchange)) !== 'auth-response' || !state.transaction) return;
  return finding(
    exchange,
    'auth-in-transaction',
    `AUTH inside the mail transaction opened on line ${state.transaction.mailLine + 1}: the server must refuse it with 503 (RFC 4954 §4). Authenticate before MAIL FROM.`,
  );
};

/** In order: the first that reports ends the sequencing checks for the exchange. */
export const SEQUENCING_PRECONDITIONS: readonly Precondition[] = [
  mailBeforeHelo,
  mailInTransaction,
  rcptBeforeMail,
  dataMixedWithBdat,
  bdatAfterLast,
  dataWithoutRecipient,
  starttlsTwice,
  starttlsInTransaction,
  authTwice,
  authInTransaction,
  // Last: a more specific rule (STARTTLS twice) explains the first command after STARTTLS better.
  ehloAfterStarttls,
];

export function checkSequencing(state: SessionState, exchange: Exchange): Finding[] {
  for (const precondition of SEQUENCING_PRECONDITIONS) {
    const found = precondition(state, exchange);
    if (found) return Array.isArray(found) ? found : [found];
  }
  return [];
}
