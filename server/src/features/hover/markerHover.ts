// Hovers for the lines that are neither commands nor replies: a suppression comment's keyword and rule ids, a
// `###` session separator (what the session does), and the markers `S: <closed>`, `C: <close>` and `S: ...`.
import type { Hover, Position } from 'vscode-languageserver-types';
import { closestMatch } from '../../knowledge';
import { SERVER_CLOSED, type BdatExchange, type Comment, type MessageExchange, type ReplyLine, type Session, type Transcript } from '../../model/types';
import { inlineCode, markdown } from '../markdown';
import { allRules } from '../lint';
import {
  DISABLE_NEXT_LINE_DOCUMENTATION,
  lookupRule,
  readSuppressionComment,
  ruleDocumentation,
} from '../suppressionComments';
import { envelopeSummary, sessionParts, type Transaction } from '../transactions';
import { definitionFor } from '../variableNavigation';
import { payloadRange } from '../../model/lineRanges';
import { exchangeStartLine } from '../../model/exchangeRange';

const MAX_TRANSACTIONS_LISTED = 5;

export function suppressionHover(transcript: Transcript, comment: Comment, position: Position): Hover | undefined {
  const suppression = readSuppressionComment(comment.text);
  if (!suppression) return undefined;
  const line = comment.line;
  const at = (start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });
  const target = silencedLine(transcript, line);
  const where = target === undefined ? 'There is no line after it to silence.' : `It applies to line ${target + 1}.`;
  const { character } = position;
  if (character >= suppression.keywordStart && character <= suppression.keywordEnd) {
    const range = at(suppression.keywordStart, suppression.keywordEnd);
    return { contents: markdown(DISABLE_NEXT_LINE_DOCUMENTATION.value, where), range };
  }
  const named = suppression.ids.find((id) => character >= id.start && character <= id.end);
  if (!named) return undefined;
  const rule = lookupRule(named.id);
  if (rule) return { contents: markdown(ruleDocumentation(rule).value, where), range: at(named.start, named.end) };
  const suggestion = closestMatch(named.id, allRules().map((r) => r.id));
  return {
    contents: markdown(
      `**${named.id}**: no lint rule has this id, so the comment silences nothing for it.${suggestion ? ` Did you mean ${inlineCode(suggestion)}?` : ''}`,
    ),
    range: at(named.start, named.end),
  };
}

/** The next line that is not a comment (suppression comments stack). */
function silencedLine(transcript: Transcript, commentLine: number): number | undefined {
  const comments = new Set(transcript.comments.map((c) => c.line));
  let line = commentLine + 1;
  while (comments.has(line)) line++;
  return line < transcript.lines.length ? line : undefined;
}

/** The session's connection target and what it does: exchanges and mail transactions. */
export function sessionHover(transcript: Transcript, session: Session): Hover | undefined {
  if (!session.separator) return undefined;
  const title = `**Session ${session.index + 1} of ${transcript.sessions.length}**${session.name ? ` ${inlineCode(session.name)}` : ' (unnamed)'}`;
  const parts = sessionParts(session);
  const transactions = parts.filter((part): part is Transaction => part.kind === 'transaction');
  const listed = transactions.slice(0, MAX_TRANSACTIONS_LISTED).map((t) => `- ${inlineCode(envelopeSummary(session, t))}`);
  if (transactions.length > listed.length) listed.push(`- and ${transactions.length - listed.length} more`);
  const exchanges = session.exchanges.length;
  return {
    contents: markdown(
      `${title}: a connection of its own.`,
      target(transcript, session),
      `${exchanges} exchange${exchanges === 1 ? '' : 's'}, ${transactions.length} mail transaction${transactions.length === 1 ? '' : 's'}${listed.length > 0 ? ':' : '.'}`,
      listed.join('\n'),
    ),
    range: session.separator.range,
  };
}

