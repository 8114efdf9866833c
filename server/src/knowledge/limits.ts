// Size limits every SMTP implementation must handle (RFC 5321 §4.5.3.1): objects up to these sizes must be accepted;
// larger ones may be refused. Lengths are in octets.
import { rfc, type RfcRef } from './rfc';

export interface SizeLimit {
  readonly octets: number;
  readonly what: string;
  readonly rfc: RfcRef;
}

export const SMTP_SIZE_LIMITS = {
  localPart: { octets: 64, what: 'a local-part (the user name before "@")', rfc: rfc(5321, '4.5.3.1.1') },
  domain: { octets: 255, what: 'a domain name or number', rfc: rfc(5321, '4.5.3.1.2') },
  path: { octets: 256, what: 'a reverse-path or forward-path, punctuation included', rfc: rfc(5321, '4.5.3.1.3') },
  commandLine: { octets: 512, what: 'a command line, command word and CRLF included', rfc: rfc(5321, '4.5.3.1.4') },
  replyLine: { octets: 512, what: 'a reply line, reply code and CRLF included', rfc: rfc(5321, '4.5.3.1.5') },
  textLine: { octets: 1000, what: 'a line of message content, CRLF included (not counting a stuffed leading dot)', rfc: rfc(5321, '4.5.3.1.6') },
} as const satisfies Record<string, SizeLimit>;

/** A server must buffer at least this many recipients per transaction (RFC 5321 §4.5.3.1.8). */
export const MINIMUM_RECIPIENTS_BUFFER = 100;

/** The AUTH parameter extends the MAIL command line limit by this many characters (RFC 4954 §3). */
export const AUTH_PARAMETER_LINE_EXTENSION = 500;

/** A server waits at least this long for a client's next command before it times the client out (RFC 5321 §4.5.3.2.7). */
export const SERVER_IDLE_TIMEOUT_MINIMUM_MS = 5 * 60 * 1000;
