// At the start of a line: the line kinds of the format, the one the session expects next first: `S:` while a
// command (or the greeting) awaits its reply, `C:` once the replies are complete, `###` once the session has ended.
import type { CompletionItem, Position } from 'vscode-languageserver-types';
import type { BdatExchange, Exchange, Transcript } from '../../model/types';
import { markdown } from '../markdown';
import { sessionStateBefore } from '../sessionStateAt';
import { indexTranscript } from '../transcriptIndex';
import { CompletionItemKind, completionItems, lineRange, type ItemSpec } from './completionItems';
import { exchangeStartLine } from '../../model/exchangeRange';
import { isCutContent } from '../../model/dialogueEvents';

type Expected = 'client' | 'server' | 'new-session';

export function lineStartCompletions(transcript: Transcript, position: Position): CompletionItem[] {
  const expected = expectedLine(transcript, position.line);
  const specs: ItemSpec[] = [
    {
      label: 'C: ',
      kind: CompletionItemKind.Keyword,
      insert: 'C: ',
      detail: 'client line',
      documentation: markdown('**C:** what the client sends: a command, an AUTH response, or a line of message content. `C:` alone is an empty content line.'),
      tier: expected === 'client' ? 0 : expected === 'new-session' ? 2 : 1,
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
      tier: expected === 'server' ? 0 : 1,
      retrigger: true,
    },
    {
      label: '### ',
      kind: CompletionItemKind.Module,
      insert: '### ${1:session name}',
      detail: 'new session',
      documentation: markdown('**###** starts a new session: a new connection to the server. `### name` names it.'),
      tier: expected === 'new-session' ? 0 : 2,
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
  return completionItems(lineRange(position.line, 0, position.character), specs.sort((a, b) => (a.tier ?? 0) - (b.tier ?? 0)));
}

/** What the session expects on `line`, from the exchanges written above it (replies below it do not count yet). */
function expectedLine(transcript: Transcript, line: number): Expected {
  const session = indexTranscript(transcript).sessionAt(line);
  // `S: <reset>` or `S: <silence>` above: the scripted server has ended the connection; `S: <closed>` above: the
  // server has closed it (also where a reply or the rest of a message was due).
  if (session?.fault && session.fault.marker.line < line) return 'new-session';
  if (session?.expectsClose && session.expectsClose.line < line) return 'new-session';
  // Before the session's first exchange: the server speaks first (RFC 5321 §4.3.1).
  const first = session?.exchanges[0];
  if (!session || !first || exchangeStartLine(first) >= line) return 'server';
  for (const exchange of session.exchanges) {
    if (exchangeStartLine(exchange) >= line) break;
    const pending = stillExpected(exchange, line);
    if (pending) return pending;
  }
  return sessionStateBefore(transcript, session, line).ended ? 'new-session' : 'client';
}

/** What an exchange that starts above `line` still waits for there: more content, or (the rest of) its reply. */
function stillExpected(exchange: Exchange, line: number): Expected | undefined {
  // A close (content the client or the server dropped the connection in among them) waits for nothing: the session ended.
  if (exchange.kind === 'client-close' || isCutContent(exchange)) return undefined;
  // RFC 5321 §4.1.1.4: content runs to the `.` line; RFC 3030 §2: a chunk to its declared size.
  if (exchange.kind === 'message' && !(exchange.terminator && exchange.terminator.line < line)) return 'client';
  if (exchange.kind === 'bdat' && isChunkOpen(exchange, line)) return 'client';
  const above = exchange.reply?.lines.filter((l) => l.line < line) ?? [];
  if (above.length === 0) return 'server';
  // RFC 5321 §4.2.1: `250-` says another line of the reply follows.
  return above[above.length - 1].separator === '-' ? 'server' : undefined;
}

/** A `*` chunk runs to the next `S:` line; a counted one until it holds its declared octets. */
function isChunkOpen(exchange: BdatExchange, line: number): boolean {
  if (exchange.declaredSize === '*') return !(exchange.reply && exchange.reply.lines[0].line < line);
  return typeof exchange.declaredSize === 'number' && exchange.chunkOctets < exchange.declaredSize && !exchange.endsMidLine;
}
