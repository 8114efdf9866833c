// The SMTP session as a pure transition, (state, event) -> state: each exchange moves it on only when its outcome
// says the command succeeded (a refused command leaves the state as it was; an unknown outcome counts as success so
// one gap does not cascade). Lint and completion feed it the replies the transcript expects; replay or a scripted
// server may feed it the replies on the wire. Events are plain data: this file knows no transcript model.
import type { TlsMode } from '../knowledge/tlsModes';
import type { Verb } from '../knowledge/verbSpec';
import { isAllowedBeforeEhloAfterTls } from '../knowledge/verbs';
import { verbOpens } from './dialogueState';

/** What a reply says of its command, from its first digit (RFC 5321 §4.2.1); `unknown`: no reply, or `xxx`. */
export type Outcome = 'success' | 'intermediate' | 'failure' | 'unknown';

export function outcomeOf(code: string | undefined): Outcome {
  const digit = code?.[0];
  if (digit === '2') return 'success';
  if (digit === '3') return 'intermediate';
  if (digit === '4' || digit === '5') return 'failure';
  return 'unknown';
}

export interface LineColumn {
  readonly line: number;
  readonly character: number;
}

/** What an EHLO reply advertises (RFC 5321 §4.1.1.1). */
export interface EhloCapabilities {
  /** Upper-case keyword -> its parameters as written. */
  readonly keywords: ReadonlyMap<string, readonly string[]>;
  /** The SIZE limit in octets (RFC 1870 §4); undefined when SIZE gives none or 0 (no fixed limit). */
  readonly sizeLimit?: number;
  /** Upper-case SASL mechanisms listed after AUTH (RFC 4954 §3). */
  readonly authMechanisms: ReadonlySet<string>;
}

export interface MailTransaction {
  /** Line of the MAIL command that opened it. */
  readonly mailLine: number;
  readonly acceptedRecipients: number;
  /** How the content is being sent: DATA and BDAT must not be mixed (RFC 3030 §2). */
  readonly body: 'none' | 'data' | 'bdat';
  /** The MAIL carries SMTPUTF8 (RFC 6531 §3.4), and where its line ends (a fix adds the parameter there). */
  readonly smtputf8: boolean;
  readonly mailEnd: LineColumn;
}

export type AuthState = 'none' | 'in-progress' | 'authenticated' | 'failed';

export interface SessionState {
  readonly greeted: boolean;
  /** The last successful HELO or EHLO (reset by STARTTLS). */
  readonly hello: 'none' | 'helo' | 'ehlo';
  /** Keywords of the recorded EHLO reply; undefined when there is none to go by. */
  readonly capabilities?: EhloCapabilities;
  /** The client argument of the last EHLO/HELO, reused by quick fixes. */
  readonly helloDomain?: string;
  readonly tls: TlsMode;
  /** After STARTTLS and 220, EHLO must come again (RFC 3207 §4.2); `reported` once a command skipped it. */
  readonly tlsRestart: 'none' | 'awaiting-ehlo' | 'reported';
  readonly auth: AuthState;
  readonly transaction?: MailTransaction;
  /** Where the last transaction ended with its message (the `.` line, or BDAT LAST), until a new one may start. */
  readonly transactionEnd?: { readonly line: number; readonly by: 'message' | 'bdat' };
  /** BDAT LAST ended the last transaction; a further BDAT needs a new MAIL (RFC 3030 §2). */
  readonly bdatLastSent: boolean;
  /** The client ended the session (QUIT or `C: <close>`) at this line. */
  readonly ended?: { readonly by: 'QUIT' | '<close>'; readonly line: number; readonly reported?: boolean };
  /** `S: <closed>`: the parser already reports every line after it. */
  readonly serverClosesAtLine?: number;
  /** Pipeline group of the previous client exchange (RFC 2920), and how many exchanges it holds so far. */
  readonly pipelineGroup: number;
  readonly pipelineGroupSize: number;
}

interface EventBase {
  /** The first line of the exchange. */
  readonly startLine: number;
  /** The pipelined group (RFC 2920) the exchange's client lines belong to. */
  readonly group: number;
}

export type SessionEvent =
  | (EventBase & { readonly kind: 'greeting' })
  | (EventBase & { readonly kind: 'client-close' })
  | (EventBase & { readonly kind: 'auth-response'; readonly outcome: Outcome })
  | (EventBase & { readonly kind: 'message'; readonly outcome: Outcome; readonly endLine: number })
  | (EventBase & { readonly kind: 'bdat'; readonly last: boolean; readonly outcome: Outcome; readonly code?: string; readonly commandLine: number })
  | (EventBase & {
      readonly kind: 'command';
      readonly verb: Verb | undefined;
      readonly argument: string;
      readonly outcome: Outcome;
      readonly code?: string;
      readonly commandLine: number;
      /** MAIL: where its line ends, and whether it carries SMTPUTF8. */
      readonly mailEnd?: LineColumn;
      readonly smtputf8?: boolean;
      /** EHLO: what its reply advertises, when the reply records it. */
      readonly capabilities?: EhloCapabilities;
    });

export function initialSessionState(options: { implicitTls: boolean; serverClosesAtLine?: number }): SessionState {
  // Every field is present from the start, so each state has the same shape (and copying one stays cheap).
  return {
    greeted: false,
    hello: 'none',
    capabilities: undefined,
    helloDomain: undefined,
    tls: options.implicitTls ? 'implicit' : 'none',
    tlsRestart: 'none',
    auth: 'none',
    transaction: undefined,
    transactionEnd: undefined,
    bdatLastSent: false,
    ended: undefined,
    serverClosesAtLine: options.serverClosesAtLine,
    pipelineGroup: -1,
    pipelineGroupSize: 0,
  };
}

