// The messages a session sends, as the lines the server receives: DATA content (dot-stuffing undone) or the BDAT chunks
// of one transaction joined (a chunk that ends mid-line continues in the next), with the MAIL command that opened the
// transaction, found by walking back through the session's exchanges.
import { isInclude } from '../../../model/contentParts';
import type { BdatExchange, ClientLine, CommandExchange, ContentPart, Exchange, Include, Session } from '../../../model/types';
import { editedContentWhere, type ContentExchange, type EditedContent } from '../../../model/contentLineage';
import { replacedInPlace } from '../../../model/replacedItems';
import { CRLF_OCTETS, stuffedDots } from '../../../dialogue/framing';
import { VERB_SPECS } from '../../../knowledge/verbs';
import { scratchMemo } from '../sessionScratch';
import { literalOctets } from './payloadOctets';
import { isCutContent } from '../../../model/dialogueEvents';

export interface MessageLine {
  kind: 'line';
  /** The text the message holds (DATA: without the stuffed dot). */
  text: string;
  /** The file lines it comes from (several when a BDAT chunk ends mid-line). */
  lines: ClientLine[];
  hasReferences: boolean;
  /** The UTF-8 octets of the literal text (outside references) the message holds: no stuffed dot, no CRLF. */
  octets: number;
  /** The facts of contentLineFacts.ts rules asked about, and those the text holds: one bit each. */
  asked: number;
  found: number;
}

export type MessagePart = MessageLine | { kind: 'include'; include: Include };

export interface MessageContent {
  via: 'DATA' | 'BDAT';
  parts: MessagePart[];
  /** The exchange whose reply is the server's verdict on the whole message: DATA content, or the last BDAT chunk. */
  final: Exchange;
  mail?: CommandExchange;
  /** Octets the message certainly holds, CRLFs included, without the DATA terminator or stuffed dots (RFC 1870 §3). */
  minimumOctets: number;
  /** True when `minimumOctets` is exact: no `{{...}}` references and no includes. */
  exactSize: boolean;
  /** The BDAT chunks the message was sent in, in order (via BDAT only). */
  chunks?: BdatExchange[];
}

// Header and content rules read the same messages: assemble them once per session checked.
export const messagesOf: (session: Session) => MessageContent[] = scratchMemo(assembleMessages);

function assembleMessages(session: Session): MessageContent[] {
  const messages: MessageContent[] = [];
  const exchanges = session.exchanges;
  // A loop without closures: this runs for every session on each lint.
  let chunks: BdatExchange[] = [];
  let chunksStart = 0;
  for (let index = 0; index < exchanges.length; index++) {
    const exchange = exchanges[index];
    if (exchange.kind === 'bdat') {
      if (chunks.length === 0) chunksStart = index;
      chunks.push(exchange);
      if (exchange.last) chunks = flushChunks(messages, chunks, exchanges, chunksStart);
      continue;
    }
    chunks = flushChunks(messages, chunks, exchanges, chunksStart);
    // `S: <reset>` or `S: <silence>` inside the content: the server stops reading, the rest is left unwritten.
    if (exchange.kind === 'message' && !exchange.terminator && session.fault && index === exchanges.length - 1) continue;
    // `C: <close>` or `S: <closed>` inside the content: the message is never finished, and no server delivers it
    // (RFC 5321 §4.1.1.4).
    if (isCutContent(exchange)) continue;
    if (exchange.kind === 'message') {
      messages.push(withSize('DATA', contentParts(exchange), exchange, transactionMail(exchanges, index), 0));
    }
  }
  flushChunks(messages, chunks, exchanges, chunksStart);
  return messages;
}

/** The message of the BDAT chunks gathered so far, if any; the chunks to gather next. */
function flushChunks(messages: MessageContent[], chunks: BdatExchange[], exchanges: Exchange[], chunksStart: number): BdatExchange[] {
  if (chunks.length === 0) return chunks;
  // The client closed the connection inside the last chunk: the message was never sent whole (RFC 3030 §2).
  if (isCutContent(chunks[chunks.length - 1])) return [];
  messages.push(fromChunks(chunks, transactionMail(exchanges, chunksStart)));
  return [];
}

// The lines of a long DATA message (or of a message sent in one BDAT chunk), kept with it: after an edit inside it
// (model/contentEdit.ts) only the lines the edit touched are made again, and the others keep what rules found in them
// (contentLineFacts.ts). A short message's lines are made on each lint: cheap, and nothing is kept for the many
// messages of a large file.
// The list passes to the edited message: the previous message gives it up, and it is changed in place. A line break
// typed in a 100k-line attachment then moves the lines below it without a new object for each (the previous message,
// if linted again, makes its lines anew).
// Kept under the message's first line, which an edit below it leaves the same object in every version: the entry keeps
// the message linted alive while the document is typed on and parsed for other requests, so that the next lint finds
// the edit from it (several keystrokes composed, model/composedContentEdits.ts).
const keptParts = new WeakMap<ContentPart, { message: ContentExchange; parts: MessagePart[] }>();
const KEPT_FROM_PARTS = 256;

