// Preconditions on extensions. They apply only when the transcript records the server's EHLO reply; what it does
// not list, the client must not use (RFC 5321 §4.1.1.2, §4.1.1.3 for parameters; each extension's RFC for commands).
import { verbOpens } from '../../../dialogue/dialogueState';
import { lookupExtension, type ExtensionKeyword } from '../../../knowledge/extensions';
import { extensionsAdvertised, lookupMailParameter, missingExtensions, type MailParameterSpec } from '../../../knowledge/mailParameters';
import { specLabel } from '../../../knowledge/rfc';
import { serviceExtensionOf, listsExtensions } from '../../../knowledge/verbs';
import type { Command, Exchange, Range } from '../../../model/types';
import { envelopeArgumentsOf } from '../sessionArguments';
import { rule, type Finding } from '../rule';
import { detachedCopy } from '../textScan';
import { addressNeedsSmtputf8 } from './addressChecks';
import { credentialsBeforeTls, mechanismOf } from './credentialChecks';
import { SequencingRules } from './sequencingChecks';
import type { EhloCapabilities } from '../session/ehloCapabilities';
import { unlessRefusalExpected } from '../session/expectedOutcome';
import { sentRange, verbIn, verbOpening, type Precondition, type ScopedPrecondition } from '../session/precondition';
import { replyTextRange, verbRange } from '../../../model/lineRanges';

export const ExtensionRules = {
  extensionNotAdvertised: rule('extension-not-advertised', 'warning', 'A command (STARTTLS, AUTH, BDAT, ...) or MAIL/RCPT parameter (SIZE=, BODY=, SMTPUTF8, DSN, REQUIRETLS, MT-PRIORITY, ...) of an extension the recorded EHLO reply does not advertise.', { rfc: 5321, section: '4.1.1.1' }),
  authMechanismNotAdvertised: rule('auth-mechanism-not-advertised', 'warning', 'AUTH with a SASL mechanism the recorded EHLO reply does not list after AUTH.', { rfc: 4954, section: '4' }),
  sizeAboveLimit: rule('size-above-limit', 'warning', 'MAIL declares a SIZE= above the limit the recorded EHLO reply advertises.', { rfc: 1870, section: '6.1' }),
  starttlsAdvertisedAfterTls: rule('starttls-advertised-after-tls', 'warning', 'The EHLO reply expected after a successful STARTTLS lists STARTTLS again, which the server must not offer on the TLS session.', { rfc: 3207, section: '4.2' }),
  pipeliningNotAdvertised: rule('pipelining-not-advertised', 'warning', 'Commands sent together (no `S:` line between them) although the recorded EHLO reply does not advertise PIPELINING.', { rfc: 2920, section: '3' }),
};

function commandOf(exchange: Exchange): Command | undefined {
  return exchange.kind === 'command' || exchange.kind === 'bdat' ? exchange.command : undefined;
}

function notAdvertised(exchange: Exchange, range: Range, what: string, keywords: readonly string[], capabilities: EhloCapabilities): Finding {
  const spec = lookupExtension(keywords[0]);
  const where = spec ? ` (${specLabel(spec.spec)})` : '';
  const list = keywords.join(' and ');
  // `S: 250-*` then keyword lines reads as a name line and exactly those keywords; `S: ...` is "any further lines".
  const orAny = capabilities.wildcardNameLine ? ', or write `S: ...` below the reply\'s first line (`250-*` stands for the server\'s name line alone) to accept any extensions' : '';
  return unlessRefusalExpected(exchange, {
    ruleId: ExtensionRules.extensionNotAdvertised.id,
    range,
    message: `${what} needs the ${list} extension${where}, which the recorded EHLO reply does not advertise: remove it, add \`${list}\` to the EHLO reply${orAny}, or expect the refusal.`,
  });
}

const verbNotAdvertised: Precondition = (state, exchange) => {
  const command = commandOf(exchange);
  const verb = command?.verb;
  const keyword = serviceExtensionOf(verb);
  if (!state.capabilities || !command || !verb || !keyword || state.capabilities.keywords.has(keyword)) return;
  return notAdvertised(exchange, verbRange(command), verb, [keyword], state.capabilities);
};

