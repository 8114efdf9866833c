// Preconditions on the order of commands. The first one that applies to an exchange reports it; a command expected
// to be refused for the very reason the rule names is a negative test and only gets a hint.
import { replyOpens, verbOpens } from '../../../dialogue/dialogueState';
import { targetOf } from '../../../model/dialogueEvents';
import { isAllowedBeforeEhloAfterTls, serviceExtensionOf } from '../../../knowledge/verbs';
import type { Verb } from '../../../knowledge/verbSpec';
import type { Exchange } from '../../../model/types';
import { rule, type Finding, type Fix } from '../rule';
import type { RuleId } from '../ruleIds';
import { unlessRefusalExpected } from '../session/expectedOutcome';
import { PreconditionIndex, sentRange, verbIn, verbOpening, type Precondition, type ScopedPrecondition } from '../session/precondition';
import { expectBadSequence, insertCommandsBefore, PLACEHOLDER_RECIPIENT, PLACEHOLDER_SENDER } from './sequencingFixes';
import type { SessionState } from '../session/sessionState';
import { exchangeStartLine } from '../../../model/exchangeRange';

// RFC 5321 §3.3, §4.1.4; RFC 3207; RFC 4954 §4; RFC 3030 §2. `command-after-quit` is reported by session/transition.ts.
export const SequencingRules = {
  mailBeforeHelo: rule('mail-before-helo', 'warning', 'MAIL sent before a successful EHLO or HELO (many servers refuse it with 503).', { rfc: 5321, section: '4.1.4' }),
  extensionWithoutEhlo: rule('extension-without-ehlo', 'warning', 'An extension command (AUTH, STARTTLS, BDAT, ...) before a successful EHLO, or an extension command or MAIL/RCPT parameter (SIZE=, BODY=, SMTPUTF8, NOTIFY=, ...) in a session opened with HELO, which offers no extensions.', { rfc: 5321, section: '4.1.1.1' }),
  rcptBeforeMail: rule('rcpt-before-mail', 'error', 'RCPT sent when no MAIL transaction is open: the server must refuse it with 503.', { rfc: 5321, section: '3.3' }),
  dataWithoutRecipient: rule('data-without-recipient', 'error', 'DATA or BDAT expected to succeed although no RCPT was accepted (or no MAIL transaction is open).', { rfc: 5321, section: '3.3' }),
  mailInTransaction: rule('mail-in-transaction', 'error', 'MAIL sent while a mail transaction is already open; end it first (the message, RSET, or BDAT LAST).', { rfc: 5321, section: '4.1.4' }),
  commandAfterQuit: rule('command-after-quit', 'error', 'A line sent after QUIT or `C: <close>` in the same session: the connection is closed.', { rfc: 5321, section: '4.1.1.10' }),
  ehloAfterStarttls: rule('ehlo-after-starttls', 'warning', 'A command other than EHLO right after STARTTLS succeeded: the session starts over and needs a new EHLO.', { rfc: 3207, section: '4.2' }),
  starttlsTwice: rule('starttls-twice', 'error', 'STARTTLS sent when TLS is already active (after an earlier STARTTLS, or with `@tls = implicit`).', { rfc: 3207, section: '4' }),
  starttlsInTransaction: rule('starttls-in-transaction', 'warning', 'STARTTLS sent inside a mail transaction; negotiate TLS before MAIL.', { rfc: 3207, section: '4.2' }),
  authTwice: rule('auth-twice', 'error', 'AUTH sent after an earlier AUTH succeeded: the server must refuse it with 503.', { rfc: 4954, section: '4' }),
  authInTransaction: rule('auth-in-transaction', 'error', 'AUTH sent inside a mail transaction: the server must refuse it with 503.', { rfc: 4954, section: '4' }),
  // Postfix's protocol pages, not an RFC, define XCLIENT and XFORWARD (knowledge/forwardedAttributes.ts).
  forwardingInTransaction: rule('xclient-in-transaction', 'error', 'XCLIENT or XFORWARD sent inside a mail transaction (between MAIL and the end of the message, or RSET): Postfix refuses it with 503.'),
  bdatDataMixed: rule('bdat-data-mixed', 'error', 'DATA and BDAT used in the same mail transaction.', { rfc: 3030, section: '2' }),
  bdatAfterLast: rule('bdat-after-last', 'error', 'BDAT sent after BDAT LAST without a new MAIL: the server must refuse it with 503.', { rfc: 3030, section: '2' }),
};

