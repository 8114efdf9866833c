// Inside message content, before the first empty line: header field names, and common values after `Name: `
// (RFC 5322 §2.2, §3.6).
import type { CompletionItem, Position } from 'vscode-languageserver-types';
import { HEADER_FIELDS, lookupHeaderField } from '../../knowledge';
import type { ClientLine } from '../../model/types';
import { markdown } from '../markdown';
import { headerDocumentation } from '../protocolDocumentation';
import { CompletionItemKind, completionItems, lineRange, type ItemSpec } from './completionItems';
import { ownEntry } from '../../knowledge/ownEntry';

/** Values built from the transcript's built-ins, for fields the built-ins were made for. */
const BUILTIN_VALUES: Record<string, { insert: string; label: string; summary: string }> = {
  date: { label: '{{$date}}', insert: '{{\\$date}}', summary: 'The current date, written by replay in RFC 5322 §3.3 format.' },
  'message-id': { label: '{{$message-id}}', insert: '{{\\$message-id}}', summary: 'A fresh `<unique@smtp-transcripts.invalid>` id, made by replay.' },
};

export function headerCompletions(line: ClientLine, position: Position): CompletionItem[] {
  const payloadStart = line.character;
  const text = line.text;
  const typed = text.slice(0, position.character - payloadStart);
  const colon = typed.indexOf(':');
  if (colon < 0) {
    if (/[\s]/.test(typed)) return [];
    const nameEnd = payloadStart + (/^[^:\s]*/.exec(text)?.[0].length ?? 0);
    const hasColon = text[nameEnd - payloadStart] === ':';
    return headerNameCompletions(lineRange(position.line, payloadStart, nameEnd), hasColon);
  }
  const name = typed.slice(0, colon).trim();
  const valueStart = payloadStart + colon + 1 + (/^[ \t]*/.exec(text.slice(colon + 1))?.[0].length ?? 0);
  if (position.character < valueStart) return [];
  return headerValueCompletions(name, lineRange(position.line, valueStart, payloadStart + text.length));
}

function headerNameCompletions(range: ReturnType<typeof lineRange>, hasColon: boolean): CompletionItem[] {
  const specs: ItemSpec[] = HEADER_FIELDS.map((spec) => ({
    label: spec.name,
    kind: CompletionItemKind.Field,
    insert: hasColon ? spec.name : `${spec.name}: `,
    detail: spec.required ? 'required header field' : 'header field',
    documentation: headerDocumentation(spec),
    tier: spec.required ? 0 : 1,
    retrigger: !hasColon && (spec.values !== undefined || ownEntry(BUILTIN_VALUES, spec.name.toLowerCase()) !== undefined),
  }));
  return completionItems(range, specs.sort((a, b) => (a.tier ?? 0) - (b.tier ?? 0)));
}

function headerValueCompletions(name: string, range: ReturnType<typeof lineRange>): CompletionItem[] {
  const spec = lookupHeaderField(name);
  const builtin = ownEntry(BUILTIN_VALUES, name.toLowerCase());
  const specs: ItemSpec[] = [];
  if (builtin) {
    specs.push({ label: builtin.label, kind: CompletionItemKind.Function, insert: builtin.insert, detail: 'built-in', documentation: markdown(builtin.summary) });
  }
  for (const value of spec?.values ?? []) {
    specs.push({
      label: value.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, ''),
      kind: CompletionItemKind.Value,
      insert: value,
      detail: `${spec!.name} value`,
      documentation: headerDocumentation(spec!),
    });
  }
  return completionItems(range, specs);
}

