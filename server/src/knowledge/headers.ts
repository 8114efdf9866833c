// Message header fields seen in DATA/BDAT content: RFC 5322 §3.6, MIME (RFC 2045, RFC 2183) and common others.
import { closestMatch } from './didYouMean';
import { rfc, type RfcRef } from './rfc';

export interface HeaderFieldSpec {
  /** Canonical spelling; names match case-insensitively (RFC 5322 writes them as ABNF strings, which are). */
  readonly name: string;
  readonly summary: string;
  readonly rfc: RfcRef;
  /** RFC 5322 §3.6: every message must carry it (Date, From). */
  readonly required: boolean;
  /** RFC 5322 §3.6: at most one per message. */
  readonly maxOne: boolean;
  /** Values offered by completion (VS Code snippet syntax). */
  readonly values?: readonly string[];
}

const ORIGINATOR = rfc(5322, '3.6.2');
const DESTINATION = rfc(5322, '3.6.3');
const IDENTIFICATION = rfc(5322, '3.6.4');
const INFORMATIONAL = rfc(5322, '3.6.5');
const RESENT = rfc(5322, '3.6.6');
const TRACE = rfc(5322, '3.6.7');

type Occurrence = { required: boolean; maxOne: boolean };
const REQUIRED_ONCE: Occurrence = { required: true, maxOne: true };
const OPTIONAL_ONCE: Occurrence = { required: false, maxOne: true };
const ANY_NUMBER: Occurrence = { required: false, maxOne: false };