function opensContentAsWritten(exchange: Exchange): boolean {
  return exchange.reply !== undefined && replyOpens(targetOf(exchange), exchange.reply.code, 'class') === 'content';
}

function verbOf(exchange: Exchange): Verb | undefined {
  return exchange.kind === 'command' || exchange.kind === 'bdat' ? exchange.command.verb : undefined;
}

function finding(exchange: Exchange, ruleId: RuleId, message: string, fix?: Finding['fix']): Finding {
  return unlessRefusalExpected(exchange, { ruleId, range: sentRange(exchange), message, ...(fix ? { fix } : {}) });
}

const ehloAfterStarttls: Precondition = (state, exchange) => {
  const verb = verbOf(exchange);
  if (state.tlsRestart !== 'awaiting-ehlo' || verb === undefined || isAllowedBeforeEhloAfterTls(verb)) return;
  const line = exchangeStartLine(exchange);
  const domain = state.helloDomain ?? 'client.example.com';
  return finding(
    exchange,
    SequencingRules.ehloAfterStarttls.id,
    `After STARTTLS the session starts over (RFC 3207 §4.2): send \`EHLO ${domain}\` again before ${verb}.`,
    {
      title: `Insert EHLO ${domain}`,
      edits: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `C: EHLO ${domain}\nS: 250 *\n` }],
    },
  );
};

const mailBeforeHelo: Precondition = (state, exchange) => {
  if (verbOf(exchange) !== 'MAIL' || state.hello !== 'none' || state.tlsRestart !== 'none') return;
  // After XCLIENT's 220 the server is back at its greeting (Postfix's XCLIENT Howto): its EHLO is forgotten.
  const message =
    state.restartLine !== undefined
      ? `MAIL FROM with no EHLO/HELO since XCLIENT started the session over on line ${state.restartLine + 1}: the server is back at its greeting, so send EHLO again first (Postfix accepts MAIL there unless \`smtpd_helo_required\` is set; RFC 5321 §4.1.4).`
      : 'MAIL FROM before any accepted EHLO/HELO: the session must be opened with EHLO first (RFC 5321 §4.1.4); many servers answer 503.';
  return finding(exchange, SequencingRules.mailBeforeHelo.id, message, [insertEhlo(state, exchange), expectBadSequence(exchange)]);
};

// RFC 5321 §4.1.1.1: only a server answering EHLO offers service extensions; RFC 4954 §4 and RFC 3207 §4 name EHLO
// for AUTH and STARTTLS. Right after STARTTLS, `ehlo-after-starttls` says it better.
const extensionVerbWithoutEhlo: Precondition = (state, exchange) => {
  const verb = verbOf(exchange);
  const keyword = serviceExtensionOf(verb);
  if (!keyword || state.hello === 'ehlo' || state.tlsRestart !== 'none') return;
  const why =
    state.hello === 'helo'
      ? 'the session was opened with HELO, and a server answering HELO offers no service extensions'
      : state.restartLine !== undefined
        ? `XCLIENT started the session over on line ${state.restartLine + 1}, and what the EHLO before it advertised no longer holds`
        : 'no EHLO was accepted yet, so the server has advertised no extensions';
  return finding(
    exchange,
    SequencingRules.extensionWithoutEhlo.id,
    `${verb} belongs to the ${keyword} extension, but ${why} (RFC 5321 §4.1.1.1): open the session with EHLO, or expect the refusal.`,
    state.hello === 'none' ? insertEhlo(state, exchange) : undefined,
  );
};

const mailInTransaction: Precondition = (state, exchange) => {
  if (verbOf(exchange) !== 'MAIL' || !state.transaction) return;
  return finding(
    exchange,
    SequencingRules.mailInTransaction.id,
    `A mail transaction is already open (MAIL FROM on line ${state.transaction.mailLine + 1}): send the message or RSET before a new MAIL FROM (RFC 5321 §4.1.4); the server answers 503.`,
    [insertCommandsBefore(exchange, 'Insert RSET before this MAIL', ['RSET']), expectBadSequence(exchange)],
  );
};

