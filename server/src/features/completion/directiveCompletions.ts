// After `@`: the replay settings (docs/transcript-format.md, "Directives and variables"); after `@name = `, the
// setting's values (`@tls = ` -> none, starttls, implicit), or the files of the folder typed for a path (`@ca = `).
import type { CompletionItem, Position } from 'vscode-languageserver-types';
import { EXTENSION_KEYWORDS, EXTENSIONS } from '../../knowledge';
import { DIRECTIVE_SETTINGS } from '../../settings/replaySettings';
import { lookupDirectiveSetting, type DirectiveSetting } from '../../settings/registry';
import { markdown, snippetText } from '../markdown';
import { settingDocumentation } from '../settingDocumentation';
import { extensionDocumentation } from '../protocolDocumentation';
import { CompletionItemKind, completionItems, lineRange, type ItemSpec } from './completionItems';
import { fileCompletions, type FileFolders } from './fileCompletions';

const NAME = /^@([A-Za-z_][\w.-]*)?/;

export function directiveCompletions(lineText: string, position: Position, folders?: FileFolders): CompletionItem[] {
  const typed = lineText.slice(0, position.character);
  const name = NAME.exec(typed);
  if (!name) return [];
  if (name[0].length === typed.length) {
    const nameEnd = NAME.exec(lineText)![0].length;
    const hasValue = /^\s*=/.test(lineText.slice(nameEnd));
    return settingNameCompletions(lineRange(position.line, 1, nameEnd), hasValue);
  }
  const equals = /^\s*=\s*/.exec(lineText.slice(name[0].length));
  if (!equals) return [];
  const valueStart = name[0].length + equals[0].length;
  if (position.character < valueStart) return [];
  const setting = lookupDirectiveSetting(name[1] ?? '');
  if (!setting) return [];
  if (setting.name === 'requires') return requiresCompletions(lineText, position);
  // `@ca = ./certs/ca.pem`: the files beside the transcript (a PEM written in place names none).
  if (setting.type === 'path') return folders && !lineText.startsWith('-----BEGIN', valueStart) ? fileCompletions(lineText, position, valueStart, folders) : [];
  return settingValueCompletions(setting, valueWordRange(lineText, position));
}

/** The word the cursor is in or after (an empty range at the cursor between words): what a chosen value replaces. */
function valueWordRange(lineText: string, position: Position): ReturnType<typeof lineRange> {
  const wordStart = position.character - (/[^\s=]*$/.exec(lineText.slice(0, position.character))?.[0].length ?? 0);
  const wordEnd = position.character + (/^\S*/.exec(lineText.slice(position.character))?.[0].length ?? 0);
  return lineRange(position.line, wordStart, wordEnd);
}

function settingNameCompletions(range: ReturnType<typeof lineRange>, hasValue: boolean): CompletionItem[] {
  const specs: ItemSpec[] = DIRECTIVE_SETTINGS.map((setting) => {
    const choices = setting.docs.values?.map((v) => v.value);
    const value = choices && setting.name !== 'server' && setting.name !== 'port' ? `\${1|${choices.join(',')}|}` : '$1';
    return {
      label: setting.name,
      kind: CompletionItemKind.Property,
      insert: hasValue ? setting.name : `${setting.name} = ${value}`,
      detail: setting.docs.valueSyntax,
      documentation: settingDocumentation(setting),
    };
  });
  return completionItems(range, specs);
}

function settingValueCompletions(setting: DirectiveSetting, range: ReturnType<typeof lineRange>): CompletionItem[] {
  const specs: ItemSpec[] = (setting.docs.values ?? []).map((v) => ({
    label: v.value,
    kind: CompletionItemKind.EnumMember,
    insert: snippetText(v.value),
    detail: `@${setting.name}`,
    documentation: markdown(`**@${setting.name} = ${v.value}**`, v.summary, `Default: ${setting.defaultText}.`),
  }));
  return completionItems(range, specs);
}

/** `@requires = CHUNKING SMTPUTF8`: one EHLO keyword per word. */
function requiresCompletions(lineText: string, position: Position): CompletionItem[] {
  const specs: ItemSpec[] = EXTENSION_KEYWORDS.filter((k) => EXTENSIONS[k].status === 'registered').map((keyword) => ({
    label: keyword,
    kind: CompletionItemKind.EnumMember,
    insert: keyword,
    detail: EXTENSIONS[keyword].title,
    documentation: extensionDocumentation(EXTENSIONS[keyword]),
  }));
  return completionItems(valueWordRange(lineText, position), specs);
}
