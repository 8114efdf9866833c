// Completion by context: what kind of line the cursor is on (by its first characters and by the model) and where
// on the line it is.
import { MarkupKind, type CompletionList, type Position } from 'vscode-languageserver-types';
import type { Transcript } from '../../model/types';
import { messageOf } from '../messageSections';
import { sessionStateBefore } from '../sessionStateAt';
import { indexTranscript } from '../transcriptIndex';
import { argumentCompletions } from './argumentCompletions';
import { authResponseCompletions } from './authResponseCompletions';
import { asPlainTextItem, lineRange, withPlainDocumentation } from './completionItems';
import { commentCompletions } from './commentCompletions';
import { directiveCompletions } from './directiveCompletions';
import { headerCompletions } from './headerCompletions';
import { includeCompletions } from './includeCompletions';
import type { FileFolders, ListFolder } from './fileCompletions';
import { lineStartCompletions } from './lineStartCompletions';
import { replyCompletions } from './replyCompletions';
import { serverMarkerCompletions } from './serverMarkerCompletions';
import { variableCompletions } from './variableCompletions';
import { verbCompletions } from './verbCompletions';
import { verbEnd as verbEndOf } from '../../model/lineRanges';

export { COMPLETION_TRIGGER_CHARACTERS } from './triggerCharacters';

const PARTIAL_PREFIX = /^([CcSs]|#{1,3})?$/;
const CLIENT = /^[Cc]:/;
const SERVER = /^[Ss]:/;

export interface CompletionOptions {
  /** The client takes snippets (textDocument.completion.completionItem.snippetSupport); without, plain text. */
  snippets?: boolean;
  /** The client shows documentation as Markdown (completionItem.documentationFormat); plain text when it says not. */
  documentation?: MarkupKind;
  /** Lists a folder relative to the transcript, for file names in includes and path settings; without it, none. */
  listFolder?: ListFolder;
  /** The document is on Windows (writtenPaths.ts `readsWindowsPaths`): a typed `\` separates names as `/` does. */
  windowsPaths?: boolean;
}

export function getCompletions(transcript: Transcript, position: Position, options: CompletionOptions = {}): CompletionList {
  // A folder too large to list whole gave only the names starting with what was typed: the list is incomplete, and
  // the editor asks again as the name grows (LSP CompletionList.isIncomplete).
  let complete = true;
  const listFolder: ListFolder | undefined = options.listFolder && ((folder, wanted) => {
    const listing = options.listFolder!(folder, wanted);
    complete &&= listing?.complete ?? true;
    return listing;
  });
  let items = completionsAt(transcript, position, listFolder && { list: listFolder, windows: options.windowsPaths === true });
  if (options.snippets === false) items = items.map(asPlainTextItem);
  if (options.documentation === MarkupKind.PlainText) items = items.map(withPlainDocumentation);
  return { isIncomplete: !complete, items };
}

function completionsAt(transcript: Transcript, position: Position, folders: FileFolders | undefined): CompletionList['items'] {
  const lineText = transcript.lines[position.line];
  if (lineText === undefined || position.character > lineText.length) return [];
  const before = lineText.slice(0, position.character);
  const variables = variableCompletions(transcript, position);
  if (variables) return variables;
  if (PARTIAL_PREFIX.test(before) && lineText.slice(position.character).trim() === '') return lineStartCompletions(transcript, position);
  if (before.startsWith('@')) return directiveCompletions(lineText, position, folders);
  if (before.startsWith('#') && !before.startsWith('###')) return commentCompletions(lineText, position);
  if (before.startsWith('<') && !before.startsWith('<-')) return includeCompletions(lineText, position, folders);
  if (position.character < 2) return [];
  const leadingSpace = lineText[2] !== ' ';
  const payloadStart = leadingSpace ? 2 : 3;
  if (position.character < payloadStart) return [];
  if (CLIENT.test(before)) return clientLineCompletions(transcript, position, payloadStart, leadingSpace);
  if (SERVER.test(before)) {
    const entry = indexTranscript(transcript).at(position.line);
    if (entry?.kind === 'closed') return [];
    if (lineText.slice(payloadStart, position.character).startsWith('<')) return serverMarkerCompletions(position, lineText, payloadStart);
    const answered = entry?.kind === 'reply' ? entry : undefined;
    if (!answered) {
      // A line the model gives to no command yet (`S: 250-` typed under a reply that ended): it continues the reply above.
      const above = indexTranscript(transcript).at(position.line - 1);
      if (above?.kind === 'reply') return replyCompletions(position, lineText, payloadStart, leadingSpace, above.exchange, undefined, true);
    }
    return replyCompletions(position, lineText, payloadStart, leadingSpace, answered?.exchange, answered?.reply);
  }
  return [];
}

function clientLineCompletions(transcript: Transcript, position: Position, payloadStart: number, leadingSpace: boolean): CompletionList['items'] {
  const entry = indexTranscript(transcript).at(position.line);
  if (entry?.kind === 'content') {
    if (!entry.line || (entry.exchange.kind !== 'message' && entry.exchange.kind !== 'bdat')) return [];
    const role = messageOf(entry.session, entry.exchange)?.lines.find((l) => l.line === entry.line)?.role;
    const inHeaders = role !== undefined && role !== 'body' && role !== 'terminator';
    return inHeaders && !leadingSpace ? headerCompletions(entry.line, position) : [];
  }
  if (entry?.kind !== 'client') return [];
  if (entry.exchange.kind === 'auth-response') return leadingSpace ? [] : authResponseCompletions(entry.line, position);
  if (entry.exchange.kind !== 'command' && entry.exchange.kind !== 'bdat') return [];
  const command = entry.exchange.command;
  const typed = command.line.text.slice(0, position.character - payloadStart);
  if (!typed.includes(' ')) {
    const verbEnd = verbEndOf(command);
    const withArguments = command.line.text.slice(command.verbText.length).trim() === '';
    const state = sessionStateBefore(transcript, entry.session, position.line);
    return verbCompletions(state, lineRange(position.line, payloadStart, verbEnd), withArguments, leadingSpace);
  }
  return argumentCompletions(transcript, entry.session, command, position);
}
