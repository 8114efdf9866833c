// In a `#` comment: the `smtp-lint-disable-next-line` keyword, and after it the lint rule ids (each documented with
// its description, default severity and RFC), leaving out the ids the comment already names and parse errors.
import type { CompletionItem, Position } from 'vscode-languageserver-types';
import { allRules, isParseError } from '../lint';
import { rfcLabel } from '../../knowledge';
import {
  DISABLE_NEXT_LINE,
  DISABLE_NEXT_LINE_DOCUMENTATION,
  readSuppressionComment,
  ruleDocumentation,
} from '../suppressionComments';
import { CompletionItemKind, completionItems, lineRange, type ItemSpec } from './completionItems';

const KEYWORD_TYPED = /^#\s*([\w-]*)$/;

export function commentCompletions(lineText: string, position: Position): CompletionItem[] {
  const typed = lineText.slice(0, position.character);
  const wordEnd = position.character + (/^[^\s,]*/.exec(lineText.slice(position.character))?.[0].length ?? 0);
  const keyword = KEYWORD_TYPED.exec(typed);
  if (keyword) {
    const range = lineRange(position.line, position.character - keyword[1].length, wordEnd);
    return completionItems(range, [
      {
        label: DISABLE_NEXT_LINE,
        kind: CompletionItemKind.Keyword,
        insert: `${DISABLE_NEXT_LINE} `,
        detail: 'silence lint rules on the next line',
        documentation: DISABLE_NEXT_LINE_DOCUMENTATION,
        retrigger: true,
      },
    ]);
  }
  const comment = readSuppressionComment(lineText);
  if (!comment || position.character <= comment.keywordEnd) return [];
  const wordStart = position.character - (/[^\s,]*$/.exec(typed)?.[0].length ?? 0);
  const named = new Set(comment.ids.filter((id) => id.start !== wordStart).map((id) => id.id));
  // Parse errors are left out: no comment silences them (docs/lint-rules.md).
  const specs: ItemSpec[] = allRules()
    .filter((rule) => !named.has(rule.id) && !isParseError(rule.id))
    .map((rule) => ({
      label: rule.id,
      kind: CompletionItemKind.EnumMember,
      insert: rule.id,
      detail: rule.rfc ? `${rule.defaultSeverity} · ${rfcLabel(rule.rfc)}` : rule.defaultSeverity,
      documentation: ruleDocumentation(rule),
    }));
  return completionItems(lineRange(position.line, wordStart, wordEnd), specs);
}
