// Rules about service extensions: what the recorded EHLO reply advertises bounds what the client may use.
import type { RuleSpec } from '../rule';
import { ADDRESS_NEEDS_SMTPUTF8 } from './addressChecks';

export const EXTENSION_RULES: RuleSpec[] = [
  {
    id: 'extension-not-advertised',
    defaultSeverity: 'warning',
    description:
      'A command (STARTTLS, AUTH, BDAT, ...) or MAIL/RCPT parameter (SIZE=, BODY=, SMTPUTF8, DSN, REQUIRETLS, MT-PRIORITY, ...) of an extension the recorded EHLO reply does not advertise.',
    rfc: { rfc: 5321, section: '4.1.1.1' },
  },
  {
    id: 'auth-mechanism-not-advertised',
    defaultSeverity: 'warning',
    description: 'AUTH with a SASL mechanism the recorded EHLO reply does not list after AUTH.',
    rfc: { rfc: 4954, section: '4' },
  },
  {
    id: 'size-above-limit',
    defaultSeverity: 'warning',
    description: 'MAIL declares a SIZE= above the limit the recorded EHLO reply advertises.',
    rfc: { rfc: 1870, section: '6.1' },
  },
  {
    id: 'pipelining-not-advertised',
    defaultSeverity: 'warning',
    description: 'Commands sent together (no `S:` line between them) although the recorded EHLO reply does not advertise PIPELINING.',
    rfc: { rfc: 2920, section: '3' },
  },
  {
    id: 'credentials-before-tls',
    defaultSeverity: 'warning',
    description: 'A password mechanism (AUTH PLAIN, LOGIN) used before STARTTLS succeeded and without `@tls = implicit`.',
    rfc: { rfc: 4954, section: '4' },
  },
  ADDRESS_NEEDS_SMTPUTF8,
];