const HEADER_LIST: readonly HeaderFieldSpec[] = [
  { name: 'Date', summary: 'When the message was complete and ready to enter the mail system, e.g. `Thu, 13 Feb 2025 09:55:06 +0100`.', rfc: rfc(5322, '3.6.1'), ...REQUIRED_ONCE },
  { name: 'From', summary: 'The author(s) of the message.', rfc: ORIGINATOR, ...REQUIRED_ONCE },
  { name: 'Sender', summary: 'The mailbox of the agent that actually sent the message, when it differs from the author; required when From lists several mailboxes.', rfc: ORIGINATOR, ...OPTIONAL_ONCE },
  { name: 'Reply-To', summary: 'Where replies should go instead of the From address.', rfc: ORIGINATOR, ...OPTIONAL_ONCE },
  { name: 'To', summary: 'The primary recipients.', rfc: DESTINATION, ...OPTIONAL_ONCE },
  { name: 'Cc', summary: 'Recipients who receive a copy ("carbon copy").', rfc: DESTINATION, ...OPTIONAL_ONCE },
  { name: 'Bcc', summary: 'Recipients not to be disclosed to the others ("blind carbon copy"); normally removed before delivery.', rfc: DESTINATION, ...OPTIONAL_ONCE },
  { name: 'Message-ID', summary: 'A unique identifier of this message, `<id-left@id-right>`. Every message SHOULD have one.', rfc: IDENTIFICATION, ...OPTIONAL_ONCE },
  { name: 'In-Reply-To', summary: 'The Message-ID(s) of the message(s) this one replies to.', rfc: IDENTIFICATION, ...OPTIONAL_ONCE },
  { name: 'References', summary: 'The Message-IDs of the thread this message belongs to.', rfc: IDENTIFICATION, ...OPTIONAL_ONCE },
  { name: 'Subject', summary: 'A short string identifying the topic of the message.', rfc: INFORMATIONAL, ...OPTIONAL_ONCE },
  { name: 'Comments', summary: 'Additional comments on the text of the body.', rfc: INFORMATIONAL, ...ANY_NUMBER },
  { name: 'Keywords', summary: 'A comma-separated list of important words and phrases.', rfc: INFORMATIONAL, ...ANY_NUMBER },
  { name: 'Resent-Date', summary: 'When a message was reintroduced (resent) into the mail system; each resent block starts with it.', rfc: RESENT, ...ANY_NUMBER },
  { name: 'Resent-From', summary: 'Who resent the message.', rfc: RESENT, ...ANY_NUMBER },
  { name: 'Resent-Sender', summary: 'The agent that actually resent the message, when it differs from Resent-From.', rfc: RESENT, ...ANY_NUMBER },
  { name: 'Resent-To', summary: 'The primary recipients of the resent message.', rfc: RESENT, ...ANY_NUMBER },
  { name: 'Resent-Cc', summary: 'The copy recipients of the resent message.', rfc: RESENT, ...ANY_NUMBER },
  { name: 'Resent-Bcc', summary: 'The blind copy recipients of the resent message.', rfc: RESENT, ...ANY_NUMBER },
  { name: 'Resent-Message-ID', summary: 'A unique identifier of the resending.', rfc: RESENT, ...ANY_NUMBER },
  { name: 'Return-Path', summary: 'The envelope sender (reverse-path of MAIL FROM), added at final delivery; a sending client should not include it (RFC 5321 §4.4).', rfc: TRACE, ...ANY_NUMBER },
  { name: 'Received', summary: 'A trace record that each SMTP server prepends: from where, by whom, with which protocol and when (RFC 5321 §4.4).', rfc: TRACE, ...ANY_NUMBER },

  { name: 'MIME-Version', summary: 'Declares the message MIME-formatted; the value is always `1.0`.', rfc: rfc(2045, '4'), ...ANY_NUMBER, values: ['1.0'] },
  {
    name: 'Content-Type',
    summary: 'The media type of the body (or body part) and its parameters, e.g. the charset or the multipart boundary. Without it, `text/plain; charset=us-ascii` is assumed.',
    rfc: rfc(2045, '5'),
    ...ANY_NUMBER,
    values: [
      'text/plain; charset=UTF-8',
      'text/html; charset=UTF-8',
      'multipart/alternative; boundary="${1:boundary}"',
      'multipart/mixed; boundary="${1:boundary}"',
      'multipart/related; boundary="${1:boundary}"',
      'message/rfc822',
      'application/octet-stream',
    ],
  },
  {
    name: 'Content-Transfer-Encoding',
    summary: 'How the body is encoded for transport; 7bit is assumed without it. 8bit needs BODY=8BITMIME and binary needs BODY=BINARYMIME on MAIL.',
    rfc: rfc(2045, '6'),
    ...ANY_NUMBER,
    values: ['7bit', '8bit', 'binary', 'quoted-printable', 'base64'],
  },
  { name: 'Content-ID', summary: 'A unique identifier of a body part, `<id@domain>`, referenced e.g. by `cid:` URLs in HTML.', rfc: rfc(2045, '7'), ...ANY_NUMBER },
  { name: 'Content-Description', summary: 'A human-readable description of a body part.', rfc: rfc(2045, '8'), ...ANY_NUMBER },
  {
    name: 'Content-Disposition',
    summary: 'Whether a body part is shown inline or as an attachment, and its suggested file name.',
    rfc: rfc(2183, '2'),
    ...ANY_NUMBER,
    values: ['inline', 'attachment; filename="${1:file.txt}"'],
  },
  { name: 'List-Unsubscribe', summary: 'How to unsubscribe from the mailing list: `<mailto:...>` and/or `<https://...>` URIs.', rfc: rfc(2369, '3.2'), ...ANY_NUMBER },
  { name: 'List-Unsubscribe-Post', summary: 'Announces one-click unsubscription: the value `List-Unsubscribe=One-Click` asks for an HTTPS POST to the List-Unsubscribe URI.', rfc: rfc(8058), ...ANY_NUMBER, values: ['List-Unsubscribe=One-Click'] },
  { name: 'List-Id', summary: 'The identifier of the mailing list the message was sent through.', rfc: rfc(2919), ...ANY_NUMBER },
  {
    name: 'Auto-Submitted',
    summary: 'Marks messages generated by an automatic process (`auto-generated`) or sent as automatic replies (`auto-replied`), so that responders do not answer them.',
    rfc: rfc(3834, '5'),
    ...ANY_NUMBER,
    values: ['no', 'auto-generated', 'auto-replied'],
  },
  { name: 'DKIM-Signature', summary: 'A DomainKeys Identified Mail signature over the header fields and body, verified with a key published in DNS. Replay adds one with the `@dkim-*` settings.', rfc: rfc(6376, '3.5'), ...ANY_NUMBER },
  { name: 'Authentication-Results', summary: 'What a receiver found when it checked the message: `authserv-id; method=result ...` for SPF, DKIM, DMARC, ARC and others. Added by receivers, not by senders.', rfc: rfc(8601, '2.2'), ...ANY_NUMBER },
  { name: 'Received-SPF', summary: 'The SPF result a receiver recorded: `pass (comment) client-ip=...; envelope-from=...`.', rfc: rfc(7208, '9.1'), ...ANY_NUMBER },
  { name: 'ARC-Seal', summary: 'Authenticated Received Chain: a hop\'s seal over the ARC sets so far (`i=`, `cv=`, `a=`, `d=`, `s=`, `b=`).', rfc: rfc(8617, '4.1.3'), ...ANY_NUMBER },
  { name: 'ARC-Message-Signature', summary: 'Authenticated Received Chain: a hop\'s DKIM-like signature of the message as it saw it (`i=` numbers the hop).', rfc: rfc(8617, '4.1.2'), ...ANY_NUMBER },
  { name: 'ARC-Authentication-Results', summary: 'Authenticated Received Chain: the Authentication-Results a hop found, prefixed with `i=N;`.', rfc: rfc(8617, '4.1.1'), ...ANY_NUMBER },
];

export const HEADER_FIELDS: readonly HeaderFieldSpec[] = HEADER_LIST;

const BY_NAME: ReadonlyMap<string, HeaderFieldSpec> = new Map(HEADER_LIST.map((spec) => [spec.name.toLowerCase(), spec]));

/** Field names are case-insensitive: `lookupHeaderField('message-id')`. */
export function lookupHeaderField(name: string): HeaderFieldSpec | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** The known field an unknown name is probably a typo of: `suggestHeaderField('Subjcet')` is `Subject`. */
export function suggestHeaderField(name: string): string | undefined {
  if (lookupHeaderField(name)) return undefined;
  return closestMatch(
    name,
    HEADER_LIST.map((spec) => spec.name),
  );
}

/** The fields every message must carry (RFC 5322 §3.6). */
export const REQUIRED_HEADER_FIELDS: readonly string[] = HEADER_LIST.filter((spec) => spec.required).map((spec) => spec.name);
