// EHLO keywords: the IANA "SMTP Service Extensions" registry (RFC 5321 §2.2), plus a few keywords servers advertise
// that the registry does not hold, marked as such.
import { rfc, type SpecRef } from './rfc';
import { SERVER_LIMIT_SYNTAX } from './serverLimits';
import { XCLIENT_PAGE, XFORWARD_PAGE } from './forwardedAttributes';

export const EXTENSION_KEYWORDS = [
  '8BITMIME',
  'ATRN',
  'AUTH',
  'BINARYMIME',
  'BURL',
  'CHECKPOINT',
  'CHUNKING',
  'CONNEG',
  'CONPERM',
  'DELIVERBY',
  'DSN',
  'ENHANCEDSTATUSCODES',
  'ETRN',
  'EXPN',
  'FUTURERELEASE',
  'HELP',
  'LIMITS',
  'MT-PRIORITY',
  'MTRK',
  'NO-SOLICITING',
  'ONEX',
  'PIPELINING',
  'REQUIRETLS',
  'RRVS',
  'SAML',
  'SEND',
  'SIZE',
  'SMTPUTF8',
  'SOML',
  'STARTTLS',
  'SUBMITTER',
  'TURN',
  'UTF8SMTP',
  'VERB',
  'VRFY',
  'XCLIENT',
  'XFORWARD',
] as const;

export type ExtensionKeyword = (typeof EXTENSION_KEYWORDS)[number];

/** `registered`: in the IANA registry and in use; `deprecated`/`obsolete` as the registry or a later RFC says. */
export type ExtensionStatus = 'registered' | 'deprecated' | 'obsolete' | 'unregistered';

export interface ExtensionSpec {
  readonly keyword: ExtensionKeyword;
  /** The registry's description. */
  readonly title: string;
  readonly summary: string;
  readonly spec: SpecRef;
  readonly status: ExtensionStatus;
  /** Syntax of the EHLO reply line when the keyword takes parameters: `SIZE [number]`. */
  readonly ehloSyntax?: string;
  /** Commands the extension adds. */
  readonly verbs?: readonly string[];
  readonly note?: string;
}

const ALLMAN: SpecRef = { title: 'Eric Allman (IANA SMTP Service Extensions registry)', url: 'https://www.iana.org/assignments/mail-parameters' };