const rcptBeforeMail: Precondition = (state, exchange) => {
  if (verbOf(exchange) !== 'RCPT' || state.transaction) return;
  return finding(
    exchange,
    SequencingRules.rcptBeforeMail.id,
    'RCPT TO without an accepted MAIL FROM: no mail transaction is open, so the server must answer 503 (RFC 5321 §3.3). Send MAIL FROM first, or expect `503`.',
    [insertCommandsBefore(exchange, `Insert MAIL FROM:${PLACEHOLDER_SENDER} before this RCPT`, [`MAIL FROM:${PLACEHOLDER_SENDER}`]), expectBadSequence(exchange)],
  );
};

const dataMixedWithBdat: Precondition = (state, exchange) => {
  const verb = verbOf(exchange);
  const other = verbOpens(verb) === 'content' ? 'bdat' : verbOpens(verb) === 'chunk' ? 'data' : undefined;
  if (other === undefined || state.transaction?.body !== other) return;
  return finding(
    exchange,
    SequencingRules.bdatDataMixed.id,
    `${verb} in a transaction whose content is already sent with ${other.toUpperCase()}: DATA and BDAT must not be mixed in one transaction (RFC 3030 §2); the server answers 503.`,
    // A DATA written with its 354 and the message below: after a 503 no content follows, and those lines would be
    // read as commands, so the refusal is not offered as a one-line fix there.
    opensContentAsWritten(exchange) ? undefined : expectBadSequence(exchange),
  );
};

const bdatAfterLast: Precondition = (state, exchange) => {
  if (verbOpens(verbOf(exchange)) !== 'chunk' || state.transaction || !state.bdatLastSent) return;
  return finding(
    exchange,
    SequencingRules.bdatAfterLast.id,
    'BDAT after BDAT LAST: that chunk ended the transaction, so the server must answer 503 (RFC 3030 §2). Start a new transaction with MAIL FROM.',
    [insertEnvelope(exchange), expectBadSequence(exchange)],
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
      SequencingRules.dataWithoutRecipient.id,
      `${verb} cannot succeed: ${what} ended its mail transaction and no MAIL FROM was accepted since, so the server answers 503 (RFC 5321 §3.3). Start the next message with MAIL FROM and RCPT TO, or expect the refusal.`,
      insertEnvelope(exchange),
    );
  }
  const why = transaction ? 'no RCPT TO was accepted in this transaction' : 'no mail transaction is open (no MAIL FROM was accepted)';
  return finding(
    exchange,
    SequencingRules.dataWithoutRecipient.id,
    `${verb} cannot succeed: ${why}, so the server answers 503 or 554 (RFC 5321 §3.3). Add an accepted RCPT TO, or expect the refusal.`,
    transaction
      ? insertCommandsBefore(exchange, `Insert RCPT TO:${PLACEHOLDER_RECIPIENT} before this ${verb}`, [`RCPT TO:${PLACEHOLDER_RECIPIENT}`])
      : insertEnvelope(exchange),
  );
};

const starttlsTwice: Precondition = (state, exchange) => {
  if (verbOpens(verbOf(exchange)) !== 'tls-handshake' || state.tls === 'none') return;
  const why = state.tls === 'implicit' ? 'the connection uses TLS from the start (`@tls = implicit`)' : 'an earlier STARTTLS already started TLS';
  return finding(exchange, SequencingRules.starttlsTwice.id, `STARTTLS while TLS is active: ${why} (RFC 3207 §4). Remove it, or expect the refusal.`, expectBadSequence(exchange));
};

const starttlsInTransaction: Precondition = (state, exchange) => {
  if (verbOpens(verbOf(exchange)) !== 'tls-handshake' || !state.transaction) return;
  return finding(
    exchange,
    SequencingRules.starttlsInTransaction.id,
    `STARTTLS inside the mail transaction opened on line ${state.transaction.mailLine + 1}: negotiate TLS before MAIL FROM (RFC 3207 §4.2); servers answer 503.`,
    expectBadSequence(exchange),
  );
};

