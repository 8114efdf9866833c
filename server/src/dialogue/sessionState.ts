// The SMTP session as a pure transition, (state, event) -> state: each exchange moves it on only when its outcome
// says the command succeeded (a refused command leaves the state as it was; an unknown outcome counts as success so
// one gap does not cascade). Lint and completion feed it the replies the transcript expects; replay or a scripted
// server may feed it the replies on the wire. Events are plain data: this file knows no transcript model.
import type { TlsMode } from '../knowledge/tlsModes';
import type { Verb } from '../knowledge/verbSpec';
import { isAllowedBeforeEhloAfterTls, listsExtensions, opensLmtp, restartsSession } from '../knowledge/verbs';
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
  /** The reply's first line, the server's name, is written `250-*`: perhaps meant for any lines (which `S: ...` is). */
  readonly wildcardNameLine?: true;
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
  /** The last successful HELO or EHLO (LHLO counts as EHLO; reset by STARTTLS). */
  readonly hello: 'none' | 'helo' | 'ehlo';
  /** The last successful hello was LHLO: the session speaks LMTP (RFC 2033), one reply per recipient after `.`. */
  readonly lmtp: boolean;
  /** Keywords of the recorded EHLO reply; undefined when there is none to go by. */
  readonly capabilities?: EhloCapabilities;
  /** The client argument of the last EHLO/HELO, reused by quick fixes. */
  readonly helloDomain?: string;
  /** The line of the command whose success started the session over (XCLIENT's 220), until EHLO/HELO comes again. */
  readonly restartLine?: number;
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
    lmtp: false,
    capabilities: undefined,
    helloDomain: undefined,
    restartLine: undefined,
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

/**
 * The state after `event`. Generic so a caller's own fields (lint keeps some) ride along unchanged; `copy` makes the
 * new state from the old one (lint's copies every field in one literal, cheaper than a spread on its larger state).
 */
export function nextState<S extends SessionState>(state: S, event: SessionEvent, copy: (state: S) => Mutable<S> = spreadCopy): S {
  if (state.ended || isAfterServerClose(state, event.startLine)) return state;
  // One copy per event whose fields are then set: copying an object of the same shape is cheap, while spreading
  // several objects into a literal (or adding fields) builds a new shape each time, and this runs for every exchange.
  const next: Mutable<S> = copy(state);
  switch (event.kind) {
    case 'greeting':
      next.greeted = true;
      return next;
    case 'client-close':
      next.ended = { by: '<close>', line: event.startLine };
      return next;
    case 'auth-response':
      countPipelineGroup(next, event);
      next.auth = authAfterReply(event.outcome);
      return next;
    case 'message':
      countPipelineGroup(next, event);
      // RFC 5321 §4.1.1.4: the reply to the final `.` ends the transaction, whether it accepts the message or not.
      next.transaction = undefined;
      next.transactionEnd = { line: event.endLine, by: 'message' };
      return next;
    case 'bdat':
      countPipelineGroup(next, event);
      afterBdat(next, event);
      return next;
    case 'command':
      countPipelineGroup(next, event);
      next.tlsRestart = tlsRestartAfter(state, event.verb);
      afterCommand(next, event);
      return next;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function spreadCopy<S extends SessionState>(state: S): Mutable<S> {
  return { ...state };
}

/** `S: <closed>` stands above the exchange: the parser reports it, and the state stays as it was. */
export function isAfterServerClose(state: SessionState, startLine: number): boolean {
  return state.serverClosesAtLine !== undefined && startLine > state.serverClosesAtLine;
}

/** Counts the client exchanges written together (RFC 2920): same group index, no `S:` line between them. */
function countPipelineGroup(next: Mutable<SessionState>, event: EventBase): void {
  next.pipelineGroupSize = event.group === next.pipelineGroup ? next.pipelineGroupSize + 1 : 1;
  next.pipelineGroup = event.group;
}

function tlsRestartAfter(state: SessionState, verb: Verb | undefined): SessionState['tlsRestart'] {
  if (state.tlsRestart !== 'awaiting-ehlo' || isAllowedBeforeEhloAfterTls(verb)) return state.tlsRestart;
  return 'reported';
}

/** Moves `next` (a copy of the state before the command) on along the command's outcome. */
function afterCommand(next: Mutable<SessionState>, event: Extract<SessionEvent, { kind: 'command' }>): void {
  const { verb, argument, outcome } = event;
  const opening = verbOpens(verb);
  if (outcome === 'failure') {
    // RFC 4954 §4: a refused AUTH (other than 503, out of sequence) leaves the client unauthenticated.
    if (opening === 'auth-response' && next.auth !== 'authenticated' && !event.code?.startsWith('503')) next.auth = 'failed';
    return;
  }
  // What the verb table says a command opens decides DATA, STARTTLS and AUTH; the rest go by their own names.
  switch (opening) {
    case 'content':
      if (next.transaction) next.transaction = { ...next.transaction, body: 'data' };
      return;
    case 'tls-handshake':
      // RFC 3207 §4.2: both sides discard what they learnt before TLS; the session starts over.
      next.tls = 'starttls';
      next.hello = 'none';
      next.capabilities = undefined;
      next.tlsRestart = 'awaiting-ehlo';
      next.restartLine = undefined;
      next.auth = 'none';
      endTransaction(next);
      return;
    case 'auth-response':
      next.auth = outcome === 'intermediate' ? 'in-progress' : 'authenticated';
      return;
  }
  if (restartsSession(verb)) {
    // XCLIENT's 220: the server is back at its greeting with the new client attributes; EHLO (and what it
    // advertises) comes again. TLS and authentication stand.
    next.hello = 'none';
    next.capabilities = undefined;
    next.restartLine = event.startLine;
    endTransaction(next);
    return;
  }
  switch (verb) {
    case 'EHLO':
    case 'HELO':
    case 'LHLO':
      // RFC 5321 §4.1.4: EHLO/HELO also abort any open transaction (LHLO as EHLO, RFC 2033 §4.1).
      next.hello = listsExtensions(verb) ? 'ehlo' : 'helo';
      next.lmtp = opensLmtp(verb);
      next.capabilities = listsExtensions(verb) ? event.capabilities : undefined;
      next.helloDomain = argument.trim() || next.helloDomain;
      next.restartLine = undefined;
      next.tlsRestart = 'none';
      endTransaction(next);
      return;
    case 'MAIL':
      next.transaction = openTransaction(event);
      next.transactionEnd = undefined;
      next.bdatLastSent = false;
      return;
    case 'RCPT':
      if (next.transaction) next.transaction = { ...next.transaction, acceptedRecipients: next.transaction.acceptedRecipients + 1 };
      return;
    case 'RSET':
      endTransaction(next);
      return;
    case 'QUIT':
      next.ended = { by: 'QUIT', line: event.commandLine };
      return;
  }
}

/** No transaction open, none just ended, no BDAT LAST to answer for. */
function endTransaction(next: Mutable<SessionState>): void {
  next.transaction = undefined;
  next.transactionEnd = undefined;
  next.bdatLastSent = false;
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

function afterBdat(next: Mutable<SessionState>, event: Extract<SessionEvent, { kind: 'bdat' }>): void {
  // 503: the chunk was out of sequence and changed nothing.
  if (event.outcome === 'failure' && event.code?.startsWith('503')) return;
  if (event.last) {
    next.transaction = undefined;
    next.transactionEnd = { line: event.commandLine, by: 'bdat' };
    next.bdatLastSent = true;
    return;
  }
  if (next.transaction && event.outcome !== 'failure') next.transaction = { ...next.transaction, body: 'bdat' };
}