const EXTENSION_LIST: readonly ExtensionSpec[] = [
  { keyword: '8BITMIME', title: 'SMTP and Submit transport of 8bit MIME content', summary: 'The server accepts 8-bit message content announced with `BODY=8BITMIME` on MAIL.', spec: rfc(6152), status: 'registered' },
  { keyword: 'ATRN', title: 'Authenticated TURN', summary: 'On-Demand Mail Relay: after AUTH, ATRN reverses the roles so the server delivers the mail queued for the client.', spec: rfc(2645), status: 'registered', verbs: ['ATRN'], note: 'SMTP only; not for the submission port 587.' },
  { keyword: 'AUTH', title: 'Authentication', summary: 'SASL authentication with the AUTH command; the line lists the mechanisms offered. Adds the `AUTH=` MAIL parameter.', spec: rfc(4954, '3'), status: 'registered', ehloSyntax: 'AUTH mechanism *(SP mechanism)', verbs: ['AUTH'] },
  { keyword: 'BINARYMIME', title: 'Binary MIME', summary: 'Binary message content announced with `BODY=BINARYMIME`; it must be sent with BDAT (CHUNKING).', spec: rfc(3030, '3'), status: 'registered' },
  { keyword: 'BURL', title: 'Remote Content', summary: 'The BURL command takes message content from a URL (typically an IMAP URLAUTH) instead of from the client.', spec: rfc(4468), status: 'registered', ehloSyntax: 'BURL [url-prefix *(SP url-prefix)]', verbs: ['BURL'], note: 'Submission only; not for SMTP on port 25.' },
  { keyword: 'CHECKPOINT', title: 'Checkpoint/Restart', summary: 'Lets an interrupted transfer resume from the last checkpoint.', spec: rfc(1845), status: 'registered' },
  { keyword: 'CHUNKING', title: 'Chunking', summary: 'The BDAT command sends message content in counted chunks instead of dot-stuffed DATA.', spec: rfc(3030, '2'), status: 'registered', verbs: ['BDAT'] },
  { keyword: 'CONNEG', title: 'Content Conversion Negotiation', summary: 'Negotiation of content conversion for recipients that need it.', spec: rfc(4141), status: 'registered' },
  { keyword: 'CONPERM', title: 'Content Conversion Permission', summary: 'The sender says whether content may be converted on the way.', spec: rfc(4141), status: 'registered' },
  { keyword: 'DELIVERBY', title: 'Deliver By', summary: 'The `BY=` MAIL parameter asks for delivery within a time limit, or for notification when it is missed.', spec: rfc(2852), status: 'registered', ehloSyntax: 'DELIVERBY [min-by-time]' },
  { keyword: 'DSN', title: 'Delivery Status Notification', summary: 'Adds `RET=` and `ENVID=` to MAIL and `NOTIFY=` and `ORCPT=` to RCPT to control delivery status notifications.', spec: rfc(3461), status: 'registered' },
  { keyword: 'ENHANCEDSTATUSCODES', title: 'Enhanced Status Codes', summary: 'Replies carry an RFC 3463 enhanced status code (`2.1.0`) after the reply code.', spec: rfc(2034), status: 'registered' },
  { keyword: 'ETRN', title: 'Extended Turn', summary: 'The ETRN command asks the server to start delivering the mail it holds for a domain.', spec: rfc(1985), status: 'registered', verbs: ['ETRN'], note: 'SMTP only; not for the submission port 587.' },
  { keyword: 'EXPN', title: 'Expand the mailing list', summary: 'The server implements EXPN.', spec: rfc(5321, '4.1.1.7'), status: 'registered', verbs: ['EXPN'] },
  { keyword: 'FUTURERELEASE', title: 'Future Message Release', summary: 'The `HOLDFOR=`/`HOLDUNTIL=` MAIL parameters hold a message until a later time.', spec: rfc(4865), status: 'registered', ehloSyntax: 'FUTURERELEASE max-future-release-interval max-future-release-date-time' },
  { keyword: 'HELP', title: 'Supply helpful information', summary: 'The server implements HELP.', spec: rfc(5321, '4.1.1.8'), status: 'registered', verbs: ['HELP'] },
  { keyword: 'LIMITS', title: 'Server limits', summary: 'The server announces the limits it applies in this session: `MAILMAX=` (transactions per session), `RCPTMAX=` (recipients per transaction) and `RCPTDOMAINMAX=` (recipient domains per transaction).', spec: rfc(9422), status: 'registered', ehloSyntax: SERVER_LIMIT_SYNTAX },
  { keyword: 'MT-PRIORITY', title: 'Priority Message Handling', summary: 'The `MT-PRIORITY=` MAIL parameter gives the message a priority from -9 to 9; the line may name the assignment policy.', spec: rfc(6710), status: 'registered', ehloSyntax: 'MT-PRIORITY [policy-name]' },
  { keyword: 'MTRK', title: 'Message Tracking', summary: 'Lets the sender later ask about the delivery status of the message.', spec: rfc(3885), status: 'registered' },
  { keyword: 'NO-SOLICITING', title: 'Notification of no soliciting', summary: 'The server announces that it does not want solicitations of the kinds it lists.', spec: rfc(3865), status: 'registered', ehloSyntax: 'NO-SOLICITING [solicitation-keywords]' },
  { keyword: 'ONEX', title: 'One message transaction only', summary: 'Sendmail extension: only one transaction in the session.', spec: ALLMAN, status: 'registered', note: 'Registered without an RFC.' },
  { keyword: 'PIPELINING', title: 'Command Pipelining', summary: 'The client may send groups of commands without waiting for each reply; commands that change state end a group.', spec: rfc(2920), status: 'registered' },
  { keyword: 'REQUIRETLS', title: 'Require TLS', summary: 'The `REQUIRETLS` MAIL parameter (no value) asks every hop to relay the message only over verified TLS; it is offered and used only on a TLS session.', spec: rfc(8689, '4'), status: 'registered' },
  { keyword: 'RRVS', title: 'Require Recipient Valid Since', summary: 'The `RRVS=` RCPT parameter asks the server to reject the message if the mailbox changed owner since the given time.', spec: rfc(7293), status: 'registered' },
  { keyword: 'SAML', title: 'Send as mail and to terminal', summary: 'The obsolete SAML command.', spec: rfc(821), status: 'obsolete', verbs: ['SAML'], note: 'Use deprecated since RFC 2821 (RFC 5321 Appendix F.6).' },
  { keyword: 'SEND', title: 'Send to terminal', summary: 'The obsolete SEND command.', spec: rfc(821), status: 'obsolete', verbs: ['SEND'], note: 'Use deprecated since RFC 2821 (RFC 5321 Appendix F.6).' },
  { keyword: 'SIZE', title: 'Message size declaration', summary: 'The client declares the message size with `SIZE=` on MAIL; the line may give the largest size the server accepts (0: no fixed limit).', spec: rfc(1870), status: 'registered', ehloSyntax: 'SIZE [number]' },
  { keyword: 'SMTPUTF8', title: 'Internationalized email address', summary: 'UTF-8 addresses and header fields, requested with the `SMTPUTF8` MAIL parameter.', spec: rfc(6531), status: 'registered' },
  { keyword: 'SOML', title: 'Send as mail or to terminal', summary: 'The obsolete SOML command.', spec: rfc(821), status: 'obsolete', verbs: ['SOML'], note: 'Use deprecated since RFC 2821 (RFC 5321 Appendix F.6).' },
  { keyword: 'STARTTLS', title: 'Start TLS', summary: 'The STARTTLS command upgrades the connection to TLS; the client must send EHLO again afterwards.', spec: rfc(3207), status: 'registered', verbs: ['STARTTLS'] },
  { keyword: 'SUBMITTER', title: 'SMTP Responsible Submitter', summary: 'The `SUBMITTER=` MAIL parameter of Sender ID.', spec: rfc(4405), status: 'deprecated', note: 'Sender ID (RFC 4405-4407) was moved to Historic.' },
  { keyword: 'TURN', title: 'Interchange the client and server roles', summary: 'The deprecated TURN command.', spec: rfc(821), status: 'deprecated', verbs: ['TURN'], note: 'Deprecated: unauthenticated role reversal can divert mail (RFC 5321 Appendix F.1).' },
  { keyword: 'UTF8SMTP', title: 'Internationalized email address', summary: 'The experimental predecessor of SMTPUTF8.', spec: rfc(5336), status: 'obsolete', note: 'Experimental; deprecated by RFC 6531.' },
  { keyword: 'VERB', title: 'Verbose', summary: 'Sendmail extension: verbose delivery reporting.', spec: ALLMAN, status: 'registered', note: 'Registered without an RFC.' },
  { keyword: 'VRFY', title: 'Verify a user or mailbox', summary: 'Advertised by some servers; VRFY is one of the commands every server must implement (RFC 5321 §4.5.1), so it needs no keyword.', spec: rfc(5321, '4.1.1.6'), status: 'unregistered' },
  { keyword: 'XCLIENT', title: 'Override client attributes (Postfix)', summary: 'The XCLIENT command lets a trusted client set the client address, hostname and other attributes the server judges by, to test its access rules; the line lists the attributes the server takes.', spec: XCLIENT_PAGE, status: 'unregistered', ehloSyntax: 'XCLIENT attribute-name *(SP attribute-name)', verbs: ['XCLIENT'], note: 'Offered only to the clients the server trusts for it.' },
  { keyword: 'XFORWARD', title: 'Forward client attributes (Postfix)', summary: "The XFORWARD command lets a content filter pass on the original client's attributes for the server's logs; the line lists the attributes the server takes.", spec: XFORWARD_PAGE, status: 'unregistered', ehloSyntax: 'XFORWARD attribute-name *(SP attribute-name)', verbs: ['XFORWARD'], note: 'Offered only to the clients the server trusts for it.' },
];

export const EXTENSIONS: Readonly<Record<ExtensionKeyword, ExtensionSpec>> = Object.fromEntries(
  EXTENSION_LIST.map((spec) => [spec.keyword, spec]),
) as Record<ExtensionKeyword, ExtensionSpec>;

/** EHLO keywords are case-insensitive (RFC 5321 §4.1.1.1): `lookupExtension('starttls')`. */
export function lookupExtension(keyword: string): ExtensionSpec | undefined {
  const upper = keyword.toUpperCase();
  return isExtensionKeyword(upper) ? EXTENSIONS[upper] : undefined;
}

export function isExtensionKeyword(text: string): text is ExtensionKeyword {
  return (EXTENSION_KEYWORDS as readonly string[]).includes(text);
}
