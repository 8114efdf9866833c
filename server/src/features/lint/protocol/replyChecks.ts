// Does each expected reply fit what it answers? The lists come from the verb table (RFC 5321 §4.3.2 and the
// extensions' RFCs). A success or intermediate code outside the list cannot be right; an unlisted error code may
// be a server's own choice, so it only gets a hint.
import { lookupVerb, VERB_SPECS } from '../../../knowledge/verbs';
import { lookupAuthMechanism } from '../../../knowledge/authMechanisms';
import { ANY_COMMAND_REPLY_CODES, GREETING_REPLY_CODES } from '../../../knowledge/replyCodes';
import { positiveReplies, type ReplySet, type Verb } from '../../../knowledge/verbSpec';
import { replyOpens } from '../../../dialogue/dialogueState';
import { isAuthCommand, isDataCommand, targetOf } from '../../../model/dialogueEvents';
import { awaitsReply } from '../../../model/replyPairing';
import type { Exchange, ReplyExpectation, Session } from '../../../model/types';
import { rule, type Finding, type TextEdit } from '../rule';
import { excerpt } from '../syntax/excerpt';
import { sentRange } from '../session/precondition';
import { payloadRange, replyCodeRange } from '../../../model/lineRanges';
import { exchangeEnd, exchangeStartLine } from '../../../model/exchangeRange';

export const ReplyRules = {
  greetingMissing: rule('greeting-missing', 'warning', 'A session whose first line is a `C:` line: the server speaks first, so its 220 greeting belongs before.', { rfc: 5321, section: '4.3.1' }),
  greetingCode: rule('greeting-code', 'error', 'A greeting whose code is not 220 (ready) or a refusal of the session (554, 521, 421).', { rfc: 5321, section: '4.3.2' }),
  replyMissing: rule('reply-missing', 'warning', 'A command, AUTH response or message content with no `S:` reply written after it.', { rfc: 5321, section: '4.2' }),
  replyNotForCommand: rule('reply-not-for-command', 'error', 'An expected reply the command cannot get: a success or intermediate code outside its list (QUIT -> 221, DATA -> 354, 334 only for AUTH); an unlisted error code is a hint.', { rfc: 5321, section: '4.3.2' }),
};

interface ExpectedReplies {
  /** How the message names what is answered. */
  what: string;
  positive: readonly number[];
  failure: readonly number[];
  /** Every code above, for the common case of an expectation without `x`. */
  all: ReadonlySet<string>;
}

/**
 * Refusals servers give to commands beyond the lists of §4.3.2: 521 (RFC 7504 §3, any command), 503 for a command
 * out of sequence, 554 for policy refusals (Postfix refuses relaying with it).
 */
const COMMON_REFUSALS: readonly number[] = [...ANY_COMMAND_REPLY_CODES, 521, 503, 554];

function expected(what: string, positive: readonly number[], failure: readonly number[]): ExpectedReplies {
  return { what, positive, failure, all: new Set([...positive, ...failure].map(String)) };
}

function fromReplySet(what: string, set: ReplySet, extraFailures: readonly number[]): ExpectedReplies {
  return expected(what, positiveReplies(set), [...set.error, ...extraFailures]);
}

const GREETING = expected('The greeting', GREETING_REPLY_CODES.success, [...GREETING_REPLY_CODES.error, 421]);
const AUTH_RESPONSE = fromReplySet('An AUTH response', lookupVerb('AUTH')!.continuationReplies!, COMMON_REFUSALS);
const MESSAGE_END = fromReplySet('The end of the message content (`C: .`)', lookupVerb('DATA')!.continuationReplies!, COMMON_REFUSALS);
const BY_VERB = new Map<Verb, ExpectedReplies>();

/** Built once per known verb; unknown verbs (reported by the syntax rules) have no list. */
function commandReplies(verb: Verb | undefined): ExpectedReplies | undefined {
  if (verb === undefined) return undefined;
  const cached = BY_VERB.get(verb);
  if (cached) return cached;
  const spec = VERB_SPECS[verb];
  // RFC 4954 §6: 530 may answer any command but AUTH, EHLO, HELO, NOOP, RSET and QUIT.
  const replies = fromReplySet(verb, spec.replies, spec.allowedBeforeAuth ? COMMON_REFUSALS : [...COMMON_REFUSALS, 530]);
  BY_VERB.set(verb, replies);
  return replies;
}

function expectedReplies(exchange: Exchange): ExpectedReplies | undefined {
  switch (exchange.kind) {
    case 'greeting':
      return GREETING;
    case 'command':
    case 'bdat':
      return commandReplies(exchange.command.verb);
    case 'auth-response':
      return AUTH_RESPONSE;
    case 'message':
      return MESSAGE_END;
    case 'client-close':
      return undefined;
  }
}

