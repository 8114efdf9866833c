// The lines of one message (DATA content, or the BDAT chunks of one transaction) split into header fields and body
// (RFC 5322 §2.1: header fields, then an empty line, then the body). Only `C:` lines are read: an `< file` include
// hides what it holds, so the header section ends at the first include.
import { isInclude } from '../model/contentParts';
import type { BdatExchange, ClientLine, ContentPart, Exchange, MessageExchange, Range, Session } from '../model/types';
import { sessionStretches, stretchAt } from './sessionStretches';
import { exchangeStartLine } from '../model/exchangeRange';

export type ContentLineRole = 'header' | 'header-continuation' | 'header-malformed' | 'header-end' | 'body' | 'terminator';

export interface ContentLine {
  line: ClientLine;
  role: ContentLineRole;
  /** For `header`: the field name (without the colon) and the value after `:` and any spaces. */
  name?: string;
  nameRange?: Range;
  valueRange?: Range;
}

export interface MessageContent {
  exchanges: (MessageExchange | BdatExchange)[];
  lines: ContentLine[];
}

const cache = new WeakMap<Session, MessageContent[]>();

/** Every message of the session, in order: one per DATA, one per run of BDAT chunks ending with `BDAT ... LAST`. */
export function messagesOf(session: Session): MessageContent[] {
  let messages = cache.get(session);
  if (!messages) cache.set(session, (messages = collectMessages(session.exchanges)));
  return messages;
}

// Per session, the messages of each stretch it was cut into, laid out when an exchange of the stretch is first asked
// about: no message crosses a stretch (see `sessionStretches`), so a request in a 100k-line session lays out one.
const byStretch = new WeakMap<Session, Map<MessageExchange | BdatExchange, MessageContent>[]>();

/** The message an exchange's content belongs to. */
export function messageOf(session: Session, exchange: MessageExchange | BdatExchange): MessageContent | undefined {
  const stretches = sessionStretches(session);
  let laidOut = byStretch.get(session);
  if (!laidOut) byStretch.set(session, (laidOut = []));
  const at = stretchAt(stretches, exchangeStartLine(exchange));
  let messages = laidOut[at];
  if (!messages) {
    messages = laidOut[at] = new Map();
    for (const message of collectMessages(stretches[at].exchanges)) for (const part of message.exchanges) messages.set(part, message);
  }
  return messages.get(exchange);
}

/** The messages among `exchanges` (a session's, or a stretch of them that no message crosses), uncached: lint keeps
 * its own, for the session it checks. */
export function collectMessages(exchanges: readonly Exchange[], skipped?: MessageExchange | BdatExchange): MessageContent[] {
  return collect(exchanges, false, skipped);
}

/**
 * `collectMessages`, each message's lines laid out only up to the first that is neither a header field nor part of
 * one (the empty line, the first body line or the terminator): what reading the header section needs, without an
 * object for every body line (lint reads every message of a file on each run).
 */
export function collectMessageHeaders(exchanges: readonly Exchange[]): MessageContent[] {
  return collect(exchanges, true);
}

/** `skipped`: a DATA message or a chunk not laid out (its lines' tokens are taken from elsewhere, reusedContentTokens.ts). */
function collect(exchanges: readonly Exchange[], headerSectionOnly: boolean, skipped?: MessageExchange | BdatExchange): MessageContent[] {
  const messages: MessageContent[] = [];
  let chunks: BdatExchange[] = [];
  const flushChunks = (): void => {
    if (chunks.length > 0) messages.push(layout(chunks, headerSectionOnly));
    chunks = [];
  };
  for (const exchange of exchanges) {
    if (exchange.kind === 'message') {
      flushChunks();
      if (exchange !== skipped) messages.push(layout([exchange], headerSectionOnly));
    } else if (exchange.kind === 'bdat') {
      if (exchange !== skipped) chunks.push(exchange);
      if (exchange.last) flushChunks();
    } else if (exchange.kind === 'command' && exchange.command.verb === 'MAIL') flushChunks();
  }
  flushChunks();
  return messages;
}

