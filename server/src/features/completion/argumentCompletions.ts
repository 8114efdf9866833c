// Arguments of MAIL/RCPT (ESMTP parameters and their values), AUTH (SASL mechanisms), BDAT (the chunk size) and
// XCLIENT/XFORWARD (their attributes), offering what the EHLO reply written above advertised (RFC 5321 §4.1.1.1: a
// client uses only advertised extensions); without a recorded reply, everything known, ranked below and marked as
// not advertised.
import { verbOpens } from '../../dialogue/dialogueState';
import type { CompletionItem, Position } from 'vscode-languageserver-types';
import {
  AUTH_MECHANISMS,
  lookupMailParameter,
  missingExtensions,
  parametersOf,
  type AuthMechanismSpec,
  type MailParameterSpec,
} from '../../knowledge';
import type { Command, Session, Transcript } from '../../model/types';
import { parseEnvelopeArguments, type EnvelopeArguments } from '../envelopeArguments';
import type { EhloCapabilities } from '../lint';
import { snippetText } from '../markdown';
import { mechanismDocumentation, parameterDocumentation } from '../protocolDocumentation';
import { attributeCompletions } from './attributeCompletions';
import { bdatCompletions } from './bdatCompletions';
import { CompletionItemKind, completionItems, lineRange, type ItemSpec } from './completionItems';
import { pathCompletions } from './pathCompletions';
import { recordedCapabilities, type RecordedCapabilities } from './recordedCapabilities';
import { argumentStart } from '../../model/lineRanges';

type LineRange = ReturnType<typeof lineRange>;

export function argumentCompletions(transcript: Transcript, session: Session, command: Command, position: Position): CompletionItem[] {
  const payload = command.line;
  const typed = payload.text.slice(0, position.character - payload.character);
  const wordStart = typed.lastIndexOf(' ') + 1 + payload.character;
  const word = typed.slice(typed.lastIndexOf(' ') + 1);
  const rest = payload.text.slice(position.character - payload.character);
  const wordEnd = position.character + (/^[^ ]*/.exec(rest)?.[0].length ?? 0);
  const range = lineRange(position.line, wordStart, wordEnd);
  const firstArgument = wordStart === argumentStart(command);
  if (verbOpens(command.verb) === 'chunk') return bdatCompletions(transcript, command, position, firstArgument ? undefined : range);
  if (verbOpens(command.verb) === 'auth-response') return firstArgument ? mechanismCompletions(recordedCapabilities(transcript, session, position.line), range) : [];
  if (command.verb === 'XCLIENT' || command.verb === 'XFORWARD') {
    return word.includes('=') ? [] : attributeCompletions(command.verb, command.argument, recordedCapabilities(transcript, session, position.line), range);
  }
  if (command.verb !== 'MAIL' && command.verb !== 'RCPT') return [];
  const envelope = parseEnvelopeArguments(command);
  const onPath = pathCompletions(transcript, session, command, command.verb, envelope, position);
  if (onPath) return onPath;
  const pathEnd = envelope.pathRange?.end.character;
  const recorded = recordedCapabilities(transcript, session, position.line);
  // Right after `<address>`: the parameters, each with the space before it.
  if (pathEnd === position.character) return parameterCompletions(command.verb, recorded, writtenKeywords(envelope, -1), lineRange(position.line, pathEnd, pathEnd), false, ' ');
  if (pathEnd === undefined || wordStart <= pathEnd) return [];
  const equals = word.indexOf('=');
  if (equals < 0) {
    // RFC 5321 §4.1.1.11 (and each extension's RFC): a parameter is given once.
    const written = writtenKeywords(envelope, wordStart);
    // On the keyword of `SIZE=100`: only the keyword is replaced, the value stays.
    const valueAfter = rest.slice(0, wordEnd - position.character).indexOf('=');
    const keywordRange = valueAfter < 0 ? range : lineRange(position.line, wordStart, position.character + valueAfter);
    return parameterCompletions(command.verb, recorded, written, keywordRange, valueAfter >= 0);
  }
  const spec = lookupMailParameter(command.verb, word.slice(0, equals));
  const valueRange = lineRange(position.line, wordStart + equals + 1, wordEnd);
  return spec ? parameterValueCompletions(spec, recorded, valueRange) : [];
}

/** The parameters already on the line, except the one being typed at `wordStart`. */
function writtenKeywords(envelope: EnvelopeArguments, wordStart: number): Set<string> {
  return new Set(envelope.parameters.filter((p) => p.keywordRange.start.character !== wordStart).map((p) => p.keyword.toUpperCase()));
}

/** `advertised`, `advertised before STARTTLS (line 3)`: where an offered item comes from. */
function advertisedBy(recorded: RecordedCapabilities): string {
  if (recorded.kind !== 'earlier') return 'advertised';
  return recorded.beforeStarttls ? `advertised before STARTTLS (line ${recorded.line + 1})` : `advertised on line ${recorded.line + 1}`;
}

