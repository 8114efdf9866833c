// How one exchange moves the session on, following the reply the transcript expects. A refused command leaves the
// state as it was; an unknown outcome (no reply written, `xxx`) is read as success so one gap does not cascade.
import { isAllowedBeforeEhloAfterTls } from '../../../knowledge/verbs';
import type { BdatExchange, CommandExchange, Exchange } from '../../../model/types';
import { readEhloCapabilities } from './ehloCapabilities';
import { expectedOutcome, type ExpectedOutcome } from './expectedOutcome';
import { carriesSmtputf8 } from '../protocol/addressChecks';
import { cleartextAuthAwaitingResponse } from '../protocol/credentialChecks';
import type { MailTransaction, SessionState } from './sessionState';


export function nextState(state: SessionState, exchange: Exchange): SessionState {
  if (state.ended || isAfterServerClose(state, exchange)) return state;
  const next = moveOn(state, exchange);
  const cleartextAuth = cleartextAuthAwaitingResponse(state, exchange);
  return next.cleartextAuth === cleartextAuth ? next : { ...next, cleartextAuth };
}

function moveOn(state: SessionState, exchange: Exchange): SessionState {
  const outcome = expectedOutcome(exchange);
  switch (exchange.kind) {
    case 'greeting':
      return { ...state, greeted: true };
    case 'client-close':
      return { ...state, ended: { by: '<close>', line: exchange.line.line } };
    case 'auth-response':
      return { ...state, ...pipelineGroup(state, exchange), auth: authAfterReply(outcome) };
    case 'message':
      // RFC 5321 §4.1.1.4: the reply to the final `.` ends the transaction, whether it accepts the message or not.
      return { ...state, ...pipelineGroup(state, exchange), transaction: undefined, transactionEnd: { line: (exchange.terminator ?? exchange).range.start.line, by: 'message' } };
    case 'bdat':
      return afterBdat({ ...state, ...pipelineGroup(state, exchange) }, exchange, outcome);
    case 'command':
      return afterCommand({ ...state, ...pipelineGroup(state, exchange), tlsRestart: tlsRestartAfter(state, exchange) }, exchange, outcome);
  }
}

/** Counts the client exchanges written together (RFC 2920): same group index, no `S:` line between them. */
function pipelineGroup(state: SessionState, exchange: Exchange): Pick<SessionState, 'pipelineGroup' | 'pipelineGroupSize'> {
  const same = exchange.pipelineGroup === state.pipelineGroup;
  return { pipelineGroup: exchange.pipelineGroup, pipelineGroupSize: same ? state.pipelineGroupSize + 1 : 1 };
}

export function isAfterServerClose(state: SessionState, exchange: Exchange): boolean {
  return state.serverClosesAtLine !== undefined && exchange.range.start.line > state.serverClosesAtLine;
}

function tlsRestartAfter(state: SessionState, exchange: CommandExchange): SessionState['tlsRestart'] {
  if (state.tlsRestart !== 'awaiting-ehlo' || isAllowedBeforeEhloAfterTls(exchange.command.verb)) return state.tlsRestart;
  return 'reported';
}

function afterCommand(state: SessionState, exchange: CommandExchange, outcome: ExpectedOutcome): SessionState {
  const { verb, argument } = exchange.command;
  if (outcome === 'failure') {
    // RFC 4954 §4: a refused AUTH (other than 503, out of sequence) leaves the client unauthenticated.
    const authFailed = verb === 'AUTH' && state.auth !== 'authenticated' && !exchange.reply?.code?.startsWith('503');
    return authFailed ? { ...state, auth: 'failed' } : state;
  }
  switch (verb) {
    case 'EHLO':
    case 'HELO':
      // RFC 5321 §4.1.4: EHLO/HELO also abort any open transaction.
      return {
        ...state,
        hello: verb === 'EHLO' ? 'ehlo' : 'helo',
        capabilities: verb === 'EHLO' && exchange.reply ? readEhloCapabilities(exchange.reply) : undefined,
        helloDomain: argument.trim() || state.helloDomain,
        tlsRestart: 'none',
        transaction: undefined,
        transactionEnd: undefined,
        bdatLastSent: false,
      };
    case 'MAIL':
      return { ...state, transaction: openTransaction(exchange), transactionEnd: undefined, bdatLastSent: false };
    case 'RCPT':
      if (!state.transaction) return state;
      return { ...state, transaction: { ...state.transaction, acceptedRecipients: state.transaction.acceptedRecipients + 1 } };
    case 'DATA':
      return state.transaction ? { ...state, transaction: { ...state.transaction, body: 'data' } } : state;
    case 'RSET':
      return { ...state, transaction: undefined, transactionEnd: undefined, bdatLastSent: false };
    case 'STARTTLS':
      // RFC 3207 §4.2: both sides discard what they learnt before TLS; the session starts over.
      return {
        ...state,
        tls: 'starttls',
        hello: 'none',
        capabilities: undefined,
        tlsRestart: 'awaiting-ehlo',
        auth: 'none',
        transaction: undefined,
        transactionEnd: undefined,
        bdatLastSent: false,
      };
    case 'AUTH':
      return { ...state, auth: outcome === 'intermediate' ? 'in-progress' : 'authenticated' };
    case 'QUIT':
      return { ...state, ended: { by: 'QUIT', line: exchange.command.line.line } };
    default:
      return state;
  }
}

function openTransaction(exchange: CommandExchange): MailTransaction {
  const line = exchange.command.line;
  return { mailLine: line.line, acceptedRecipients: 0, body: 'none', smtputf8: carriesSmtputf8(exchange), mailEnd: line.payload.range.end };
}

function authAfterReply(outcome: ExpectedOutcome): SessionState['auth'] {
  if (outcome === 'intermediate') return 'in-progress';
  return outcome === 'failure' ? 'failed' : 'authenticated';
}

function afterBdat(state: SessionState, exchange: BdatExchange, outcome: ExpectedOutcome): SessionState {
  // 503: the chunk was out of sequence and changed nothing.
  if (outcome === 'failure' && exchange.reply?.code?.startsWith('503')) return state;
  if (exchange.last) return { ...state, transaction: undefined, transactionEnd: { line: exchange.command.line.line, by: 'bdat' }, bdatLastSent: true };
  if (!state.transaction || outcome === 'failure') return state;
  return { ...state, transaction: { ...state.transaction, body: 'bdat' } };
}