/** Read where replay reads the settings: at the session's first exchange. */
function target(transcript: Transcript, session: Session): string {
  const first = session.exchanges[0];
  const line = first ? exchangeStartLine(first) : session.range.end.line + 1;
  const setting = (name: string) => definitionFor(transcript, session, name, line)?.value.text.trim();
  const tls = setting('tls') || 'none';
  const port = setting('port') || (tls.toLowerCase() === 'implicit' ? '465' : '25');
  const server = setting('server');
  const requires = setting('requires');
  return [
    server ? `Connects to ${inlineCode(`${server}:${port}`)}` : `Connects to the server given by the caller (CLI option or editor setting), port ${inlineCode(port)}`,
    `, TLS ${inlineCode(tls)}`,
    requires ? `; runs only when the EHLO reply advertises ${inlineCode(requires)}.` : '.',
  ].join('');
}

export function closedHover(position: Position, text: string): Hover | undefined {
  const { line, character } = position;
  const start = text.indexOf(SERVER_CLOSED);
  if (start < 0 || character < start || character > start + SERVER_CLOSED.length) return undefined;
  return {
    contents: markdown(
      '`S: <closed>` expects the server to close the connection here: after a `421`, after the `221` answering QUIT, or after a fatal error (RFC 5321 §3.8). Right after a command with no reply written, the server closes instead of replying; among DATA content lines, it closes after reading the lines above (the message is never finished). Nothing may follow it in the session.',
    ),
    range: { start: { line, character: start }, end: { line, character: start + SERVER_CLOSED.length } },
  };
}

/** The text of a `421` no command awaits (`Session.closingNotice`). */
export function noticeHover(range: Hover['range']): Hover {
  return {
    contents: markdown(
      "This reply answers no command: it is the server's own `421`, ending the session (an idle timeout, a shutdown; RFC 5321 §3.8).",
      'Replay waits for it as long as for any reply (`@timeout`), then for the close. The mock sends it after the `<delay>` above it and closes; a line the client sends before then is a deviation.',
    ),
    range,
  };
}

/** `C: <close>`; `cut`: the DATA content or BDAT chunk it ends, unfinished (`cutByClient`). */
export function clientCloseHover(range: Hover['range'], cut?: MessageExchange | BdatExchange): Hover {
  if (!cut) {
    return {
      contents: markdown(
        '`C: <close>` closes the connection from the client\'s side without QUIT: replay drops the socket. Nothing more can be sent in the session.',
      ),
      range,
    };
  }
  const what =
    cut.kind === 'message'
      ? ['the message content', 'the content lines above', 'the final `.`', 'RFC 5321 §4.1.1.4: only the `.` line completes a message']
      : ['the BDAT chunk, short of the octets it declares', 'the chunk lines above', 'the rest of the chunk', 'RFC 3030 §2: the message is complete only with its last chunk'];
  return {
    contents: markdown(
      `\`C: <close>\` as the last line of ${what[0]}: the client closes the connection in the middle of the message. Replay sends ${what[1]} and drops the socket without ${what[2]}; the mock expects the client to close there.`,
      `The message is never complete, so the server must not deliver it (${what[3]}). Nothing more can be sent in the session; only \`S:\` lines and comments may follow. A line of content after it would make it a content line.`,
    ),
    range,
  };
}

/** `S: ...` matters under `@match = strict` only; the hover says which mode is in force on its line. */
export function ellipsisHover(transcript: Transcript, session: Session, reply: ReplyLine): Hover {
  const mode = definitionFor(transcript, session, 'match', reply.line)?.value.text.trim().toLowerCase() || 'code';
  return {
    contents: markdown(
      '`S: ...` matches any number of further lines of the same reply: `S: 250-mx.example.com`, `S: ...`, `S: 250 SMTPUTF8` matches an EHLO reply that starts and ends with those lines, whatever it lists between them.',
      mode === 'strict'
        ? 'In force here: `@match = strict`, where every line is compared.'
        : `In force here: ${inlineCode(`@match = ${mode}`)}, where replies with a different number of lines pass anyway: \`...\` changes nothing until \`@match = strict\`.`,
    ),
    range: payloadRange(reply.payload),
  };
}