function notAdvertised(recorded: RecordedCapabilities): string {
  if (recorded.kind === 'none') return 'not advertised (no EHLO reply recorded)';
  return recorded.kind === 'earlier' && recorded.beforeStarttls ? 'not advertised before STARTTLS' : 'not advertised';
}

/**
 * The EHLO keyword that allows the parameter (`BODY=` comes with 8BITMIME or BINARYMIME), or one of its values
 * (`BODY=BINARYMIME`: BINARYMIME and CHUNKING); undefined when none is advertised. Same table as lint's.
 */
function advertisedKeyword(spec: MailParameterSpec, keywords: EhloCapabilities['keywords']): string | undefined {
  const has = (keyword: string) => keywords.has(keyword);
  const own = [spec.extension, ...(spec.alsoDefinedBy ?? [])].find(has);
  if (own && missingExtensions(spec, undefined, has).length === 0) return own;
  const value = (spec.values ?? []).find((v) => spec.valueExtensions?.[v] && missingExtensions(spec, v, has).length === 0);
  return value === undefined ? undefined : spec.valueExtensions![value].join(' and ');
}

function parameterCompletions(
  verb: 'MAIL' | 'RCPT',
  recorded: RecordedCapabilities,
  written: ReadonlySet<string>,
  range: LineRange,
  hasValue: boolean,
  lead = '',
): CompletionItem[] {
  const keywords = recorded.kind === 'none' ? undefined : recorded.capabilities.keywords;
  const specs: ItemSpec[] = [];
  for (const spec of parametersOf(verb)) {
    if (written.has(spec.name)) continue;
    const advertised = keywords && advertisedKeyword(spec, keywords);
    // Under the EHLO reply in force, an unadvertised parameter is an error (lint: extension-not-advertised).
    if (!advertised && recorded.kind === 'in-force') continue;
    const takesValue = spec.syntax.includes('=') && !hasValue;
    specs.push({
      label: takesValue ? `${spec.name}=` : spec.name,
      kind: CompletionItemKind.Property,
      insert: `${lead}${takesValue ? `${spec.name}=` : spec.name}`,
      detail: advertised ? `${advertisedBy(recorded)}: ${advertised}` : `${notAdvertised(recorded)} · needs ${spec.extension}`,
      documentation: parameterDocumentation(spec),
      tier: advertised ? 0 : 1,
      retrigger: takesValue && spec.values !== undefined,
    });
  }
  return completionItems(range, sortByTier(specs));
}

function parameterValueCompletions(spec: MailParameterSpec, recorded: RecordedCapabilities, range: LineRange): CompletionItem[] {
  const keywords = recorded.kind === 'in-force' ? recorded.capabilities.keywords : undefined;
  const specs: ItemSpec[] = [];
  for (const value of spec.values ?? []) {
    const needed = spec.valueExtensions?.[value];
    if (keywords && missingExtensions(spec, value, (keyword) => keywords.has(keyword)).length > 0) continue;
    specs.push({
      label: value,
      kind: CompletionItemKind.EnumMember,
      insert: snippetText(value),
      detail: needed ? `${spec.name}=${value} · needs ${needed.join(' and ')}` : `${spec.name}=${value}`,
      documentation: parameterDocumentation(spec),
    });
  }
  return completionItems(range, specs);
}

/** Without an EHLO reply to go by: the IANA registry's common mechanisms first (ranked below advertised ones). */
const USAGE_TIER: Record<AuthMechanismSpec['usage'], number> = { COMMON: 1, LIMITED: 2, unregistered: 2, OBSOLETE: 3 };

/** RFC 4954 §4: a mechanism the server did not advertise is refused with 504. */
function mechanismCompletions(recorded: RecordedCapabilities, range: LineRange): CompletionItem[] {
  const advertised = recorded.kind === 'none' ? new Set<string>() : recorded.capabilities.authMechanisms;
  const specs: ItemSpec[] = [...advertised].map((name) => ({
    label: name,
    kind: CompletionItemKind.EnumMember,
    insert: snippetText(name),
    detail: recorded.kind === 'in-force' ? 'advertised by the EHLO reply' : advertisedBy(recorded),
    documentation: mechanismDocumentation(name),
    tier: 0,
  }));
  // Under the EHLO reply in force that lists mechanisms, the others are errors (lint: auth-mechanism-not-advertised).
  if (recorded.kind === 'in-force' && advertised.size > 0) return completionItems(range, specs);
  const others: ItemSpec[] = [...AUTH_MECHANISMS.values()]
    .filter((spec) => !advertised.has(spec.name))
    .map((spec) => ({
      label: spec.name,
      kind: CompletionItemKind.EnumMember,
      insert: snippetText(spec.name),
      detail: `${notAdvertised(recorded)} · SASL ${spec.usage}`,
      documentation: mechanismDocumentation(spec.name),
      tier: USAGE_TIER[spec.usage],
    }));
  return completionItems(range, [...specs, ...sortByTier(others)]);
}

/** Stable: items keep their order within a tier. */
function sortByTier(specs: ItemSpec[]): ItemSpec[] {
  return specs.sort((a, b) => (a.tier ?? 0) - (b.tier ?? 0));
}
