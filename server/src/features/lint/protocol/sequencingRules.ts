// Rules about the order of commands (RFC 5321 §3.3, §4.1.4; RFC 3207; RFC 4954 §4; RFC 3030 §2).
import type { RuleSpec } from '../rule';

export const SEQUENCING_RULES: RuleSpec[] = [
  {
    id: 'mail-before-helo',
    defaultSeverity: 'warning',
    description: 'MAIL sent before a successful EHLO or HELO (many servers refuse it with 503).',
    rfc: { rfc: 5321, section: '4.1.4' },
  },
  {
    id: 'rcpt-before-mail',
    defaultSeverity: 'error',
    description: 'RCPT sent when no MAIL transaction is open: the server must refuse it with 503.',
    rfc: { rfc: 5321, section: '3.3' },
  },
  {
    id: 'data-without-recipient',
    defaultSeverity: 'error',
    description: 'DATA or BDAT expected to succeed although no RCPT was accepted (or no MAIL transaction is open).',
    rfc: { rfc: 5321, section: '3.3' },
  },
  {
    id: 'mail-in-transaction',
    defaultSeverity: 'error',
    description: 'MAIL sent while a mail transaction is already open; end it first (the message, RSET, or BDAT LAST).',
    rfc: { rfc: 5321, section: '4.1.4' },
  },
  {
    id: 'command-after-quit',
    defaultSeverity: 'error',
    description: 'A line sent after QUIT or `C: <close>` in the same session: the connection is closed.',
    rfc: { rfc: 5321, section: '4.1.1.10' },
  },
  {
    id: 'ehlo-after-starttls',
    defaultSeverity: 'warning',
    description: 'A command other than EHLO right after STARTTLS succeeded: the session starts over and needs a new EHLO.',
    rfc: { rfc: 3207, section: '4.2' },
  },
  {
    id: 'starttls-twice',
    defaultSeverity: 'error',
    description: 'STARTTLS sent when TLS is already active (after an earlier STARTTLS, or with `@tls = implicit`).',
    rfc: { rfc: 3207, section: '4' },
  },
  {
    id: 'starttls-in-transaction',
    defaultSeverity: 'warning',
    description: 'STARTTLS sent inside a mail transaction; negotiate TLS before MAIL.',
    rfc: { rfc: 3207, section: '4.2' },
  },
  {
    id: 'auth-twice',
    defaultSeverity: 'error',
    description: 'AUTH sent after an earlier AUTH succeeded: the server must refuse it with 503.',
    rfc: { rfc: 4954, section: '4' },
  },
  {
    id: 'auth-in-transaction',
    defaultSeverity: 'error',
    description: 'AUTH sent inside a mail transaction: the server must refuse it with 503.',
    rfc: { rfc: 4954, section: '4' },
  },
  {
    id: 'bdat-data-mixed',
    defaultSeverity: 'error',
    description: 'DATA and BDAT used in the same mail transaction.',
    rfc: { rfc: 3030, section: '2' },
  },
  {
    id: 'bdat-after-last',
    defaultSeverity: 'error',
    description: 'BDAT sent after BDAT LAST without a new MAIL: the server must refuse it with 503.',
    rfc: { rfc: 3030, section: '2' },
  },
];
