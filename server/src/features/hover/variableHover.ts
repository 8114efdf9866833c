// Hovers for `{{name}}` references (value and where defined, secrets masked), built-ins and directive names.
import type { MarkupContent } from 'vscode-languageserver-types';
import { BUILTINS, builtinNamed } from '../../model/builtins';
import { isSecretName } from '../../model/secrets';
import type { Directive, Session, Transcript, VariableReference } from '../../model/types';
import { settingDocumentation, shownValue } from '../settingDocumentation';
import { lookupDirectiveSetting } from '../../settings/registry';
import { codeBlock, inlineCode, markdown } from '../markdown';
import { definitionOfReference } from '../variableNavigation';
import { indexTranscript } from '../transcriptIndex';
import type { ActiveEnvironment } from '../../model/environments';

export function referenceHover(transcript: Transcript, session: Session | undefined, ref: VariableReference, environment?: ActiveEnvironment): MarkupContent {
  if (ref.name.startsWith('$')) {
    const builtin = builtinNamed(ref.name.slice(1));
    if (!builtin) return markdown(`**${ref.name}**: unknown built-in. Known: ${Object.keys(BUILTINS).map((b) => inlineCode('$' + b)).join(', ')}.`);
    return markdown(codeBlock(builtin.signature), builtin.summary);
  }
  const definition = definitionOfReference(transcript, session, ref);
  const fromEnvironment = environment?.variables.get(ref.name);
  if (!definition && fromEnvironment !== undefined) return environmentHover(ref.name, fromEnvironment, environment!.name);
  if (!definition) {
    return markdown(`**${ref.name}**: not defined above this line. Define it with ${inlineCode(`@${ref.name} = value`)} before its first use.`);
  }
  return definitionHover(transcript, definition);
}

export function definitionHover(transcript: Transcript, definition: Directive): MarkupContent {
  const setting = lookupDirectiveSetting(definition.name);
  const where = definitionPlace(transcript, definition);
  if (setting) return markdown(settingDocumentation(setting).value, `Set to ${inlineCode(definition.value.text)} ${where}.`);
  return markdown(
    `**${definition.name}** = ${inlineCode(shownValue(definition))}`,
    isSecretName(definition.name) ? 'A secret (its name contains pass, secret, token or key): replay output shows it as `****`.' : undefined,
    `Defined ${where}.`,
  );
}

/** A name the transcript does not define but the chosen environment does (the file's own definition would win). */
function environmentHover(name: string, value: string, environmentName: string): MarkupContent {
  const setting = lookupDirectiveSetting(name);
  const where = `from environment ${inlineCode(environmentName)} (smtp-environments.json)`;
  if (setting) return markdown(settingDocumentation(setting).value, `Set to ${inlineCode(value)} ${where}.`);
  return markdown(`**${name}** = ${inlineCode(value)}`, `Defined ${where}.`);
}

function definitionPlace(transcript: Transcript, definition: Directive): string {
  const line = definition.range.start.line;
  const session = indexTranscript(transcript).at(line);
  const owner = session?.kind === 'directive' ? session.session : undefined;
  const scope = owner ? `in session ${owner.name ? inlineCode(owner.name) : owner.index + 1}` : 'for every session';
  return `on line ${line + 1}, ${scope}`;
}
