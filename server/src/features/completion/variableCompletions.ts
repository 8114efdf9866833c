// Inside `{{`: the variables defined above the cursor (with their values, secrets masked), then the replay settings
// in force, then the built-ins with their signatures; after `{{$`, the built-ins only.
import type { CompletionItem, Position } from 'vscode-languageserver-types';
import { argumentNames, BUILTINS } from '../../model/builtins';
import { isSecretName } from '../../model/secrets';
import { definitionsAt } from '../../model/variables';
import type { Directive, Transcript } from '../../model/types';
import { lookupDirectiveSetting } from '../../settings/registry';
import { codeBlock, inlineCode, markdown, snippetText } from '../markdown';
import { shownValue } from '../settingDocumentation';
import { indexTranscript } from '../transcriptIndex';
import { CompletionItemKind, completionItems, lineRange, type ItemSpec } from './completionItems';

/** How far back from the cursor an open `{{` is looked for: references are short, lines may not be. */
const LOOK_BACK = 256;
const OPEN_REFERENCE = /(?:^|[^\\])\{\{\s*(\$?[\w.-]*)$/;

/** The groups, in this order whatever their names: variables, replay settings read as variables, built-ins. */
const VARIABLE_TIER = 0;
const SETTING_TIER = 1;
const BUILTIN_TIER = 2;

/** Undefined when the cursor is not right after `{{` and a (partial) name. */
export function variableCompletions(transcript: Transcript, position: Position): CompletionItem[] | undefined {
  const lineText = transcript.lines[position.line] ?? '';
  const from = Math.max(0, position.character - LOOK_BACK);
  const open = OPEN_REFERENCE.exec(lineText.slice(from, position.character));
  if (!open) return undefined;
  const typed = open[1];
  const nameStart = position.character - typed.length;
  const after = lineText.slice(position.character, position.character + LOOK_BACK);
  const nameRest = /^[\w.-]*/.exec(after)![0];
  const closed = after.slice(nameRest.length).trimStart().startsWith('}}');
  const range = lineRange(position.line, nameStart, position.character + nameRest.length);
  // `{{$capture}}` means something only in a C: line (what the scripted server reads from its client).
  // `{{$any-lines}}` only where it can stand: alone on a line of message content.
  const where: BuiltinPlace = {
    clientLine: /^\s*C:/.test(lineText),
    wholeContentLine: /^\s*C:\s*\{\{\s*\$?[\w.-]*$/.test(lineText.slice(0, position.character))
      && indexTranscript(transcript).at(position.line)?.kind === 'content',
  };
  if (typed.startsWith('$')) return completionItems(range, builtinSpecs(closed, 0, where));
  return completionItems(range, [...definedVariableSpecs(transcript, position, closed), ...builtinSpecs(closed, BUILTIN_TIER, where)]);
}

function definedVariableSpecs(transcript: Transcript, position: Position, closed: boolean): ItemSpec[] {
  const index = indexTranscript(transcript);
  const entry = index.at(position.line);
  const session = entry?.kind === 'directive' ? entry.session : index.sessionAt(position.line);
  const definitions = [...definitionsAt(transcript, session, position.line).values()];
  const specs: ItemSpec[] = definitions.map((d) => ({
    label: d.name,
    kind: lookupDirectiveSetting(d.name) ? CompletionItemKind.Property : CompletionItemKind.Variable,
    insert: snippetText(d.name) + (closed ? '' : '}}'),
    detail: shownValue(d),
    documentation: variableDocumentation(d),
    tier: lookupDirectiveSetting(d.name) ? SETTING_TIER : VARIABLE_TIER,
  }));
  return specs.sort((a, b) => (a.tier ?? 0) - (b.tier ?? 0));
}


export function variableDocumentation(definition: Directive): ReturnType<typeof markdown> {
  const secret = isSecretName(definition.name);
  return markdown(
    `**${definition.name}** = ${inlineCode(shownValue(definition))}`,
    secret ? 'A secret (its name contains pass, secret, token or key): replay output shows it as `****`.' : undefined,
    `Defined on line ${definition.range.start.line + 1}.`,
  );
}

interface BuiltinPlace {
  clientLine: boolean;
  wholeContentLine: boolean;
}

function offeredAt(name: string, where: BuiltinPlace): boolean {
  if (name === 'capture') return where.clientLine;
  if (name === 'any-lines') return where.wholeContentLine;
  return true;
}

function builtinSpecs(closed: boolean, tier: number, where: BuiltinPlace): ItemSpec[] {
  return Object.entries(BUILTINS).filter(([name]) => offeredAt(name, where)).map(([name, spec]) => {
    // `{{$plain user password}}` -> `\$plain ${1:user} ${2:password}`
    const args = argumentNames(spec);
    const snippet = ['\\$' + name, ...args.map((arg, i) => `\${${i + 1}:${snippetText(arg)}}`)].join(' ');
    return {
      label: '$' + name,
      kind: CompletionItemKind.Function,
      insert: snippet + (closed ? '' : '}}'),
      detail: spec.signature,
      documentation: markdown(codeBlock(spec.signature), spec.summary),
      tier,
    };
  });
}