/** Every position holds the same digit, or the expectation's wildcard `x`. */
function agrees(pattern: string, code: number): boolean {
  const digits = String(code);
  if (pattern.length !== 3) return false;
  for (let i = 0; i < 3; i++) if (pattern[i] !== 'x' && pattern[i] !== digits[i]) return false;
  return true;
}

function fits(code: string, replies: ExpectedReplies): boolean {
  if (!code.includes('x')) return replies.all.has(code);
  return replies.positive.some((c) => agrees(code, c)) || replies.failure.some((c) => agrees(code, c));
}

function list(codes: readonly number[]): string {
  return codes.length === 0 ? 'none' : [...new Set(codes)].join(', ');
}

function codeLine(reply: ReplyExpectation) {
  for (let i = reply.lines.length - 1; i >= 0; i--) if (reply.lines[i].code !== undefined) return reply.lines[i];
  return undefined;
}

export function checkReplyFits(exchange: Exchange, reply: ReplyExpectation | undefined): Finding[] {
  const code = reply?.code;
  const expected = expectedReplies(exchange);
  if (!reply || !code || !expected || code[0] < '2' || code[0] > '5' || fits(code, expected)) return NONE;
  const line = codeLine(reply);
  if (line?.code === undefined) return NONE;
  const ruleId = exchange.kind === 'greeting' ? ReplyRules.greetingCode.id : ReplyRules.replyNotForCommand.id;
  if (code[0] === '4' || code[0] === '5') {
    return [
      {
        ruleId,
        range: replyCodeRange(line),
        severity: 'hint',
        message: `\`${code}\` is not among the refusals RFC 5321 §4.3.2 lists for ${expected.what} (${list(expected.failure)}): check that the server really sends it.`,
      },
    ];
  }
  const only = expected.positive.length === 1 ? expected.positive[0] : undefined;
  const note = agrees(code, 334) ? ' (334 continues an AUTH exchange only)' : agrees(code, 354) ? ' (354 answers DATA only)' : '';
  const finding: Finding = {
    ruleId,
    range: replyCodeRange(line),
    message: `${expected.what} is answered ${list(expected.positive)} or a refusal, never \`${code}\`${note} (RFC 5321 §4.3.2): expect ${only ?? `one of ${list(expected.positive)}`}.`,
  };
  if (only !== undefined) finding.fix = { title: `Expect ${only}`, edits: replaceCode(reply, String(only)) };
  return [finding];
}

/** The code is written on every line of a multi-line reply. */
function replaceCode(reply: ReplyExpectation, code: string): TextEdit[] {
  return reply.lines.flatMap((line) => (line.code !== undefined ? [{ range: replyCodeRange(line), newText: code }] : []));
}

export function checkGreeting(session: Session): Finding[] {
  const first = session.exchanges[0];
  if (!first || first.kind === 'greeting') return [];
  const line = exchangeStartLine(first);
  return [
    {
      ruleId: ReplyRules.greetingMissing.id,
      range: sentRange(first),
      message: 'The session starts with a `C:` line, but the server speaks first: write its greeting (`S: 220 ...`) before the first command (RFC 5321 §4.3.1).',
      fix: { title: 'Insert S: 220 *', edits: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: 'S: 220 *\n' }] },
    },
  ];
}

/**
 * Content written right after `C: DATA` with no 354 between (the parser reports `data-reply-missing`): the reply
 * written after `C: .` is then read as DATA's, so neither DATA's reply nor the message's is judged.
 */
function isContentWithout354(session: Session, index: number): boolean {
  const exchange = session.exchanges[index];
  const data = exchange.kind === 'message' ? session.exchanges[index - 1] : exchange;
  const message = exchange.kind === 'message' ? exchange : session.exchanges[index + 1];
  return (
    isDataCommand(data) && message?.kind === 'message' && replyOpens(targetOf(data), data.reply?.code, 'class') !== 'content'
  );
}

export function checkSessionReplies(session: Session): Finding[] {
  const findings: Finding[] = [];
  for (let i = 0; i < session.exchanges.length; i++) {
    // Most replies fit: the cheap check first, the look around the exchange only for a finding.
    const exchange = session.exchanges[i];
    const found = checkReplyFits(exchange, exchange.reply);
    if (found.length > 0 && !isContentWithout354(session, i)) for (const added of found) findings.push(added);
    // LMTP: each further recipient's reply to the end of the message (RFC 2033 §4.2).
    if (exchange.recipientReplies) for (const further of exchange.recipientReplies) for (const added of checkReplyFits(exchange, further)) findings.push(added);
  }
  return findings;
}