const mechanismNotAdvertised: Precondition = (state, exchange) => {
  const command = commandOf(exchange);
  const advertised = state.capabilities?.authMechanisms;
  if (!command || verbOpens(command.verb) !== 'auth-response' || !advertised || advertised.size === 0) return;
  const mechanism = mechanismOf(command);
  if (!mechanism || advertised.has(mechanism.name)) return;
  return unlessRefusalExpected(exchange, {
    ruleId: ExtensionRules.authMechanismNotAdvertised.id,
    range: mechanism.range,
    message: `The recorded EHLO reply offers AUTH ${[...advertised].join(' ')}, not ${mechanism.name}: use one of those, or expect the refusal (504, RFC 4954 §4).`,
  });
};

const parametersNotAdvertised: Precondition = (state, exchange) => {
  const command = commandOf(exchange);
  const capabilities = state.capabilities;
  if (!capabilities || (command?.verb !== 'MAIL' && command?.verb !== 'RCPT')) return;
  let findings: Finding[] | undefined;
  for (const parameter of envelopeArgumentsOf(command).parameters) {
    const spec = mailParameterSpec(command.verb, parameter.keyword);
    if (!spec) continue;
    // Most parameters are advertised: what a finding needs is built only for one.
    const advertised = extensionsAdvertised(spec, parameter.value, capabilities.keywords);
    if (advertised && (spec.name !== 'SIZE' || !exceedsSizeLimit(capabilities, parameter.value))) continue;
    const missing = advertised ? [] : missingExtensions(spec, parameter.value, (keyword) => capabilities.keywords.has(keyword));
    const range = parameter.range;
    const written = parameter.value === undefined ? parameter.keyword : `${parameter.keyword}=${parameter.value}`;
    findings ??= [];
    if (missing.length > 0) findings.push(notAdvertised(exchange, range, written, missing, capabilities));
    else for (const added of sizeAboveLimit(exchange, capabilities, parameter.value, range)) findings.push(added);
  }
  return findings;
};

// The tables are fixed: a parameter keyword's spec is looked up once per verb and spelling. Null: no such parameter,
// so one lookup tells a spelling looked up from a new one.
const MAIL_PARAMETER_SPECS = { MAIL: new Map<string, MailParameterSpec | null>(), RCPT: new Map<string, MailParameterSpec | null>() };

function mailParameterSpec(verb: 'MAIL' | 'RCPT', keyword: string): MailParameterSpec | undefined {
  const specs = MAIL_PARAMETER_SPECS[verb];
  const known = specs.get(keyword);
  if (known !== undefined) return known ?? undefined;
  const spec = lookupMailParameter(verb, keyword);
  // Bounded: the spellings of a file's parameters are few, a generated file's could be many.
  if (specs.size < 1000) specs.set(detachedCopy(keyword), spec ?? null);
  return spec;
}

// RFC 5321 §4.1.1.2, §4.1.1.3: MAIL and RCPT parameters belong to service extensions, which a server answering HELO
// does not offer (§4.1.1.1); every parameter is reported, known to the tables or not.
const parametersAfterHelo: Precondition = (state, exchange) => {
  const command = commandOf(exchange);
  const verb = command?.verb;
  if (state.hello !== 'helo' || !command || (verb !== 'MAIL' && verb !== 'RCPT')) return;
  return envelopeArgumentsOf(command).parameters.map((parameter) => {
    const written = parameter.value === undefined ? parameter.keyword : `${parameter.keyword}=${parameter.value}`;
    const spec = lookupMailParameter(verb, parameter.keyword);
    const of = spec ? ` of the ${missingExtensions(spec, parameter.value, () => false).join(' and ')} extension` : '';
    return unlessRefusalExpected(exchange, {
      ruleId: SequencingRules.extensionWithoutEhlo.id,
      range: parameter.range,
      message: `${written} is a ${verb} parameter${of}, but the session was opened with HELO and a server answering HELO offers no service extensions (RFC 5321 §4.1.1.1): send EHLO instead, remove the parameter, or expect the refusal.`,
    });
  });
};

