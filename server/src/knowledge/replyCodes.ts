// SMTP reply codes: RFC 5321 §4.2.2/§4.2.3 and the codes later RFCs add, plus the theory of the digits (§4.2.1).
import { rfc, type RfcRef } from './rfc';

export interface ReplyCodeSpec {
  readonly code: number;
  /** The text the defining RFC shows with the code. */
  readonly text: string;
  /** What the reply tells the client (hover prose). */
  readonly meaning: string;
  readonly rfc: RfcRef;
  /** The same code given another text by another RFC (e.g. 454 for STARTTLS and for AUTH). */
  readonly otherUses?: readonly { readonly text: string; readonly rfc: RfcRef }[];
}

const RFC5321_CODES = rfc(5321, '4.2.3');
const RFC4954_CODES = rfc(4954, '6');
const RFC3207_STARTTLS = rfc(3207, '4');

const REPLY_CODE_LIST: readonly ReplyCodeSpec[] = [
  { code: 211, text: 'System status, or system help reply', meaning: 'Status or help information about the server.', rfc: RFC5321_CODES },
  {
    code: 214,
    text: 'Help message',
    meaning: 'Information on how to use the receiver or on the meaning of a non-standard command; useful only to a human reader.',
    rfc: RFC5321_CODES,
  },
  {
    code: 220,
    text: '<domain> Service ready',
    meaning: 'The greeting: the server is ready for commands. The first word after the code is the server\'s name. Also the reply to STARTTLS before the TLS handshake.',
    rfc: RFC5321_CODES,
    otherUses: [{ text: 'Ready to start TLS', rfc: RFC3207_STARTTLS }],
  },
  {
    code: 221,
    text: '<domain> Service closing transmission channel',
    meaning: 'The reply to QUIT: the server closes the connection after sending it.',
    rfc: RFC5321_CODES,
  },
  {
    code: 235,
    text: 'Authentication Succeeded',
    meaning: 'The AUTH exchange succeeded; no further AUTH command is allowed in this session.',
    rfc: RFC4954_CODES,
  },
  {
    code: 250,
    text: 'Requested mail action okay, completed',
    meaning: 'The command succeeded. After the end of DATA content (or BDAT LAST) the server has taken responsibility for delivering the message.',
    rfc: RFC5321_CODES,
    otherUses: [{ text: 'OK, queuing for node <x> started', rfc: rfc(1985) }],
  },
  {
    code: 251,
    text: 'User not local; will forward to <forward-path>',
    meaning: 'The recipient is accepted and the server will forward the message to the address it names (RFC 5321 §3.4).',
    rfc: RFC5321_CODES,
    otherUses: [{ text: 'OK, no messages waiting for node <x>', rfc: rfc(1985) }],
  },
  {
    code: 252,
    text: 'Cannot VRFY user, but will accept message and attempt delivery',
    meaning: 'The server will not confirm the address but would accept mail for it (RFC 5321 §3.5.3).',
    rfc: RFC5321_CODES,
    otherUses: [{ text: 'OK, pending messages for node <x> started', rfc: rfc(1985) }],
  },
  {
    code: 253,
    text: 'OK, <n> pending messages for node <x> started',
    meaning: 'The reply to ETRN: delivery of the queued messages for the node has started.',
    rfc: rfc(1985),
  },
  {
    code: 334,
    text: '<base64 server challenge>',
    meaning: 'AUTH continues: the text is a base64 challenge (empty for none) and the client answers with one base64 line, or `*` to cancel.',
    rfc: rfc(4954, '4'),
  },
  {
    code: 354,
    text: 'Start mail input; end with <CRLF>.<CRLF>',
    meaning: 'The reply to DATA: send the message content, dot-stuffed, ending with a line holding only a period.',
    rfc: RFC5321_CODES,
  },
  {
    code: 421,
    text: '<domain> Service not available, closing transmission channel',
    meaning: 'The server is shutting down or refusing service and closes the connection. It may be the reply to any command.',
    rfc: RFC5321_CODES,
  },
  {
    code: 432,
    text: 'A password transition is needed',
    meaning: 'The user must authenticate once with PLAIN (over TLS) before the chosen mechanism will work.',
    rfc: RFC4954_CODES,
  },
  {
    code: 450,
    text: 'Requested mail action not taken: mailbox unavailable',
    meaning: 'Temporary: the mailbox is busy or temporarily blocked for policy reasons. Try again later.',
    rfc: RFC5321_CODES,
  },
  {
    code: 451,
    text: 'Requested action aborted: local error in processing',
    meaning: 'Temporary: the server hit an error of its own. Try again later.',
    rfc: RFC5321_CODES,
  },
  {
    code: 452,
    text: 'Requested action not taken: insufficient system storage',
    meaning: 'Temporary: the server lacks storage, or (for RCPT) the recipient limit of this transaction is reached (RFC 5321 §4.5.3.1.10).',
    rfc: RFC5321_CODES,
  },
  { code: 453, text: 'You have no mail', meaning: 'The reply to ATRN when nothing is queued for the client.', rfc: rfc(2645) },
  {
    code: 454,
    text: 'Temporary authentication failure',
    meaning: 'Temporary: authentication (or, for STARTTLS, TLS) is unavailable for a server-side reason.',
    rfc: RFC4954_CODES,
    otherUses: [{ text: 'TLS not available due to temporary reason', rfc: RFC3207_STARTTLS }],
  },
  {
    code: 455,
    text: 'Server unable to accommodate parameters',
    meaning: 'Temporary: the server cannot handle one of the MAIL or RCPT parameters right now (RFC 5321 §4.1.1.11).',
    rfc: RFC5321_CODES,
  },
  { code: 458, text: 'Unable to queue messages for node <x>', meaning: 'ETRN failed: the server cannot start the queue for that node.', rfc: rfc(1985) },
  { code: 459, text: 'Node <x> not allowed: <reason>', meaning: 'ETRN refused for the node named.', rfc: rfc(1985) },
  {
    code: 500,
    text: 'Syntax error, command unrecognized',
    meaning: 'The command is unknown or the line is too long. Any command may receive it.',
    rfc: RFC5321_CODES,
    otherUses: [{ text: 'Authentication Exchange line is too long', rfc: RFC4954_CODES }],
  },
  {
    code: 501,
    text: 'Syntax error in parameters or arguments',
    meaning: 'The arguments are malformed (or given to a command that takes none). Also the reply to a cancelled AUTH (`*`).',
    rfc: RFC5321_CODES,
    otherUses: [{ text: 'Syntax error (no parameters allowed)', rfc: RFC3207_STARTTLS }],
  },
  {
    code: 502,
    text: 'Command not implemented',
    meaning: 'The server recognizes the command but does not implement it (RFC 5321 §4.2.4).',
    rfc: RFC5321_CODES,
  },
  {
    code: 503,
    text: 'Bad sequence of commands',
    meaning: 'The command is out of order: RCPT before MAIL, DATA without an accepted recipient, AUTH twice, ...',
    rfc: RFC5321_CODES,
  },
  {
    code: 504,
    text: 'Command parameter not implemented',
    meaning: 'The command is implemented but not the parameter asked for (for AUTH: an unsupported mechanism).',
    rfc: RFC5321_CODES,
  },
  {
    code: 521,
    text: 'Server does not accept mail',
    meaning: 'The host does not accept mail at all; sent instead of the 220 greeting (or to any command).',
    rfc: rfc(7504),
  },
  {
    code: 530,
    text: 'Authentication required',
    meaning: 'Server policy requires AUTH (or STARTTLS) before this command.',
    rfc: RFC4954_CODES,
    otherUses: [{ text: 'Must issue a STARTTLS command first', rfc: RFC3207_STARTTLS }],
  },
  {
    code: 534,
    text: 'Authentication mechanism is too weak',
    meaning: 'The mechanism is weaker than server policy permits for this user; retry with a stronger one.',
    rfc: RFC4954_CODES,
  },
  {
    code: 535,
    text: 'Authentication credentials invalid',
    meaning: 'The user name or password (or token) was rejected.',
    rfc: RFC4954_CODES,
  },
  {
    code: 538,
    text: 'Encryption required for requested authentication mechanism',
    meaning: 'The mechanism may only be used over an encrypted connection (documented for historical purposes).',
    rfc: RFC4954_CODES,
  },
  {
    code: 550,
    text: 'Requested action not taken: mailbox unavailable',
    meaning: 'Permanent: the mailbox does not exist, access is denied, or the command is rejected for policy reasons.',
    rfc: RFC5321_CODES,
  },
  {
    code: 551,
    text: 'User not local; please try <forward-path>',
    meaning: 'Permanent: the server will not relay to this recipient; the text names where to send instead (RFC 5321 §3.4).',
    rfc: RFC5321_CODES,
  },
  {
    code: 552,
    text: 'Requested mail action aborted: exceeded storage allocation',
    meaning: 'Permanent: the message is too large for the mailbox or the server.',
    rfc: RFC5321_CODES,
  },
  {
    code: 553,
    text: 'Requested action not taken: mailbox name not allowed',
    meaning: 'Permanent: the address is not acceptable, e.g. its syntax is incorrect.',
    rfc: RFC5321_CODES,
  },
  {
    code: 554,
    text: 'Transaction failed',
    meaning: 'Permanent failure of the transaction; as the greeting it means "No SMTP service here".',
    rfc: RFC5321_CODES,
  },
  {
    code: 555,
    text: 'MAIL FROM/RCPT TO parameters not recognized or not implemented',
    meaning: 'A MAIL or RCPT parameter is unknown to the server or not implemented (RFC 5321 §4.1.1.11).',
    rfc: RFC5321_CODES,
  },
  {
    code: 556,
    text: 'Domain does not accept mail',
    meaning: 'The recipient domain does not accept mail at all, e.g. it publishes a null MX (RFC 7505).',
    rfc: rfc(7504),
  },
];

export const REPLY_CODES: ReadonlyMap<number, ReplyCodeSpec> = new Map(REPLY_CODE_LIST.map((spec) => [spec.code, spec]));

export function lookupReplyCode(code: number | string): ReplyCodeSpec | undefined {
  return REPLY_CODES.get(typeof code === 'number' ? code : Number(code));
}

/** Codes any command may receive (RFC 5321 §4.3.2), in addition to those listed for it. */
export const ANY_COMMAND_REPLY_CODES: readonly number[] = [500, 501, 421];

/**
 * The replies to opening a connection: 220, or 554 (RFC 5321 §4.3.2) and 521 (RFC 7504) from a server that refuses
 * the session. A 421 may come instead when the service is shutting down (see ANY_COMMAND_REPLY_CODES).
 */
export const GREETING_REPLY_CODES: { readonly success: readonly number[]; readonly error: readonly number[] } = {
  success: [220],
  error: [554, 521],
};
