// What the local server does with each command it implements: one handler per verb, each returning its reply. The
// session (localSession.ts) reads the lines, the BDAT chunks and the content, and acts on what each reply opens.
import type { Verb } from '../knowledge/verbSpec';
import { LOCAL_AUTH_MECHANISMS, authenticate, type AskClient, type AuthAccount } from './localAuth';
import { acceptedPath, isRejectedDomain, needsUtf8, type Envelope } from './localEnvelope';
import { LOCAL_REPLIES, type Reply } from './localReplies';

export interface LocalSettings {
  /** The name in the greeting and EHLO reply. */
  readonly name: string;
  readonly size: number;
  readonly user: AuthAccount;
  readonly rejectDomains: readonly string[];
  /** RFC 4954 §4: AUTH only over TLS. */
  readonly authNeedsTls: boolean;
}

/** A BDAT command's chunk, read before the command is handled (RFC 3030 §2); `octets` undefined: read and dropped, too big. */
export interface Chunk {
  readonly size: number;
  readonly last: boolean;
  readonly octets?: Buffer;
}

export interface SessionState {
  /** The client's name from EHLO/HELO; undefined until it greets (again, after STARTTLS). */
  helo?: string;
  /** EHLO or LHLO (not HELO): ESMTP parameters are allowed. */
  extended: boolean;
  /** LHLO opened the session: LMTP (RFC 2033), a reply per accepted recipient to the message's end. */
  lmtp?: boolean;
  user?: string;
  envelope?: Envelope;
  /** The BDAT chunks of the open transaction, and whether one went over SIZE. */
  chunks?: { parts: Buffer[]; octets: number; tooBig: boolean };
}

/** What a handler may ask of its session. */
export interface SessionHandle {
  readonly settings: LocalSettings;
  readonly state: SessionState;
  readonly remoteAddress: string;
  readonly secure: boolean;
  /** The plain port before TLS: STARTTLS is offered (RFC 3207 §4.2: not after). */
  readonly canStartTls: boolean;
  readonly ask: AskClient;
  /** Stores and judges a complete message; the replies to its end (`messageEnd`). Ends the transaction. */
  deliver(content: Buffer): Promise<readonly Reply[]>;
  /** `reply` as the end of the open transaction's message gets it: once, or in LMTP once per accepted recipient. */
  messageEnd(reply: Reply): readonly Reply[];
  log(text: string): void;
}

/** The reply to a command; a message's end in LMTP (BDAT LAST) gets several (RFC 2033 §4.2). */
export type Replies = Reply | readonly Reply[];

export type CommandHandler = (session: SessionHandle, argument: string, chunk?: Chunk) => Replies | Promise<Replies>;

/** The keywords EHLO lists, in this order (RFC 5321 §4.1.1.1). */
export function ehloKeywords(session: SessionHandle): string[] {
  return [
    'PIPELINING',
    '8BITMIME',
    'SMTPUTF8',
    'ENHANCEDSTATUSCODES',
    'DSN',
    'CHUNKING',
    'BINARYMIME',
    `AUTH ${LOCAL_AUTH_MECHANISMS.join(' ')}`,
    ...(session.canStartTls ? ['STARTTLS'] : []),
    `SIZE ${session.settings.size}`,
  ];
}

function advertises(session: SessionHandle): (keyword: string) => boolean {
  const keywords = new Set(ehloKeywords(session).map((line) => line.split(' ')[0]));
  return (keyword) => keywords.has(keyword.toUpperCase());
}

/** RFC 5321 §4.5.3.1.8 asks for at least 100; more than this is refused with 452. */
const MAX_RECIPIENTS = 1000;

const noArgument =
  (handler: CommandHandler, verb: string): CommandHandler =>
  (session, argument, chunk) =>
    argument.trim() === '' ? handler(session, argument, chunk) : LOCAL_REPLIES.syntax(`Syntax: ${verb}`);