function contentParts(message: ContentExchange): MessagePart[] {
  const kept = keptParts.get(message.parts[0]);
  if (kept?.message === message) return kept.parts;
  const edit = editedContentWhere(message, (from) => keptParts.get(from.parts[0])?.message === from);
  const from = edit?.from.deref();
  const before = from && keptParts.get(from.parts[0])!.parts;
  if (from) keptParts.delete(from.parts[0]);
  // Mapped, not pushed: a list of its own length.
  // The kept list must come to the message's length: anything else is made afresh rather than trusted.
  const fits = before && edit && before.length - edit.removed + edit.inserted === message.parts.length;
  const parts = fits ? editedParts(before, message, edit) : message.parts.map(message.kind === 'message' ? partOf : chunkPartOf);
  if (parts.length >= KEPT_FROM_PARTS) keptParts.set(message.parts[0], { message, parts });
  return parts;
}

/** `before`, the parts of the message `edit` was made from, with the edited ones made again and the moved ones moved. */
function editedParts(before: MessagePart[], message: ContentExchange, edit: EditedContent): MessagePart[] {
  const now = message.parts;
  const made = message.kind === 'message' ? partOf : chunkPartOf;
  const inserted: MessagePart[] = [];
  for (let i = edit.start; i < edit.start + edit.inserted; i++) inserted.push(made(now[i]));
  const parts = replacedInPlace(before, edit.start, edit.start + edit.removed, inserted);
  if (edit.shift !== 0) for (let i = edit.start + edit.inserted; i < parts.length; i++) moveTo(parts, i, now[i], made);
  return parts;
}

/** A part of DATA content: a line's leading stuffed dot is not part of the message (RFC 5321 §4.5.2). */
function partOf(part: ContentPart): MessagePart {
  return isInclude(part) ? includeOf(part) : lineOf(part, stuffedDots(part.text));
}

/** A part of a BDAT chunk: its octets as written (RFC 3030 §2: no dot-stuffing). */
function chunkPartOf(part: ContentPart): MessagePart {
  return isInclude(part) ? includeOf(part) : lineOf(part, 0);
}

/** The part at `index` now stands on the line `now`: what was found in its text holds. */
function moveTo(parts: MessagePart[], index: number, now: ContentPart, made: (part: ContentPart) => MessagePart): void {
  const part = parts[index];
  if (part.kind === 'include' || isInclude(now)) parts[index] = made(now);
  else part.lines[0] = now;
}

function lineOf(line: ClientLine, stuffedDots: number): MessageLine {
  return { kind: 'line', text: line.text.slice(stuffedDots), lines: [line], hasReferences: line.variables.length > 0, octets: literalOctets(line) - stuffedDots, asked: 0, found: 0 };
}

function includeOf(include: Include): MessagePart {
  return { kind: 'include', include };
}

function fromChunks(chunks: BdatExchange[], mail: CommandExchange | undefined): MessageContent {
  const last = chunks[chunks.length - 1];
  // One chunk: its lines as they are, kept for a long one. Several: joined afresh.
  const parts = chunks.length === 1 ? contentParts(last) : joinedChunks(chunks);
  // Joined lines carry one CRLF; a message ending mid-line sends none for its last line.
  const content = withSize('BDAT', parts, last, mail, last.endsMidLine ? 1 : 0);
  content.chunks = chunks;
  return content;
}

/** The lines of several chunks: a line that ends one chunk mid-line continues in the next (RFC 3030 §2). */
function joinedChunks(chunks: BdatExchange[]): MessagePart[] {
  const parts: MessagePart[] = [];
  let continues = false;
  for (const chunk of chunks) {
    chunk.parts.forEach((part, i) => {
      const previous = parts[parts.length - 1];
      if (!isInclude(part) && i === 0 && continues && previous?.kind === 'line') {
        previous.text += part.text;
        previous.lines.push(part);
        previous.octets += literalOctets(part);
        previous.hasReferences ||= part.variables.length > 0;
      } else parts.push(chunkPartOf(part));
    });
    continues = chunk.endsMidLine;
  }
  return parts;
}

function withSize(
  via: 'DATA' | 'BDAT',
  parts: MessagePart[],
  final: Exchange,
  mail: CommandExchange | undefined,
  missingFinalCrlf: number,
): MessageContent {
  let minimumOctets = 0;
  let exactSize = true;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    if (part.kind === 'include') {
      exactSize = false;
      continue;
    }
    exactSize &&= !part.hasReferences;
    minimumOctets += part.octets + CRLF_OCTETS;
  }
  minimumOctets -= missingFinalCrlf * CRLF_OCTETS;
  const content: MessageContent = { via, parts, final, minimumOctets: Math.max(0, minimumOctets), exactSize };
  if (mail) content.mail = mail;
  return content;
}

/** The MAIL command that opened the transaction the exchange at `index` belongs to, if any. */
function transactionMail(exchanges: Exchange[], index: number): CommandExchange | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const exchange = exchanges[i];
    if (exchange.kind === 'message' || (exchange.kind === 'bdat' && exchange.last)) return undefined;
    if (exchange.kind !== 'command') continue;
    const verb = exchange.command.verb;
    if (verb === 'MAIL') return exchange;
    if (verb && VERB_SPECS[verb].endsTransaction) return undefined;
  }
  return undefined;
}
