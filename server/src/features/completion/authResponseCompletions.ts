// A line answering a 334 challenge (RFC 4954 §4): a base64 response, usually built with a built-in so no
// credential is written in the file, or `*` to cancel.
import type { CompletionItem, Position } from 'vscode-languageserver-types';
import type { ClientLine } from '../../model/types';
import { markdown } from '../markdown';
import { CompletionItemKind, completionItems, lineRange, type ItemSpec } from './completionItems';
import { payloadEnd } from '../../model/lineRanges';

const RESPONSES: ItemSpec[] = [
  {
    label: '{{$base64 {{user}}}}',
    kind: CompletionItemKind.Function,
    insert: '{{\\$base64 {{${1:user}}}}}',
    detail: 'AUTH LOGIN user name',
    documentation: markdown('The base64 of a variable: the answer to LOGIN\'s `Username:` (or `Password:`) challenge.'),
  },
  {
    label: '{{$plain {{user}} {{password}}}}',
    kind: CompletionItemKind.Function,
    insert: '{{\\$plain {{${1:user}}} {{${2:password}}}}}',
    detail: 'AUTH PLAIN response',
    documentation: markdown('base64 of NUL user NUL password (RFC 4616 §2), computed at replay.'),
  },
  {
    label: '{{$cram-md5 {{user}} {{password}}}}',
    kind: CompletionItemKind.Function,
    insert: '{{\\$cram-md5 {{${1:user}}} {{${2:password}}}}}',
    detail: 'AUTH CRAM-MD5 response',
    documentation: markdown("The answer to the server's real challenge: user and HMAC-MD5 digest, in base64 (RFC 2195 §2)."),
  },
  {
    label: '{{$xoauth2 {{user}} {{token}}}}',
    kind: CompletionItemKind.Function,
    insert: '{{\\$xoauth2 {{${1:user}}} {{${2:token}}}}}',
    detail: 'AUTH XOAUTH2 response',
    documentation: markdown('The XOAUTH2 initial response with a bearer token.'),
  },
  {
    label: '*',
    kind: CompletionItemKind.Keyword,
    insert: '*',
    detail: 'cancel the AUTH exchange',
    documentation: markdown('`*` cancels the authentication exchange; the server answers 501 (RFC 4954 §4).'),
    tier: 1,
  },
];

export function authResponseCompletions(line: ClientLine, position: Position): CompletionItem[] {
  const start = line.character;
  if (line.text.slice(0, position.character - start).includes(' ')) return [];
  return completionItems(lineRange(position.line, start, payloadEnd(line)), RESPONSES);
}
