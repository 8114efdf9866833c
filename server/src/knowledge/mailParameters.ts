// ESMTP parameters of MAIL FROM and RCPT TO (RFC 5321 §4.1.2 `esmtp-param`): which command takes each, which EHLO
// keyword enables it, and a check of its value.
import type { ExtensionKeyword } from './extensions';
import { decodeXtext, isAtom, isDateTime, isUtf8AddressText, isXtext, looksLikeMailbox } from './parameterSyntax';
import { rfc, type RfcRef } from './rfc';

export type ParameterCommand = 'MAIL' | 'RCPT';

export interface MailParameterSpec {
  /** The esmtp-keyword, upper case (`NOTIFY`). */
  readonly name: string;
  readonly command: ParameterCommand;
  /** The EHLO keyword that must be advertised before the client may send the parameter (RFC 5321 §4.1.1.3). */
  readonly extension: ExtensionKeyword;
  /**
   * Values that need other keywords than `extension`, each one's list replacing it (upper-case values): BODY=8BITMIME
   * needs 8BITMIME (RFC 6152 §2), BODY=BINARYMIME needs BINARYMIME and CHUNKING (RFC 3030 §3), not 8BITMIME.
   */
  readonly valueExtensions?: Readonly<Record<string, readonly ExtensionKeyword[]>>;
  /** Keywords that also define the parameter for the other values: BODY=7BIT comes with 8BITMIME or BINARYMIME. */
  readonly alsoDefinedBy?: readonly ExtensionKeyword[];
  /** `NOTIFY=NEVER / 1#(SUCCESS / FAILURE / DELAY)`; just the keyword for parameters without a value. */
  readonly syntax: string;
  readonly summary: string;
  readonly rfc: RfcRef;
  /** Values offered by completion. */
  readonly values?: readonly string[];
  /** A problem with the value (`undefined` when the parameter was written without `=`), or undefined when it is fine. */
  validate(value: string | undefined): string | undefined;
}

function withoutValue(name: string): (value: string | undefined) => string | undefined {
  return (value) => (value === undefined ? undefined : `${name} takes no value.`);
}

function requireValue(name: string, check: (value: string) => string | undefined): (value: string | undefined) => string | undefined {
  return (value) => (value === undefined || value === '' ? `${name} needs a value: ${name}=...` : check(value));
}

function oneOf(name: string, allowed: readonly string[]): (value: string | undefined) => string | undefined {
  return requireValue(name, (value) =>
    allowed.includes(value.toUpperCase()) ? undefined : `${name} must be one of ${allowed.join(', ')}, not "${value}".`,
  );
}

function validateNotify(value: string): string | undefined {
  const keywords = value.toUpperCase().split(',');
  if (keywords.includes('NEVER')) return keywords.length === 1 ? undefined : 'NOTIFY=NEVER cannot be combined with other values.';
  const unknown = keywords.find((keyword) => !['SUCCESS', 'FAILURE', 'DELAY'].includes(keyword));
  if (unknown !== undefined) return `NOTIFY takes NEVER or a comma-separated list of SUCCESS, FAILURE, DELAY, not "${unknown}".`;
  if (new Set(keywords).size !== keywords.length) return 'NOTIFY lists a value twice.';
  return undefined;
}

function validateOrcpt(value: string): string | undefined {
  const semicolon = value.indexOf(';');
  if (semicolon < 0) return 'ORCPT must be addr-type;address, e.g. ORCPT=rfc822;user@example.com.';
  const addressType = value.slice(0, semicolon);
  const address = value.slice(semicolon + 1);
  if (!isAtom(addressType)) return `ORCPT address type "${addressType}" is not an atom.`;
  // RFC 6533 §3: the utf-8 address type carries UTF-8 itself (with SMTPUTF8) or `\x{HEX}` escapes, not xtext.
  if (addressType.toLowerCase() === 'utf-8') return isUtf8AddressText(address) ? undefined : 'An ORCPT=utf-8; address is UTF-8 text without "+", "=", spaces or controls, other characters written \\x{HEX} (RFC 6533 §3).';
  if (address === '' || !isXtext(address)) return 'The ORCPT address must be non-empty xtext (RFC 3461 §4).';
  // RFC 3461 §4.2: the whole parameter, "ORCPT=" included, is at most 500 characters.
  if ('ORCPT='.length + value.length > 500) return 'ORCPT is longer than 500 characters.';
  return undefined;
}

function validateXtextMailbox(name: string, allowNull: boolean): (value: string) => string | undefined {
  return (value) => {
    if (allowNull && value === '<>') return undefined;
    if (!isXtext(value)) return `${name} must be xtext: write "+", "=" and non-ASCII octets as +HH.`;
    return looksLikeMailbox(decodeXtext(value)) ? undefined : `${name} must be a mailbox${allowNull ? ' or <>' : ''}.`;
  };
}

