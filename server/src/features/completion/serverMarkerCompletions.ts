// After `S: <`: `<closed>` and the scripted server's markers (knowledge/serverFaults.ts), with an argument to fill in.
import type { CompletionItem, Position } from 'vscode-languageserver-types';
import { SERVER_MARKER_NAMES, SERVER_MARKERS } from '../../knowledge/serverFaults';
import { markdown } from '../markdown';
import { serverMarkerDocumentation } from '../serverMarkerDocumentation';
import { CompletionItemKind, completionItems, lineRange, type ItemSpec } from './completionItems';
import { SERVER_CLOSED } from '../../model/types';

const EXAMPLE_ARGUMENT = { duration: '2s', octets: '10' } as const;

/** `payloadStart`: where the text after `S: ` starts; the item replaces the `<...>` typed so far. */
export function serverMarkerCompletions(position: Position, lineText: string, payloadStart: number): CompletionItem[] {
  const close = lineText.indexOf('>', payloadStart);
  const end = close < 0 ? lineText.length : close + 1;
  const closed: ItemSpec = {
    label: SERVER_CLOSED,
    kind: CompletionItemKind.Keyword,
    insert: SERVER_CLOSED,
    documentation: markdown('**`S: <closed>`** expects the server to close the connection here (RFC 5321 §3.8); the scripted server closes it.'),
  };
  const markers = SERVER_MARKER_NAMES.map((name): ItemSpec => {
    const spec = SERVER_MARKERS[name];
    return {
      label: spec.syntax,
      kind: CompletionItemKind.Keyword,
      insert: spec.argument ? `<${name} \${1:${EXAMPLE_ARGUMENT[spec.argument]}}>` : `<${name}>`,
      documentation: serverMarkerDocumentation(name),
      filterText: `<${name}>`,
    };
  });
  return completionItems(lineRange(position.line, payloadStart, end), [closed, ...markers]);
}