/** The state after `event`. Generic so a caller's own fields (lint keeps one) ride along unchanged. */
export function nextState<S extends SessionState>(state: S, event: SessionEvent): S {
  if (state.ended || isAfterServerClose(state, event.startLine)) return state;
  switch (event.kind) {
    case 'greeting':
      return { ...state, greeted: true };
    case 'client-close':
      return { ...state, ended: { by: '<close>', line: event.startLine } };
    case 'auth-response':
      return { ...state, ...pipelineGroup(state, event), auth: authAfterReply(event.outcome) };
    case 'message':
      // RFC 5321 §4.1.1.4: the reply to the final `.` ends the transaction, whether it accepts the message or not.
      return { ...state, ...pipelineGroup(state, event), transaction: undefined, transactionEnd: { line: event.endLine, by: 'message' } };
    case 'bdat':
      return afterBdat({ ...state, ...pipelineGroup(state, event) }, event);
    case 'command':
      return afterCommand({ ...state, ...pipelineGroup(state, event), tlsRestart: tlsRestartAfter(state, event.verb) }, event);
  }
}

/** `S: <closed>` stands above the exchange: the parser reports it, and the state stays as it was. */
export function isAfterServerClose(state: SessionState, startLine: number): boolean {
  return state.serverClosesAtLine !== undefined && startLine > state.serverClosesAtLine;
}

/** Counts the client exchanges written together (RFC 2920): same group index, no `S:` line between them. */
function pipelineGroup(state: SessionState, event: EventBase): Pick<SessionState, 'pipelineGroup' | 'pipelineGroupSize'> {
  const same = event.group === state.pipelineGroup;
  return { pipelineGroup: event.group, pipelineGroupSize: same ? state.pipelineGroupSize + 1 : 1 };
}

function tlsRestartAfter(state: SessionState, verb: Verb | undefined): SessionState['tlsRestart'] {
  if (state.tlsRestart !== 'awaiting-ehlo' || isAllowedBeforeEhloAfterTls(verb)) return state.tlsRestart;
  return 'reported';
}

function afterCommand<S extends SessionState>(state: S, event: Extract<SessionEvent, { kind: 'command' }>): S {
  const { verb, argument, outcome } = event;
  const opening = verbOpens(verb);
  if (outcome === 'failure') {
    // RFC 4954 §4: a refused AUTH (other than 503, out of sequence) leaves the client unauthenticated.
    const authFailed = opening === 'auth-response' && state.auth !== 'authenticated' && !event.code?.startsWith('503');
    return authFailed ? { ...state, auth: 'failed' } : state;
  }
  // What the verb table says a command opens decides DATA, STARTTLS and AUTH; the rest go by their own names.
  switch (opening) {
    case 'content':
      return state.transaction ? { ...state, transaction: { ...state.transaction, body: 'data' } } : state;
    case 'tls-handshake':
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
    case 'auth-response':
      return { ...state, auth: outcome === 'intermediate' ? 'in-progress' : 'authenticated' };
  }
  switch (verb) {
    case 'EHLO':
    case 'HELO':
      // RFC 5321 §4.1.4: EHLO/HELO also abort any open transaction.
      return {
        ...state,
        hello: verb === 'EHLO' ? 'ehlo' : 'helo',
        capabilities: verb === 'EHLO' ? event.capabilities : undefined,
        helloDomain: argument.trim() || state.helloDomain,
        tlsRestart: 'none',
        transaction: undefined,
        transactionEnd: undefined,
        bdatLastSent: false,
      };
    case 'MAIL':
      return { ...state, transaction: openTransaction(event), transactionEnd: undefined, bdatLastSent: false };
    case 'RCPT':
      if (!state.transaction) return state;
      return { ...state, transaction: { ...state.transaction, acceptedRecipients: state.transaction.acceptedRecipients + 1 } };
    case 'RSET':
      return { ...state, transaction: undefined, transactionEnd: undefined, bdatLastSent: false };
    case 'QUIT':
      return { ...state, ended: { by: 'QUIT', line: event.commandLine } };
    default:
      return state;
  }
}

function openTransaction(event: Extract<SessionEvent, { kind: 'command' }>): MailTransaction {
  return {
    mailLine: event.commandLine,
    acceptedRecipients: 0,
    body: 'none',
    smtputf8: event.smtputf8 ?? false,
    mailEnd: event.mailEnd ?? { line: event.commandLine, character: 0 },
  };
}

function authAfterReply(outcome: Outcome): AuthState {
  if (outcome === 'intermediate') return 'in-progress';
  return outcome === 'failure' ? 'failed' : 'authenticated';
}

function afterBdat<S extends SessionState>(state: S, event: Extract<SessionEvent, { kind: 'bdat' }>): S {
  // 503: the chunk was out of sequence and changed nothing.
  if (event.outcome === 'failure' && event.code?.startsWith('503')) return state;
  if (event.last) return { ...state, transaction: undefined, transactionEnd: { line: event.commandLine, by: 'bdat' }, bdatLastSent: true };
  if (!state.transaction || event.outcome === 'failure') return state;
  return { ...state, transaction: { ...state.transaction, body: 'bdat' } };
}