const PARAMETER_LIST: readonly MailParameterSpec[] = [
  {
    name: 'SIZE',
    command: 'MAIL',
    extension: 'SIZE',
    syntax: 'SIZE=1*20DIGIT',
    summary: 'The size of the message in octets, so the server can refuse it before the content is sent.',
    rfc: rfc(1870),
    validate: requireValue('SIZE', (value) => (/^\d{1,20}$/.test(value) ? undefined : `SIZE must be a number of octets, not "${value}".`)),
  },
  {
    name: 'BODY',
    command: 'MAIL',
    extension: '8BITMIME',
    valueExtensions: { '8BITMIME': ['8BITMIME'], BINARYMIME: ['BINARYMIME', 'CHUNKING'] },
    alsoDefinedBy: ['BINARYMIME'],
    syntax: 'BODY=7BIT / 8BITMIME / BINARYMIME',
    summary: 'The kind of content: 7BIT (the default), 8BITMIME (RFC 6152) or BINARYMIME (RFC 3030, sent with BDAT).',
    rfc: rfc(6152),
    values: ['7BIT', '8BITMIME', 'BINARYMIME'],
    validate: oneOf('BODY', ['7BIT', '8BITMIME', 'BINARYMIME']),
  },
  {
    name: 'SMTPUTF8',
    command: 'MAIL',
    extension: 'SMTPUTF8',
    syntax: 'SMTPUTF8',
    summary: 'The transaction uses UTF-8 addresses or header fields.',
    rfc: rfc(6531),
    validate: withoutValue('SMTPUTF8'),
  },
  {
    name: 'RET',
    command: 'MAIL',
    extension: 'DSN',
    syntax: 'RET=FULL / HDRS',
    summary: 'Whether a failure notification returns the full message or only its header section.',
    rfc: rfc(3461, '4.3'),
    values: ['FULL', 'HDRS'],
    validate: oneOf('RET', ['FULL', 'HDRS']),
  },
  {
    name: 'ENVID',
    command: 'MAIL',
    extension: 'DSN',
    syntax: 'ENVID=xtext',
    summary: 'An envelope identifier the sender chooses; delivery status notifications quote it back.',
    rfc: rfc(3461, '4.4'),
    validate: requireValue('ENVID', (value) => {
      if (!isXtext(value)) return 'ENVID must be xtext: write "+", "=" and non-ASCII octets as +HH.';
      return value.length > 100 ? 'ENVID is longer than 100 characters.' : undefined;
    }),
  },
  {
    name: 'NOTIFY',
    command: 'RCPT',
    extension: 'DSN',
    syntax: 'NOTIFY=NEVER / 1#(SUCCESS / FAILURE / DELAY)',
    summary: 'When to send a delivery status notification for this recipient: NEVER, or any of SUCCESS, FAILURE, DELAY.',
    rfc: rfc(3461, '4.1'),
    values: ['NEVER', 'SUCCESS', 'FAILURE', 'DELAY', 'SUCCESS,FAILURE', 'FAILURE,DELAY', 'SUCCESS,FAILURE,DELAY'],
    validate: requireValue('NOTIFY', validateNotify),
  },
  {
    name: 'ORCPT',
    command: 'RCPT',
    extension: 'DSN',
    syntax: 'ORCPT=addr-type ";" xtext  (utf-8 ";" utf-8-addr, RFC 6533)',
    summary: 'The original recipient address, as given before any forwarding, e.g. `ORCPT=rfc822;user@example.com`.',
    rfc: rfc(3461, '4.2'),
    validate: requireValue('ORCPT', validateOrcpt),
  },
  {
    name: 'AUTH',
    command: 'MAIL',
    extension: 'AUTH',
    syntax: 'AUTH=xtext (a mailbox, or "<>")',
    summary: 'The identity that submitted the message, or `<>` when it is unknown or not trusted.',
    rfc: rfc(4954, '5'),
    values: ['<>'],
    validate: requireValue('AUTH', validateXtextMailbox('AUTH', true)),
  },
  {
    name: 'REQUIRETLS',
    command: 'MAIL',
    extension: 'REQUIRETLS',
    syntax: 'REQUIRETLS',
    summary: 'Every hop must relay the message over TLS with a verified certificate, or return it.',
    rfc: rfc(8689),
    validate: withoutValue('REQUIRETLS'),
  },
  {
    name: 'MT-PRIORITY',
    command: 'MAIL',
    extension: 'MT-PRIORITY',
    syntax: 'MT-PRIORITY=["+" / "-"] DIGIT',
    summary: 'The message priority, from -9 (lowest) to 9 (highest); 0 is normal.',
    rfc: rfc(6710),
    validate: requireValue('MT-PRIORITY', (value) =>
      /^[+-]?\d$/.test(value) ? undefined : `MT-PRIORITY must be a number from -9 to 9, not "${value}".`,
    ),
  },
  {
    name: 'BY',
    command: 'MAIL',
    extension: 'DELIVERBY',
    syntax: 'BY=by-time ";" by-mode [by-trace]  (by-time = ["-" / "+"] 1*9DIGIT, by-mode = "N" / "R", by-trace = "T")',
    summary: 'Deliver within by-time seconds; mode R returns the message if that fails, mode N only notifies. T asks for trace notifications.',
    rfc: rfc(2852),
    validate: requireValue('BY', (value) =>
      /^[+-]?\d{1,9};[NR]T?$/i.test(value) ? undefined : `BY must be seconds;mode, e.g. BY=120;R or BY=600;NT, not "${value}".`,
    ),
  },
  {
    name: 'HOLDFOR',
    command: 'MAIL',
    extension: 'FUTURERELEASE',
    syntax: 'HOLDFOR=1*9DIGIT',
    summary: 'Hold the message for this many seconds before releasing it for delivery.',
    rfc: rfc(4865),
    validate: requireValue('HOLDFOR', (value) => (/^\d{1,9}$/.test(value) ? undefined : `HOLDFOR must be a number of seconds, not "${value}".`)),
  },
  {
    name: 'HOLDUNTIL',
    command: 'MAIL',
    extension: 'FUTURERELEASE',
    syntax: 'HOLDUNTIL=date-time (RFC 3339)',
    summary: 'Hold the message until this time before releasing it for delivery.',
    rfc: rfc(4865),
    validate: requireValue('HOLDUNTIL', (value) =>
      isDateTime(value) ? undefined : `HOLDUNTIL must be an RFC 3339 date-time such as 2030-01-31T12:00:00Z, not "${value}".`,
    ),
  },
  {
    name: 'RRVS',
    command: 'RCPT',
    extension: 'RRVS',
    syntax: 'RRVS=date-time [";" ("C" / "R")]',
    summary: 'Deliver only if the mailbox has belonged to the same owner since this time; R rejects otherwise, C continues.',
    rfc: rfc(7293),
    validate: requireValue('RRVS', (value) => {
      const [time, action, ...rest] = value.split(';');
      if (!isDateTime(time)) return `RRVS must start with an RFC 3339 date-time, not "${time}".`;
      if (rest.length > 0 || (action !== undefined && !/^[CR]$/i.test(action))) return 'The RRVS action after ";" must be C or R.';
      return undefined;
    }),
  },
  {
    name: 'SUBMITTER',
    command: 'MAIL',
    extension: 'SUBMITTER',
    syntax: 'SUBMITTER=xtext (a mailbox)',
    summary: 'The responsible submitter of Sender ID (historic).',
    rfc: rfc(4405),
    validate: requireValue('SUBMITTER', validateXtextMailbox('SUBMITTER', false)),
  },
];

