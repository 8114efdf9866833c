// The IANA "Enumerated Status Codes" registry (RFC 3463 §3 and later RFCs, registry per RFC 5248). A code is listed
// once as X.subject.detail; the class digit (2, 4, 5) says whether it reports success or a failure.
import { rfc, type SpecRef } from './rfc';

export interface EnhancedCodeSpec {
  readonly subject: number;
  readonly detail: number;
  /** The registry's sample text. */
  readonly title: string;
  readonly description: string;
  readonly spec: SpecRef;
  /** The basic reply codes the registry associates with it, when it gives any. */
  readonly basicCodes?: readonly number[];
  /** Set when the registry deprecates the code. */
  readonly deprecated?: string;
}

const R3463 = (section: string) => rfc(3463, section);
const R4954 = rfc(4954, '6');
const R5248 = rfc(5248);
const R6531 = rfc(6531);
const R6710 = rfc(6710);
const R7293 = rfc(7293);
const R7372 = rfc(7372);

type Row = readonly [subject: number, detail: number, title: string, description: string, spec: SpecRef, basicCodes?: readonly number[]];

const ROWS: readonly Row[] = [
  [0, 0, 'Other undefined Status', 'Only the class of the error is known.', R3463('3.1')],

  [1, 0, 'Other address status', 'Something about the address specified in the message caused this report.', R3463('3.2')],
  [1, 1, 'Bad destination mailbox address', 'The mailbox does not exist: the part left of the "@" is invalid. Useful only for permanent failures.', R3463('3.2'), [451, 550]],
  [1, 2, 'Bad destination system address', 'The destination system does not exist or cannot accept mail: the part right of the "@" is invalid. Useful only for permanent failures.', R3463('3.2')],
  [1, 3, 'Bad destination mailbox address syntax', 'The destination address is syntactically invalid. Useful only for permanent failures.', R3463('3.2'), [501]],
  [1, 4, 'Destination mailbox address ambiguous', 'The address matches more than one recipient on the destination system.', R3463('3.2')],
  [1, 5, 'Destination address valid', 'The address is valid; used in positive delivery reports.', R3463('3.2'), [250]],
  [1, 6, 'Destination mailbox has moved, No forwarding address', 'The address was once valid but no longer accepts mail. Useful only for permanent failures.', R3463('3.2')],
  [1, 7, "Bad sender's mailbox address syntax", "The sender's address is syntactically invalid.", R3463('3.2')],
  [1, 8, "Bad sender's system address", "The sender's system does not exist or cannot accept return mail: the part right of the \"@\" is invalid.", R3463('3.2'), [451, 501]],
  [1, 9, 'Message relayed to non-compliant mailer', 'The address was valid, but the message was relayed to a system that does not speak this protocol; no further information is available.', rfc(3886)],
  [1, 10, 'Recipient address has null MX', 'The recipient domain publishes a null MX: it accepts no mail.', rfc(7505), [556]],

  [2, 0, 'Other or undefined mailbox status', 'The mailbox exists, but something about it caused this report.', R3463('3.3')],
  [2, 1, 'Mailbox disabled, not accepting messages', 'The mailbox exists but does not accept messages, permanently or for now.', R3463('3.3')],
  [2, 2, 'Mailbox full', 'The mailbox is over its quota or capacity; the recipient can make room. Should be used as a persistent transient failure.', R3463('3.3'), [552]],
  [2, 3, 'Message length exceeds administrative limit', "The message is larger than the mailbox's own size limit. Should be used as a permanent failure.", R3463('3.3'), [552]],
  [2, 4, 'Mailing list expansion problem', 'The address is a mailing list that could not be expanded.', R3463('3.3'), [450, 452]],

  [3, 0, 'Other or undefined mail system status', 'The destination system normally accepts mail, but something about it caused this report.', R3463('3.4'), [221, 250, 421, 451, 550, 554]],
  [3, 1, 'Mail system full', 'The mail system is out of storage. Useful only as a persistent transient error.', R3463('3.4'), [452]],
  [3, 2, 'System not accepting network messages', 'The host is not accepting messages, e.g. for shutdown, load or maintenance.', R3463('3.4'), [453, 521]],
  [3, 3, 'System not capable of selected features', 'The destination system does not support features requested for the message.', R3463('3.4')],
  [3, 4, 'Message too big for system', 'The message exceeds the per-message size limit. Useful only as a permanent error.', R3463('3.4'), [552, 554]],
  [3, 5, 'System incorrectly configured', 'The system is not configured in a way that lets it accept this message.', R3463('3.4')],
  [3, 6, 'Requested priority was changed', 'The message was accepted, but not with the requested priority; the text gives the priority used.', R6710, [250, 251]],

  [4, 0, 'Other or undefined network or routing status', 'Something went wrong with networking or routing.', R3463('3.5')],
  [4, 1, 'No answer from host', 'The outbound connection attempt was not answered. Useful only as a persistent transient error.', R3463('3.5'), [451]],
  [4, 2, 'Bad connection', 'The connection was made but the transaction could not be completed (time-out or poor connection). Useful only as a persistent transient error.', R3463('3.5'), [421]],
  [4, 3, 'Directory server failure', 'A directory server (e.g. DNS) was unavailable. Useful only as a persistent transient error.', R3463('3.5'), [451, 550]],
  [4, 4, 'Unable to route', 'The next hop could not be determined from the directory information.', R3463('3.5')],
  [4, 5, 'Mail system congestion', 'The mail system is congested. Useful only as a persistent transient error.', R3463('3.5'), [451]],
  [4, 6, 'Routing loop detected', 'The message was forwarded too many times. Useful only as a persistent transient error.', R3463('3.5')],
  [4, 7, 'Delivery time expired', 'The message was considered too old, or its time-to-live was exceeded.', R3463('3.5')],

  [5, 0, 'Other or undefined protocol status', 'Something was wrong with the delivery protocol.', R3463('3.6')],
  [5, 1, 'Invalid command', 'A command was out of sequence or unsupported.', R3463('3.6'), [430, 500, 501, 503, 530, 550, 554, 555]],
  [5, 2, 'Syntax error', 'A command could not be interpreted: bad syntax or unrecognized command.', R3463('3.6'), [500, 501, 502, 550, 555]],
  [5, 3, 'Too many recipients', 'More recipients were given than the protocol could deliver.', R3463('3.6'), [451]],
  [5, 4, 'Invalid command arguments', 'A valid command was given invalid or unsupported arguments.', R3463('3.6'), [451, 501, 502, 503, 504, 550, 555]],
  [5, 5, 'Wrong protocol version', 'A protocol version mismatch could not be resolved.', R3463('3.6')],
  [5, 6, 'Authentication Exchange line is too long', 'An AUTH response was longer than the server can buffer for the mechanism.', R4954, [500]],

  [6, 0, 'Other or undefined media error', 'Something about the content made the message undeliverable.', R3463('3.7')],
  [6, 1, 'Media not supported', 'The media of the message is not supported by the delivery protocol or the next system.', R3463('3.7')],
  [6, 2, 'Conversion required and prohibited', 'The content must be converted for delivery and conversion is not permitted.', R3463('3.7')],
  [6, 3, 'Conversion required but not supported', 'The content must be converted but the host cannot do it (e.g. 8-bit content for a 7-bit next hop).', R3463('3.7'), [554]],
  [6, 4, 'Conversion with loss performed', 'Delivered, but a conversion lost some data.', R3463('3.7'), [250]],
  [6, 5, 'Conversion Failed', 'A required conversion was unsuccessful.', R3463('3.7')],
  [6, 6, 'Message content not available', 'The message content could not be fetched from a remote system (BURL).', rfc(4468), [554]],
  [6, 7, 'Non-ASCII addresses not permitted for that sender/recipient', 'A MAIL or RCPT used a non-ASCII address where it is not permitted.', R6531, [553, 550]],
  [6, 8, 'UTF-8 string reply is required, but not permitted by the SMTP client', 'The reply needs a UTF-8 mailbox name, which the client did not allow.', R6531, [252, 553, 550]],
  [6, 9, 'UTF-8 header message cannot be transferred to one or more recipients, so the message must be rejected', 'The transaction failed after the final "." of DATA.', R6531, [550]],

  [7, 0, 'Other or undefined security status', 'Something related to security caused the report, or policy forbids saying more.', R3463('3.8'), [220, 235, 450, 454, 500, 501, 503, 504, 530, 535, 550]],
  [7, 1, 'Delivery not authorized, message refused', 'The sender is not authorized to send to the destination (per-host or per-recipient filtering).', R3463('3.8'), [451, 454, 502, 503, 533, 550, 551]],
  [7, 2, 'Mailing list expansion prohibited', 'The sender may not send to this mailing list.', R3463('3.8'), [550]],
  [7, 3, 'Security conversion required but not possible', 'Conversion between secure messaging protocols was required and impossible.', R3463('3.8')],
  [7, 4, 'Security features not supported', 'The message uses security features the delivery protocol cannot support.', R3463('3.8'), [504]],
  [7, 5, 'Cryptographic failure', 'A system authorized to validate or decrypt the message lacked the key or other information.', R3463('3.8')],
  [7, 6, 'Cryptographic algorithm not supported', 'A system authorized to validate or decrypt the message lacked the algorithm.', R3463('3.8')],
  [7, 7, 'Message integrity failure', 'The message was corrupted or altered, so it could not be validated.', R3463('3.8')],
  [7, 8, 'Authentication credentials invalid', 'AUTH failed: invalid or insufficient credentials.', R4954, [535, 554]],
  [7, 9, 'Authentication mechanism is too weak', 'The AUTH mechanism is weaker than policy permits for this user.', R4954, [534]],
  [7, 10, 'Encryption Needed', 'An external privacy layer such as TLS is needed to use the requested authentication mechanism.', R5248, [523]],
  [7, 11, 'Encryption required for requested authentication mechanism', 'The AUTH mechanism may only be used over an encrypted connection.', R4954, [524, 538]],
  [7, 12, 'A password transition is needed', 'The user must authenticate once with PLAIN before the chosen mechanism will work.', R4954, [422, 432]],
  [7, 13, 'User Account Disabled', 'Authentication succeeded but the account is disabled until an administrator re-enables it.', R5248, [525]],
  [7, 14, 'Trust relationship required', 'The submission server needs a configured trust relationship with a third party to fetch the content.', R5248, [535, 554]],
  [7, 15, 'Priority Level is too low', 'The message priority is below the lowest the server currently accepts.', R6710, [450, 550]],
  [7, 16, 'Message is too big for the specified priority', 'The message is too large for its priority.', R6710, [552]],
  [7, 17, 'Mailbox owner has changed', 'RRVS: the mailbox has not been owned continuously since the given time.', R7293],
  [7, 18, 'Domain owner has changed', 'RRVS: the recipient domain changed owner since the given time.', R7293],
  [7, 19, 'RRVS test cannot be completed', 'RRVS: the receiver did not record the timestamp needed for the check.', R7293],
  [7, 20, 'No passing DKIM signature found', 'The message had no passing DKIM signature.', R7372, [550]],
  [7, 21, 'No acceptable DKIM signature found', 'The message had passing DKIM signatures, but none acceptable.', R7372, [550]],
  [7, 22, 'No valid author-matched DKIM signature found', 'No passing DKIM signature matches the author address in From.', R7372, [550]],
  [7, 23, 'SPF validation failed', 'The SPF check produced a "fail" result, contrary to local policy.', R7372, [550]],
  [7, 24, 'SPF validation error', 'Evaluating SPF for the message resulted in an error.', R7372, [451, 550]],
  [7, 25, 'Reverse DNS validation failed', "The client's IP address failed a reverse DNS check, contrary to local policy.", R7372, [550]],
  [7, 26, 'Multiple authentication checks failed', 'The message failed more than one authentication check.', R7372, [550]],
  [7, 27, 'Sender address has null MX', 'The sender domain publishes a null MX, so it could not receive a bounce.', rfc(7505), [550]],
  [7, 28, 'Mail flood detected', 'The message appears to be part of a flood of similar abusive messages.', { title: 'draft-levine-mailbomb-header (IANA registry entry)', url: 'https://www.iana.org/assignments/smtp-enhanced-status-codes' }],
  [7, 29, 'ARC validation failure', 'The message failed ARC (Authenticated Received Chain) validation.', rfc(8617)],
  [7, 30, 'REQUIRETLS support required', 'The message carries REQUIRETLS but the next hop does not support it.', rfc(8689)],
];

export const ENHANCED_CODE_LIST: readonly EnhancedCodeSpec[] = [
  ...ROWS.map(([subject, detail, title, description, spec, basicCodes]) =>
    basicCodes === undefined ? { subject, detail, title, description, spec } : { subject, detail, title, description, spec, basicCodes },
  ),
  {
    subject: 6,
    detail: 10,
    title: 'Deprecated duplicate of X.6.8',
    description: 'Registered by mistake as a duplicate of X.6.8 (UTF-8 string reply is required, but not permitted by the SMTP client).',
    spec: R6531,
    deprecated: 'A duplicate of X.6.8; use X.6.8.',
  },
];
