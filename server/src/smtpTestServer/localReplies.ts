// The local server's replies, named (as aiosmtpd's statuscodes.py names its own). The wording is the one the server
// had on smtp-server, which transcripts and tests expect; each carries the RFC 3463 enhanced code that fits its basic
// code (RFC 2034 §3: every reply but the greeting, EHLO's and the 3yz ones that ask for more). The codes that open
// something (354, 334, 220, 221) come from the verb table, so what the server sends is what the dialogue core reads.
import { GREETING_REPLY_CODES } from '../knowledge/replyCodes';
import type { Verb } from '../knowledge/verbSpec';
import { VERB_SPECS } from '../knowledge/verbs';
import { CRLF, withinOctets } from '../dialogue/framing';
import { SMTP_SIZE_LIMITS } from '../knowledge/limits';

export interface Reply {
  readonly code: number;
  /** RFC 3463 `class.subject.detail`; absent on the greeting, EHLO and 3yz replies. */
  readonly enhanced?: string;
  /** One text per line. */
  readonly lines: readonly string[];
}

/** The reply code the verb's RFC names for what it opens: DATA 354, AUTH 334, STARTTLS 220, QUIT 221. */
function openingCode(verb: Verb): number {
  const opens = VERB_SPECS[verb].opens;
  if (!opens || opens.on === 'sent') throw new Error(`${verb} opens nothing on a reply`);
  return opens.code;
}

/** RFC 5321 §3.8: the server is closing the channel. */
const CLOSING = 421;

export const reply = (code: number, enhanced: string | undefined, ...lines: string[]): Reply => (enhanced ? { code, enhanced, lines } : { code, lines });

const REPLY_LINE_OCTETS = SMTP_SIZE_LIMITS.replyLine.octets - CRLF.length;

/**
 * The wire form, CRLF after every line, each line within 512 octets (RFC 5321 §4.5.3.1.5): a text that quotes the
 * client (an address at a long `--reject-domain`) is cut to fit.
 */
export function replyText(r: Reply): string {
  const last = r.lines.length - 1;
  const prefix = r.enhanced ? `${r.enhanced} ` : '';
  return r.lines.map((text, i) => `${withinOctets(`${r.code}${i < last ? '-' : ' '}${prefix}${text}`, REPLY_LINE_OCTETS)}${CRLF}`).join('');
}

/**
 * The replies to a message's end: `reply` once, or in LMTP once per accepted recipient, in RCPT order, each naming its
 * recipient as Dovecot's do (RFC 2033 §4.2). Without recipients (a refused DATA) one reply all the same.
 */
export function messageEndReplies(reply: Reply, lmtp: boolean, recipients: readonly string[]): readonly Reply[] {
  if (!lmtp || recipients.length === 0) return [reply];
  return recipients.map((recipient) => ({ ...reply, lines: reply.lines.map((line, i) => (i === 0 ? `<${recipient}> ${line}` : line)) }));
}

export const LOCAL_REPLIES = {
  greeting: (name: string) => reply(GREETING_REPLY_CODES.success[0], undefined, `${name} ESMTP smtp-transcripts local test server`),
  hello: (name: string, remote: string, keywords: readonly string[]) => reply(250, undefined, `${name} Nice to meet you, [${remote}]`, ...keywords),
  ok: reply(250, '2.0.0', 'OK'),
  senderOk: reply(250, '2.1.0', 'Accepted'),
  recipientOk: reply(250, '2.1.5', 'Accepted'),
  startContent: reply(openingCode('DATA'), undefined, 'End data with <CR><LF>.<CR><LF>'),
  stored: (id: string) => reply(250, '2.6.0', `Message stored as ${id}`),
  chunkReceived: (octets: number) => reply(250, '2.0.0', `${octets} octets received`),
  startTls: reply(openingCode('STARTTLS'), '2.0.0', 'Ready to start TLS'),
  authChallenge: (challenge: string) => reply(openingCode('AUTH'), undefined, challenge),
  authenticated: reply(235, '2.7.0', 'Authentication successful'),
  bye: reply(openingCode('QUIT'), '2.0.0', 'Bye'),
  cannotVerify: reply(252, '2.1.5', 'Cannot VRFY user, but will accept message and attempt delivery'),
  help: (verbs: readonly string[]) => reply(214, '2.0.0', `Commands: ${verbs.join(' ')}`, 'See RFC 5321, RFC 3030 and RFC 2033'),

  // RFC 3463 X.5.1 invalid command (out of sequence or unsupported), X.5.2 syntax error, X.5.4 invalid arguments.
  unknownCommand: reply(500, '5.5.1', 'Error: command not recognized'),
  // RFC 2033 §4.1: an LMTP session is opened by LHLO alone.
  helloInLmtp: reply(500, '5.5.1', 'Error: this is an LMTP session: send LHLO'),
  notImplemented: (verb: string) => reply(502, '5.5.1', `Error: ${verb} not implemented`),
  lineTooLong: reply(500, '5.5.2', 'Error: line too long'),
  controlCharacters: reply(500, '5.5.2', 'Error: control characters in the command'),
  syntax: (text: string) => reply(501, '5.5.4', `Error: ${text}`),
  badSequence: (text: string) => reply(503, '5.5.1', `Error: ${text}`),
  parameterNotSupported: (text: string) => reply(555, '5.5.4', `Error: ${text}`),
  badSender: reply(501, '5.1.7', 'Error: Bad sender address syntax'),
  badRecipient: reply(501, '5.1.3', 'Error: Bad recipient address syntax'),
  // RFC 6531 §3.5: a non-ASCII address without SMTPUTF8.
  utf8AddressWithoutSmtputf8: reply(553, '5.6.7', 'Error: non-ASCII address without the SMTPUTF8 parameter'),
  rejectedRecipient: (address: string, domain: string) => reply(550, '5.1.1', `<${address}>: recipient rejected: ${domain} is a rejecting test domain`),
  tooManyRecipients: reply(452, '4.5.3', 'Error: too many recipients'),
  // RFC 1870 §6.3, RFC 3030 §2: over the SIZE limit.
  tooBig: (size: number) => reply(552, '5.3.4', `Error: message exceeds fixed maximum message size ${size}`),
  // RFC 4954 §4, §6.
  tlsRequiredForAuth: reply(538, '5.7.11', 'Error: Must issue a STARTTLS command first'),
  authFailed: reply(535, '5.7.8', 'Authentication credentials invalid'),
  authCancelled: reply(501, '5.7.0', 'Authentication aborted'),
  authUndecodable: reply(501, '5.5.2', 'Error: cannot decode the response'),
  unknownMechanism: reply(504, '5.5.4', 'Error: Unrecognized authentication type'),
  notStored: (why: string) => reply(451, '4.3.0', why),

  // RFC 5321 §3.8, §4.5.3.2: the server closes.
  shuttingDown: (name: string) => reply(CLOSING, '4.3.2', `${name} Server shutting down`),
  idle: (name: string) => reply(CLOSING, '4.4.2', `${name} Timeout - closing connection`),
  tooSlow: (name: string) => reply(CLOSING, '4.4.2', `${name} Client too slow - closing connection`),
  tooManyErrors: (name: string) => reply(CLOSING, '4.7.0', `${name} Too many errors - closing connection`),
  lineOverflow: (name: string) => reply(CLOSING, '4.5.2', `${name} Line too long - closing connection`),
} as const;