const authTwice: Precondition = (state, exchange) => {
  if (verbOpens(verbOf(exchange)) !== 'auth-response' || state.auth !== 'authenticated') return;
  return finding(
    exchange,
    SequencingRules.authTwice.id,
    'AUTH after a successful AUTH: the server must refuse it with 503 (RFC 4954 §4). Remove it, or expect `503`.',
    expectBadSequence(exchange),
  );
};

const authInTransaction: Precondition = (state, exchange) => {
  if (verbOpens(verbOf(exchange)) !== 'auth-response' || !state.transaction) return;
  return finding(
    exchange,
    SequencingRules.authInTransaction.id,
    `AUTH inside the mail transaction opened on line ${state.transaction.mailLine + 1}: the server must refuse it with 503 (RFC 4954 §4). Authenticate before MAIL FROM.`,
    expectBadSequence(exchange),
  );
};

const forwardingInTransaction: Precondition = (state, exchange) => {
  if (!state.transaction) return;
  return finding(
    exchange,
    SequencingRules.forwardingInTransaction.id,
    `${verbOf(exchange)} inside the mail transaction opened on line ${state.transaction.mailLine + 1}: Postfix refuses it with 503 (send it before MAIL FROM, or after the message or RSET).`,
    expectBadSequence(exchange),
  );
};

function insertEhlo(state: SessionState, exchange: Exchange): Fix {
  const domain = state.helloDomain ?? 'client.example.com';
  return insertCommandsBefore(exchange, `Insert EHLO ${domain}`, [`EHLO ${domain}`]);
}

/** A new transaction's MAIL FROM and RCPT TO, before a DATA or BDAT that has none. */
function insertEnvelope(exchange: Exchange): Fix {
  return insertCommandsBefore(exchange, 'Insert MAIL FROM and RCPT TO before this command', [
    `MAIL FROM:${PLACEHOLDER_SENDER}`,
    `RCPT TO:${PLACEHOLDER_RECIPIENT}`,
  ]);
}

/** In order: the first that reports ends the sequencing checks for the exchange. All are about commands only. */
export const SEQUENCING_PRECONDITIONS: readonly ScopedPrecondition[] = [
  { check: mailBeforeHelo, verbs: verbIn('MAIL') },
  { check: extensionVerbWithoutEhlo, verbs: (verb) => serviceExtensionOf(verb) !== undefined },
  { check: mailInTransaction, verbs: verbIn('MAIL') },
  { check: rcptBeforeMail, verbs: verbIn('RCPT') },
  { check: dataMixedWithBdat, verbs: verbOpening('content', 'chunk') },
  { check: bdatAfterLast, verbs: verbOpening('chunk') },
  { check: dataWithoutRecipient, verbs: verbOpening('content', 'chunk') },
  { check: starttlsTwice, verbs: verbOpening('tls-handshake') },
  { check: starttlsInTransaction, verbs: verbOpening('tls-handshake') },
  { check: authTwice, verbs: verbOpening('auth-response') },
  { check: authInTransaction, verbs: verbOpening('auth-response') },
  { check: forwardingInTransaction, verbs: verbIn('XCLIENT', 'XFORWARD') },
  // Last: a more specific rule (STARTTLS twice) explains the first command after STARTTLS better.
  { check: ehloAfterStarttls, verbs: (verb) => verb !== undefined && !isAllowedBeforeEhloAfterTls(verb) },
];

const SEQUENCING = new PreconditionIndex(SEQUENCING_PRECONDITIONS);

export function checkSequencing(state: SessionState, exchange: Exchange): Finding | readonly Finding[] | undefined {
  // Only commands and BDAT are sequenced: the other exchanges skip the list.
  if (exchange.kind !== 'command' && exchange.kind !== 'bdat') return undefined;
  const preconditions = SEQUENCING.of(exchange);
  for (let i = 0; i < preconditions.length; i++) {
    const found = preconditions[i](state, exchange);
    if (found) return found;
  }
  return undefined;
}