/**
 * EHLO, HELO or LHLO. The one port speaks SMTP and, once a client sends LHLO, LMTP (RFC 2033 §4.1), so LMTP
 * transcripts replay here too; in an LMTP session EHLO and HELO are refused with 500, as an LMTP server refuses them.
 */
function greet(session: SessionHandle, argument: string, verb: 'EHLO' | 'HELO' | 'LHLO'): Reply {
  if (session.state.lmtp && verb !== 'LHLO') return LOCAL_REPLIES.helloInLmtp;
  const name = argument.trim();
  if (name === '' || /\s/.test(name)) return LOCAL_REPLIES.syntax(`Syntax: ${verb} hostname`);
  const extended = verb !== 'HELO';
  Object.assign(session.state, { helo: name, extended, lmtp: verb === 'LHLO', envelope: undefined, chunks: undefined });
  return LOCAL_REPLIES.hello(session.settings.name, session.remoteAddress, extended ? ehloKeywords(session) : []);
}

function mail(session: SessionHandle, argument: string): Reply {
  const { state, settings } = session;
  if (!state.helo) return LOCAL_REPLIES.badSequence('send HELO/EHLO first');
  if (state.envelope) return LOCAL_REPLIES.badSequence('nested MAIL command');
  const path = acceptedPath('MAIL', argument, advertises(session));
  if ('code' in path) return path;
  // RFC 5321 §4.1.1.11: parameters only after EHLO.
  if (!state.extended && path.parameters.size > 0) return LOCAL_REPLIES.parameterNotSupported('parameters need EHLO');
  const utf8 = path.parameters.has('SMTPUTF8');
  if (needsUtf8(path.address) && !utf8) return LOCAL_REPLIES.utf8AddressWithoutSmtputf8;
  const declared = Number(path.parameters.get('SIZE') ?? 0);
  if (declared > settings.size) return LOCAL_REPLIES.tooBig(settings.size);
  const binary = path.parameters.get('BODY')?.toUpperCase() === 'BINARYMIME';
  state.envelope = { mailFrom: path.address, recipients: [], binary, utf8 };
  return LOCAL_REPLIES.senderOk;
}

function rcpt(session: SessionHandle, argument: string): Reply {
  const { state, settings } = session;
  if (!state.envelope) return LOCAL_REPLIES.badSequence('need MAIL command');
  const path = acceptedPath('RCPT', argument, advertises(session));
  if ('code' in path) return path;
  if (needsUtf8(path.address) && !state.envelope.utf8) return LOCAL_REPLIES.utf8AddressWithoutSmtputf8;
  if (state.envelope.recipients.length >= MAX_RECIPIENTS) return LOCAL_REPLIES.tooManyRecipients;
  if (isRejectedDomain(path.address, settings.rejectDomains)) {
    return LOCAL_REPLIES.rejectedRecipient(path.address, path.address.slice(path.address.lastIndexOf('@') + 1));
  }
  state.envelope.recipients.push(path.address);
  return LOCAL_REPLIES.recipientOk;
}

/** Why no content may come now, or undefined. */
function contentRefusal(state: SessionState): Reply | undefined {
  if (!state.envelope) return LOCAL_REPLIES.badSequence('need MAIL command');
  if (state.envelope.recipients.length === 0) return LOCAL_REPLIES.badSequence('need RCPT command');
  return undefined;
}

function data(session: SessionHandle): Reply {
  const { state } = session;
  const refusal = contentRefusal(state);
  if (refusal) return refusal;
  // RFC 3030 §2-3: DATA may not follow BDAT in a transaction, nor carry BINARYMIME content.
  if (state.chunks) return LOCAL_REPLIES.badSequence('DATA cannot follow BDAT in a transaction');
  if (state.envelope?.binary) return LOCAL_REPLIES.badSequence('BODY=BINARYMIME content must be sent with BDAT');
  return LOCAL_REPLIES.startContent;
}