/** `SIZE=value` declares more octets than the EHLO reply's SIZE allows (RFC 1870 §6.1). */
function exceedsSizeLimit(capabilities: EhloCapabilities, value: string | undefined): boolean {
  const limit = capabilities.sizeLimit;
  return limit !== undefined && /^\d+$/.test(value ?? '') && Number(value) > limit;
}

function sizeAboveLimit(exchange: Exchange, capabilities: EhloCapabilities, value: string | undefined, range: Range): Finding[] {
  if (!exceedsSizeLimit(capabilities, value)) return [];
  const limit = capabilities.sizeLimit;
  return [
    unlessRefusalExpected(exchange, {
      ruleId: ExtensionRules.sizeAboveLimit.id,
      range,
      message: `SIZE=${value} is above the ${limit} octets the recorded EHLO reply allows: the server answers 552 (RFC 1870 §6.1). Declare the real size, or expect the refusal.`,
    }),
  ];
}

const TLS_KEYWORD: ExtensionKeyword = 'STARTTLS';

// RFC 3207 §4.2: "The server MUST NOT return the STARTTLS extension in response to an EHLO command received after a
// TLS handshake has completed." A transcript expecting it would fail against every conforming server.
const starttlsAdvertisedAfterTls: Precondition = (state, exchange) => {
  const reply = exchange.reply;
  if (state.tls !== 'starttls' || !listsExtensions(commandOf(exchange)?.verb) || !reply?.code?.startsWith('2')) return;
  const line = reply.lines.slice(1).find((l) => l.code !== undefined && ehloKeywordOf(l.text) === TLS_KEYWORD);
  if (!line) return;
  return {
    ruleId: ExtensionRules.starttlsAdvertisedAfterTls.id,
    range: replyTextRange(line),
    message: `This EHLO follows a successful STARTTLS, and a server must not advertise ${TLS_KEYWORD} on the TLS session (RFC 3207 §4.2): remove this line from the expected reply.`,
  };
};

/** The keyword of an EHLO reply line (`AUTH=PLAIN` is the old form of `AUTH PLAIN`). */
function ehloKeywordOf(text: string): string {
  return (text.trim().split(/[\s=]/, 1)[0] ?? '').toUpperCase();
}

const pipeliningNotAdvertised: Precondition = (state, exchange) => {
  // Content shares DATA's group only when its 354 is missing, which the parser reports (data-reply-missing).
  if (exchange.kind === 'greeting' || exchange.kind === 'client-close' || exchange.kind === 'message') return;
  if (!state.capabilities || state.capabilities.keywords.has('PIPELINING')) return;
  if (exchange.pipelineGroup !== state.pipelineGroup || state.pipelineGroupSize !== 1) return;
  // A group short of a reply is likelier a forgotten `S:` line than pipelining: reply-missing says so, there.
  if (!exchange.reply || state.previousUnanswered) return;
  return {
    ruleId: ExtensionRules.pipeliningNotAdvertised.id,
    range: sentRange(exchange),
    message: 'This line is sent together with the previous command, without waiting for its reply, but the recorded EHLO reply does not advertise PIPELINING (RFC 2920 §3): write the reply after each command.',
  };
};

export const EXTENSION_PRECONDITIONS: readonly ScopedPrecondition[] = [
  { check: verbNotAdvertised, verbs: (verb) => serviceExtensionOf(verb) !== undefined },
  { check: mechanismNotAdvertised, verbs: verbOpening('auth-response') },
  { check: parametersNotAdvertised, verbs: verbIn('MAIL', 'RCPT') },
  { check: parametersAfterHelo, verbs: verbIn('MAIL', 'RCPT') },
  { check: starttlsAdvertisedAfterTls, verbs: verbIn('EHLO', 'LHLO') },
  // Also AUTH responses: these two look at more than commands.
  { check: pipeliningNotAdvertised },
  { check: credentialsBeforeTls },
  { check: addressNeedsSmtputf8, verbs: verbIn('MAIL', 'RCPT') },
];
