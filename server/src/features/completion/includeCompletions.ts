// On a `<` include line: the MIME include forms after `< `, and media types after `< part ` / `< attach `.
import type { CompletionItem, Position } from 'vscode-languageserver-types';
import { MIME_INCLUDE_MODES } from '../../model/types';
import { markdown } from '../markdown';
import { COMMON_MEDIA_TYPES, MIME_INCLUDE_DOCS, mimeIncludeDocumentation } from '../mimeIncludeModes';
import { CompletionItemKind, completionItems, lineRange } from './completionItems';

const MODE_TYPED = /^<\s*([A-Za-z-]*)$/;
const TYPE_TYPED = /^<\s*(part|attach)\s+([A-Za-z0-9!#$&^_.+/;=-]*)$/i;

export function includeCompletions(lineText: string, position: Position): CompletionItem[] {
  const typed = lineText.slice(0, position.character);
  const wordEnd = position.character + (/^\S*/.exec(lineText.slice(position.character))?.[0].length ?? 0);
  const mode = MODE_TYPED.exec(typed);
  if (mode) {
    const range = lineRange(position.line, position.character - mode[1].length, wordEnd);
    return completionItems(
      range,
      MIME_INCLUDE_MODES.map((name) => ({
        label: name,
        kind: CompletionItemKind.Keyword,
        insert: name === 'part' || name === 'attach' ? `${name} \${1:type/subtype} \${2:./file}` : `${name} \${1:./file}`,
        detail: MIME_INCLUDE_DOCS[name].syntax,
        documentation: mimeIncludeDocumentation(name),
        filterText: name,
      })),
    );
  }
  const type = TYPE_TYPED.exec(typed);
  if (!type) return [];
  const range = lineRange(position.line, position.character - type[2].length, wordEnd);
  return completionItems(
    range,
    COMMON_MEDIA_TYPES.map((media) => ({
      label: media.type,
      kind: CompletionItemKind.Value,
      insert: `${media.type} `,
      documentation: markdown(media.summary),
    })),
  );
}