async function bdat(session: SessionHandle, _argument: string, chunk?: Chunk): Promise<Replies> {
  const { state, settings } = session;
  if (!chunk) return LOCAL_REPLIES.syntax('Syntax: BDAT size [LAST]');
  const refusal = contentRefusal(state);
  if (refusal) return refusal;
  const chunks = (state.chunks ??= { parts: [], octets: 0, tooBig: false });
  chunks.octets += chunk.size;
  if (chunk.octets && !chunks.tooBig && chunks.octets <= settings.size) chunks.parts.push(chunk.octets);
  else chunks.tooBig = true;
  // RFC 3030 §2: a refused chunk fails the transaction; the client sends no more chunks of it.
  if (chunks.tooBig) {
    const refused = chunk.last ? session.messageEnd(LOCAL_REPLIES.tooBig(settings.size)) : LOCAL_REPLIES.tooBig(settings.size);
    Object.assign(state, { envelope: undefined, chunks: undefined });
    return refused;
  }
  if (!chunk.last) return LOCAL_REPLIES.chunkReceived(chunk.size);
  return session.deliver(Buffer.concat(chunks.parts));
}

function rset(session: SessionHandle): Reply {
  Object.assign(session.state, { envelope: undefined, chunks: undefined });
  return LOCAL_REPLIES.ok;
}

function startTls(session: SessionHandle): Reply {
  return session.canStartTls ? LOCAL_REPLIES.startTls : LOCAL_REPLIES.badSequence('TLS already active');
}

async function auth(session: SessionHandle, argument: string): Promise<Reply> {
  const { state, settings } = session;
  const [mechanism = '', initial, extra] = argument.trim().split(/\s+/);
  if (mechanism === '' || extra !== undefined) return LOCAL_REPLIES.syntax('Syntax: AUTH mechanism [initial-response]');
  if (!state.helo || !state.extended) return LOCAL_REPLIES.badSequence('send EHLO first');
  if (settings.authNeedsTls && !session.secure) return LOCAL_REPLIES.tlsRequiredForAuth;
  // RFC 4954 §4: once authenticated, no AUTH; none during a mail transaction.
  if (state.user !== undefined) return LOCAL_REPLIES.badSequence('No identity changes permitted');
  if (state.envelope) return LOCAL_REPLIES.badSequence('Mail transaction in progress');
  const outcome = await authenticate(mechanism.toUpperCase(), initial, session.ask, settings.user);
  if (!outcome) return LOCAL_REPLIES.authCancelled;
  if (outcome.user !== undefined) {
    state.user = outcome.user;
    session.log(`${outcome.user} authenticated using ${mechanism.toUpperCase()}`);
  }
  return outcome.reply;
}

function vrfy(_session: SessionHandle, argument: string): Reply {
  return argument.trim() === '' ? LOCAL_REPLIES.syntax('Syntax: VRFY address') : LOCAL_REPLIES.cannotVerify;
}

/** The verbs the local server implements; any other known verb gets 502, an unknown word 500. */
export const LOCAL_COMMANDS: Partial<Record<Verb, CommandHandler>> = {
  EHLO: (session, argument) => greet(session, argument, 'EHLO'),
  HELO: (session, argument) => greet(session, argument, 'HELO'),
  LHLO: (session, argument) => greet(session, argument, 'LHLO'),
  MAIL: mail,
  RCPT: rcpt,
  DATA: noArgument(data, 'DATA'),
  BDAT: bdat,
  RSET: noArgument(rset, 'RSET'),
  NOOP: () => LOCAL_REPLIES.ok,
  VRFY: vrfy,
  HELP: () => LOCAL_REPLIES.help(Object.keys(LOCAL_COMMANDS)),
  QUIT: noArgument(() => LOCAL_REPLIES.bye, 'QUIT'),
  STARTTLS: noArgument(startTls, 'STARTTLS'),
  AUTH: auth,
};