function layout(exchanges: (MessageExchange | BdatExchange)[], headerSectionOnly: boolean): MessageContent {
  const lines: ContentLine[] = [];
  let inHeaders = true;
  for (const exchange of exchanges) {
    for (const part of exchange.parts) {
      if (isInclude(part)) {
        inHeaders = false;
        continue;
      }
      if (!inHeaders) {
        lines.push({ line: part, role: 'body' });
        if (headerSectionOnly) return { exchanges, lines };
        continue;
      }
      const content = classifyHeaderLine(part, lines.length > 0);
      if (endsHeaderSection(part)) inHeaders = false;
      lines.push(content);
      if (headerSectionOnly && !inHeaders) return { exchanges, lines };
    }
    if (exchange.kind === 'message' && exchange.terminator) {
      lines.push({ line: exchange.terminator, role: 'terminator' });
      if (headerSectionOnly) return { exchanges, lines };
    }
  }
  return { exchanges, lines };
}

/**
 * The content part that ends the header section (RFC 5322 §2.1): the empty line, or an include, which hides what it
 * holds. The parts after it are the body.
 */
export function endsHeaderSection(part: ContentPart): boolean {
  return isInclude(part) || part.text === '';
}

/** A line of the header section: `afterField` when a line stands above it (a continuation needs one). */
export function classifyHeaderLine(line: ClientLine, afterField: boolean): ContentLine {
  const text = line.text;
  if (endsHeaderSection(line)) return { line, role: 'header-end' };
  if (afterField && (text[0] === ' ' || text[0] === '\t')) return { line, role: 'header-continuation' };
  const nameEnd = fieldNameLength(text);
  const valueStart = nameEnd > 0 ? valueStartAfterColon(text, nameEnd) : -1;
  if (valueStart < 0) return { line, role: 'header-malformed' };
  return new HeaderLine(line, text.slice(0, nameEnd), valueStart);
}

/**
 * A header line whose ranges are made when asked for: every message of a file is laid out on each lint, and few
 * field ranges are ever read (a finding, a hover).
 */
class HeaderLine implements ContentLine {
  readonly role = 'header';
  constructor(
    readonly line: ClientLine,
    readonly name: string,
    /** Offset in the payload text where the value starts (after `:` and any spaces). */
    private readonly valueStart: number,
  ) {}

  get nameRange(): Range {
    const { line: row, character: start } = this.line;
    return { start: { line: row, character: start }, end: { line: row, character: start + this.name.length } };
  }

  get valueRange(): Range {
    const { line: row, character: start } = this.line;
    return { start: { line: row, character: start + this.valueStart }, end: { line: row, character: start + this.line.text.length } };
  }
}

/**
 * Where a header field name (RFC 5322 §3.6.8: `1*ftext`, printable US-ASCII but the colon) that starts `text` ends:
 * the length of `/^[\x21-\x39\x3b-\x7e]+/`'s match, 0 when there is none.
 */
export function fieldNameLength(text: string): number {
  let end = 0;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (code < 0x21 || code > 0x7e || code === 0x3a) break;
    end++;
  }
  return end;
}

/** After the name: `[ \t]*:[ \t]*`, and the offset of what follows; -1 without the colon. */
function valueStartAfterColon(text: string, nameEnd: number): number {
  let i = nameEnd;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] !== ':') return -1;
  i++;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}

/** The value of the first header field named `name` (case-insensitive), continuation lines unfolded. */
export function headerValue(message: MessageContent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const at = message.lines.findIndex((l) => l.role === 'header' && l.name?.toLowerCase() === wanted);
  if (at < 0) return undefined;
  const first = message.lines[at];
  let value = first.line.text.slice(first.valueRange!.start.character - first.line.character);
  for (let i = at + 1; i < message.lines.length && message.lines[i].role === 'header-continuation'; i++) {
    value += ' ' + message.lines[i].line.text.trim();
  }
  return value.trim();
}