export const MAIL_PARAMETERS: readonly MailParameterSpec[] = PARAMETER_LIST;

/** esmtp-keywords are case-insensitive: `lookupMailParameter('RCPT', 'notify')`. */
export function lookupMailParameter(command: ParameterCommand, name: string): MailParameterSpec | undefined {
  const upper = name.toUpperCase();
  return PARAMETER_LIST.find((spec) => spec.command === command && spec.name === upper);
}

/**
 * The keywords `spec` written with `value` needs that `advertised` lacks (RFC 5321 §4.1.1.11: a parameter only with
 * its extension). Empty when the EHLO reply allows it.
 */
export function missingExtensions(spec: MailParameterSpec, value: string | undefined, advertised: (keyword: string) => boolean): ExtensionKeyword[] {
  if (extensionsAdvertised(spec, value, { has: advertised })) return [];
  const forValue = valueExtensions(spec, value);
  return forValue ? forValue.filter((keyword) => !advertised(keyword)) : [spec.extension];
}

/** Whether `missingExtensions(spec, value, ...)` is empty, asked of `advertised` without building a list. */
export function extensionsAdvertised(spec: MailParameterSpec, value: string | undefined, advertised: { has(keyword: string): boolean }): boolean {
  // A value with extensions of its own needs all of them; otherwise the parameter's extension, or one that also defines it.
  const forValue = valueExtensions(spec, value);
  if (forValue) {
    for (let i = 0; i < forValue.length; i++) if (!advertised.has(forValue[i])) return false;
    return true;
  }
  if (advertised.has(spec.extension)) return true;
  const also = spec.alsoDefinedBy ?? [];
  for (let i = 0; i < also.length; i++) if (advertised.has(also[i])) return true;
  return false;
}

function valueExtensions(spec: MailParameterSpec, value: string | undefined): readonly ExtensionKeyword[] | undefined {
  return spec.valueExtensions?.[value?.toUpperCase() ?? ''];
}

export function parametersOf(command: ParameterCommand): readonly MailParameterSpec[] {
  return PARAMETER_LIST.filter((spec) => spec.command === command);
}
