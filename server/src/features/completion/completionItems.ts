// Shared shapes for completion items: a replace range on the cursor's line and a sort key by tier.
import { CompletionItemKind, InsertTextFormat, MarkupKind, TextEdit, type CompletionItem, type MarkupContent, type Range } from 'vscode-languageserver-types';
import { markdownAsPlainText, snippetAsPlainText } from '../plainText';

export interface ItemSpec {
  label: string;
  kind: CompletionItemKind;
  /** Snippet text (VS Code syntax); plain text must go through `snippetText`. */
  insert: string;
  documentation: MarkupContent;
  detail?: string;
  /** 0 = what most likely comes next; higher tiers sort below. */
  tier?: number;
  filterText?: string;
  /** Ask the editor for the next suggestions right away (after `NAME=`, after `@`). */
  retrigger?: boolean;
}

export const TRIGGER_SUGGEST = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

export function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** Items in the order given within each tier. */
export function completionItems(range: Range, specs: ItemSpec[]): CompletionItem[] {
  return specs.map((spec, i) => {
    const item: CompletionItem = {
      label: spec.label,
      kind: spec.kind,
      documentation: spec.documentation,
      sortText: `${spec.tier ?? 0}${String(i).padStart(4, '0')}`,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: TextEdit.replace(range, spec.insert),
    };
    if (spec.detail !== undefined) item.detail = spec.detail;
    if (spec.filterText !== undefined) item.filterText = spec.filterText;
    if (spec.retrigger) item.command = TRIGGER_SUGGEST;
    return item;
  });
}

/** The item for a client without snippet support: the text inserted with each placeholder's default. */
export function asPlainTextItem(item: CompletionItem): CompletionItem {
  if (item.insertTextFormat !== InsertTextFormat.Snippet) return item;
  const plain: CompletionItem = { ...item, insertTextFormat: InsertTextFormat.PlainText };
  if (item.textEdit) plain.textEdit = { ...item.textEdit, newText: snippetAsPlainText(item.textEdit.newText) };
  if (item.insertText !== undefined) plain.insertText = snippetAsPlainText(item.insertText);
  return plain;
}

/** `item` with its Markdown documentation read as plain text (plainText.ts), for a client that shows it raw. */
export function withPlainDocumentation(item: CompletionItem): CompletionItem {
  const doc = item.documentation;
  if (typeof doc !== 'object' || doc.kind !== MarkupKind.Markdown) return item;
  return { ...item, documentation: { kind: MarkupKind.PlainText, value: markdownAsPlainText(doc.value) } };
}

export { CompletionItemKind };
