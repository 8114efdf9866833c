// Arguments of MAIL/RCPT (ESMTP parameters and their values) and AUTH (SASL mechanisms), offering what the recorded
// EHLO reply advertised (RFC 5321 §4.1.1.1: a client uses only advertised extensions); without a recorded reply,
// everything known.
import type { CompletionItem, Position } from 'vscode-languageserver-types';
import {
  AUTH_MECHANISMS,
  lookupMailParameter,
  parametersOf,
  type AuthMechanismSpec,
  type MailParameterSpec,
} from '../../knowledge';
import type { Command } from '../../model/types';
import { parseEnvelopeArguments } from '../envelopeArguments';
import type { SessionState } from '../lint/session/sessionState';
import { snippetText } from '../markdown';
import { mechanismDocumentation, parameterDocumentation } from '../protocolDocumentation';
import { CompletionItemKind, completionItems, lineRange, type ItemSpec } from './completionItems';

export function argumentCompletions(command: Command, state: SessionState, position: Position): CompletionItem[] {
  const argumentStart = command.argumentRange.start.character;
  const typed = command.line.payload.text.slice(0, position.character - command.line.payload.range.start.character);
  const wordStart = typed.lastIndexOf(' ') + 1 + command.line.payload.range.start.character;
  const word = typed.slice(typed.lastIndexOf(' ') + 1);
  const rest = command.line.payload.text.slice(position.character - command.line.payload.range.start.character);
  const wordEnd = position.character + (/^[^ ]*/.exec(rest)?.[0].length ?? 0);
  const range = lineRange(position.line, wordStart, wordEnd);
  if (command.verb === 'AUTH' && wordStart === argumentStart) return mechanismCompletions(state, range);
  const pathEnd = parseEnvelopeArguments(command).pathRange?.end.character;
  if ((command.verb === 'MAIL' || command.verb === 'RCPT') && pathEnd !== undefined && wordStart > pathEnd) {
    const equals = word.indexOf('=');
    if (equals < 0) return parameterCompletions(command.verb, state, range);
    const spec = lookupMailParameter(command.verb, word.slice(0, equals));
    const valueRange = lineRange(position.line, wordStart + equals + 1, wordEnd);
    return spec ? parameterValueCompletions(spec, valueRange) : [];
  }
  return [];
}

function parameterCompletions(verb: 'MAIL' | 'RCPT', state: SessionState, range: ReturnType<typeof lineRange>): CompletionItem[] {
  const keywords = state.capabilities?.keywords;
  const specs: ItemSpec[] = parametersOf(verb)
    .filter((spec) => !keywords || keywords.has(spec.extension))
    .map((spec) => {
      const takesValue = spec.syntax.includes('=');
      return {
        label: takesValue ? `${spec.name}=` : spec.name,
        kind: CompletionItemKind.Property,
        insert: takesValue ? `${spec.name}=` : spec.name,
        detail: keywords ? `advertised: ${spec.extension}` : `needs EHLO keyword ${spec.extension}`,
        documentation: parameterDocumentation(spec),
        tier: keywords ? 0 : 1,
        retrigger: takesValue && spec.values !== undefined,
      };
    });
  return completionItems(range, specs);
}


function parameterValueCompletions(spec: MailParameterSpec, range: ReturnType<typeof lineRange>): CompletionItem[] {
  const specs: ItemSpec[] = (spec.values ?? []).map((value) => ({
    label: value,
    kind: CompletionItemKind.EnumMember,
    insert: snippetText(value),
    detail: `${spec.name}=${value}`,
    documentation: parameterDocumentation(spec),
  }));
  return completionItems(range, specs);
}

const USAGE_TIER: Record<AuthMechanismSpec['usage'], number> = { COMMON: 0, LIMITED: 1, unregistered: 1, OBSOLETE: 2 };

function mechanismCompletions(state: SessionState, range: ReturnType<typeof lineRange>): CompletionItem[] {
  const advertised = state.capabilities?.authMechanisms;
  const names = advertised && advertised.size > 0 ? [...advertised] : [...AUTH_MECHANISMS.keys()];
  const specs: ItemSpec[] = names.map((name) => {
    const spec = AUTH_MECHANISMS.get(name);
    return {
      label: name,
      kind: CompletionItemKind.EnumMember,
      insert: snippetText(name),
      detail: advertised?.size ? 'advertised by the EHLO reply' : spec ? `SASL mechanism (${spec.usage})` : 'SASL mechanism',
      documentation: mechanismDocumentation(name),
      tier: advertised?.size ? 0 : USAGE_TIER[spec?.usage ?? 'unregistered'],
    };
  });
  return completionItems(range, specs.sort((a, b) => (a.tier ?? 0) - (b.tier ?? 0)));
}

