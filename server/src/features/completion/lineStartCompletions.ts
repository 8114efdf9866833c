// At the start of a line: the line kinds of the format, the likely one first (a reply when a command awaits one).
import type { CompletionItem, Position } from 'vscode-languageserver-types';
import type { Transcript } from '../../model/types';
import { markdown } from '../markdown';
import { indexTranscript } from '../transcriptIndex';
import { CompletionItemKind, completionItems, lineRange, type ItemSpec } from './completionItems';

export function lineStartCompletions(transcript: Transcript, position: Position): CompletionItem[] {
  const awaitingReply = commandAwaitsReply(transcript, position.line);
  const specs: ItemSpec[] = [
    {
      label: 'C: ',
      kind: CompletionItemKind.Keyword,
      insert: 'C: ',
      detail: 'client line',
      documentation: markdown('**C:** what the client sends: a command, an AUTH response, or a line of message content. `C:` alone is an empty content line.'),
      tier: awaitingReply ? 1 : 0,
      retrigger: true,
    },
    {
      label: 'S: ',
      kind: CompletionItemKind.Keyword,
      insert: 'S: ',
      detail: 'server reply line',
      documentation: markdown(
        '**S:** one line of the reply the server is expected to send: `S: 250 2.1.0 Ok`. `250-` continues a reply, `250 ` ends it (RFC 5321 §4.2); `S: <closed>` expects the server to close the connection.',
      ),
      tier: awaitingReply ? 0 : 1,
      retrigger: true,
    },
    {
      label: '### ',
      kind: CompletionItemKind.Module,
      insert: '### ${1:session name}',
      detail: 'new session',
      documentation: markdown('**###** starts a new session: a new connection to the server. `### name` names it.'),
      tier: 2,
    },
    {
      label: '@',
      kind: CompletionItemKind.Property,
      insert: '@',
      detail: 'directive',
      documentation: markdown('**@name = value** sets a replay setting (`@server`, `@port`, `@tls`, ...) or defines a variable used as `{{name}}`.'),
      tier: 2,
      retrigger: true,
    },
    {
      label: '# ',
      kind: CompletionItemKind.Text,
      insert: '# ',
      detail: 'comment',
      documentation: markdown('**#** a comment. `# smtp-lint-disable-next-line rule-id` silences a lint rule on the next line.'),
      tier: 2,
    },
  ];
  return completionItems(lineRange(position.line, 0, position.character), specs);
}

/** The closest exchange above the line has no reply yet. */
function commandAwaitsReply(transcript: Transcript, line: number): boolean {
  const index = indexTranscript(transcript);
  for (let above = line - 1; above >= 0; above--) {
    const entry = index.at(above);
    if (!entry || entry.kind === 'comment') continue;
    if (entry.kind === 'client') return entry.exchange.reply === undefined && entry.exchange.kind !== 'client-close';
    if (entry.kind === 'content' && entry.exchange.kind === 'message') return entry.line === entry.exchange.terminator;
    if (entry.kind === 'content') return true;
    return false;
  }
  return false;
}
