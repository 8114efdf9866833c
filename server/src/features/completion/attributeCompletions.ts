// XCLIENT's and XFORWARD's attributes (`ADDR=`, `NAME=`...), those the EHLO reply lists after the keyword first; an
// attribute already on the line is not offered again.
import type { CompletionItem } from 'vscode-languageserver-types';
import { XCLIENT_ATTRIBUTES, XFORWARD_ATTRIBUTES, XCLIENT_PAGE, XFORWARD_PAGE } from '../../knowledge/forwardedAttributes';
import { specMarkdownLink } from '../../knowledge/rfc';
import { markdown } from '../markdown';
import { CompletionItemKind, completionItems, type ItemSpec, type lineRange } from './completionItems';
import type { RecordedCapabilities } from './recordedCapabilities';

export function attributeCompletions(verb: 'XCLIENT' | 'XFORWARD', argument: string, recorded: RecordedCapabilities, range: ReturnType<typeof lineRange>): CompletionItem[] {
  const table = verb === 'XCLIENT' ? XCLIENT_ATTRIBUTES : XFORWARD_ATTRIBUTES;
  const page = verb === 'XCLIENT' ? XCLIENT_PAGE : XFORWARD_PAGE;
  const listed = recorded.kind === 'none' ? undefined : recorded.capabilities.keywords.get(verb);
  const advertised = new Set((listed ?? []).map((name) => name.toUpperCase()));
  const written = new Set(argument.split(' ').map((word) => word.split('=')[0].toUpperCase()));
  const specs: ItemSpec[] = table
    .filter((attribute) => !written.has(attribute.name))
    .map((attribute) => ({
      label: `${attribute.name}=`,
      kind: CompletionItemKind.Property,
      insert: `${attribute.name}=`,
      detail: listed === undefined ? verb : advertised.has(attribute.name) ? `${verb} · advertised` : `${verb} · not advertised`,
      documentation: markdown(`**${attribute.name}** (${verb}): ${attribute.summary}`, specMarkdownLink(page)),
      tier: listed === undefined || advertised.has(attribute.name) ? 0 : 1,
    }));
  return completionItems(range, specs.sort((a, b) => (a.tier ?? 0) - (b.tier ?? 0)));
}
