// On a `<` include line: the MIME include forms after `< `, media types after `< part ` / `< attach `, and the files of
// the folder typed where the path goes (fileCompletions.ts).
import type { CompletionItem, Position } from 'vscode-languageserver-types';
import { MIME_INCLUDE_MODES } from '../../model/types';
import { markdown } from '../markdown';
import { COMMON_MEDIA_TYPES, MIME_INCLUDE_DOCS, mimeIncludeDocumentation } from '../mimeIncludeModes';
import { CompletionItemKind, completionItems, lineRange } from './completionItems';
import { fileCompletions, type FileFolders } from './fileCompletions';

const MODE_TYPED = /^<\s*([A-Za-z-]*)$/;
const TYPE_TYPED = /^<\s*(part|attach)\s+([A-Za-z0-9!#$&^_.+/;=-]*)$/i;
// The path: right after `<` (a plain include), or after the MIME form and, for part and attach, the media type; it
// runs to the line's end, blanks and all.
const PATH_TYPED = /^<\s*(?:(?:base64|quoted-printable)\s+|(?:part|attach)\s+\S+\s+)?(.*)$/i;

export function includeCompletions(lineText: string, position: Position, folders?: FileFolders): CompletionItem[] {
  const typed = lineText.slice(0, position.character);
  const wordEnd = position.character + (/^\S*/.exec(lineText.slice(position.character))?.[0].length ?? 0);
  const path = PATH_TYPED.exec(typed);
  const files = path && folders ? fileCompletions(lineText, position, position.character - path[1].length, folders) : [];
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
    ).concat(files);
  }
  const type = TYPE_TYPED.exec(typed);
  if (!type) return files;
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