// Returned for the common case, never changed.
const NONE: Finding[] = [];

export function checkRepliesPresent(session: Session): Finding[] {
  const findings: Finding[] = [];
  const closedAt = session.expectsClose?.line ?? Infinity;
  // A server that ends with `<reset>` or `<silence>` leaves what the client sent after its last reply unanswered.
  const answeredUntil = session.fault ? session.exchanges.findLastIndex((e) => e.reply !== undefined) : Infinity;
  for (let i = 0; i < session.exchanges.length; i++) {
    const exchange = session.exchanges[i];
    if (exchangeStartLine(exchange) > closedAt || exchange.kind === 'client-close' || i > answeredUntil) break;
    if (!exchange.reply && exchange.kind !== 'greeting' && awaitsReply(exchange) && !isContentWithout354(session, i)) {
      // `S: <closed>` where its reply is due: the server closes instead of replying (replay and the scripted server
      // read it so), but the reply to QUIT always comes first (RFC 5321 §4.1.1.10).
      const closesInstead = exchange.answeredByClose === true && !(exchange.kind === 'command' && exchange.command.verb === 'QUIT');
      findings.push(missingReply(session, i, closesInstead));
    }
    if (exchange.kind === 'command' && exchange.command.verb === 'QUIT') break;
  }
  return findings;
}

// RFC 4954 §4: the server asks for each further client message of a SASL dialogue with a 334 challenge.
const AUTH_OPENS = lookupVerb('AUTH')!.opens!;
const CHALLENGE = AUTH_OPENS.on === 'intermediate' ? AUTH_OPENS.code : undefined;

/**
 * The AUTH response at `index` is not its mechanism's last message (LOGIN's user name), so the server answers it with
 * a challenge, not its verdict.
 */
function challengeDue(session: Session, index: number): boolean {
  if (session.exchanges[index].kind !== 'auth-response') return false;
  let start = index;
  while (start > 0 && session.exchanges[start - 1].kind === 'auth-response') start--;
  const auth = session.exchanges[start - 1];
  if (!auth || !isAuthCommand(auth)) return false;
  const [mechanism = '', initial = ''] = auth.command.argument.split(' ');
  const messages = lookupAuthMechanism(mechanism)?.clientMessages;
  return messages !== undefined && (initial === '' ? 0 : 1) + (index - start + 1) < messages;
}

/**
 * `closesInstead`: `S: <closed>` follows with no reply between, read as the server closing instead of replying. That
 * is an info, not a warning: a transcript may show a failing server on purpose (a recording of one does).
 */
function missingReply(session: Session, index: number, closesInstead: boolean): Finding {
  const exchange = session.exchanges[index];
  const expected = expectedReplies(exchange);
  const example = (challengeDue(session, index) ? CHALLENGE : undefined) ?? expected?.positive[0] ?? 250;
  const what = expected?.what ?? (exchange.kind === 'command' ? `\`${excerpt(exchange.command.verbText)}\`` : 'This line');
  const range = exchange.kind === 'message' && exchange.terminator ? payloadRange(exchange.terminator) : sentRange(exchange);
  const finding: Finding = closesInstead
    ? {
        ruleId: ReplyRules.replyMissing.id,
        range,
        severity: 'info',
        message: `${what} has no reply before \`S: <closed>\`: the server is expected to close the connection instead of replying, which only a failing server does (RFC 5321 §3.8). If it replies, write the reply (e.g. \`S: ${example} ...\`).`,
      }
    : {
        ruleId: ReplyRules.replyMissing.id,
        range,
        message: `${what} has no expected reply: write the \`S:\` line the server answers with (e.g. \`S: ${example} ...\`), so replay can check it.`,
      };
  // In a pipelined group the replies come after all its commands, in order (RFC 2920 §3.1): where this one's belongs
  // is not simply below its line, so only a command sent on its own gets the fix.
  // A group's exchanges stand next to each other: its neighbours say whether it has others (a look at every exchange
  // here made a session of thousands of unanswered commands quadratic).
  const group = exchange.pipelineGroup;
  const alone = session.exchanges[index - 1]?.pipelineGroup !== group && session.exchanges[index + 1]?.pipelineGroup !== group;
  const unfinished = exchange.kind === 'message' && !exchange.terminator;
  if (alone && !unfinished) {
    const end = exchangeEnd(exchange);
    finding.fix = { title: `Insert S: ${example} *`, edits: [{ range: { start: end, end }, newText: `\nS: ${example} *` }] };
  }
  return finding;
}
