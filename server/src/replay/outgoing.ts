// What an exchange puts on the wire, and what the wire log shows for it: commands with CRLF, AUTH data masked,
// DATA content dot-stuffed (RFC 5321 §4.5.2), BDAT chunks of exactly the declared octets (RFC 3030 §2).
import { mimeIncludeText } from '../mime/mimeInclude';
import { isInclude } from '../model/contentParts';
import type { BdatExchange, Exchange, Include, MessageExchange } from '../model/types';
import { CRLF, dotStuff, END_OF_DATA } from '../dialogue/framing';
import { isAuthCommand, isCutContent } from '../model/dialogueEvents';
import { ReplayError } from './replayError';
import { MASK } from '../model/secrets';
import { authData, maskAuth } from '../model/authLineText';
import type { WireLogEntry } from './wireLog';
import { exchangeStartLine } from '../model/exchangeRange';

/** A line as the wire log shows it: sent text, or a note standing in for long content. */
export type ShownLine = { direction: Extract<WireLogEntry['direction'], 'C' | 'info'>; text: string };

export interface Outgoing {
  /** Written in order; a message's parts are separate pieces so long content streams. */
  data: Buffer[];
  /** The lines as the wire log and the result show them. */
  shown: ShownLine[];
}

export interface OutgoingContext {
  /** Substitutes `{{...}}` as visible at `line`; throws a `variable` ReplayError. */
  resolve(text: string, line: number): string;
  /** Marks a value as secret before anything shows it. */
  addSecret(value: string): void;
  /** Reads an include (path as written, relative to the transcript); throws an `include` ReplayError. */
  readInclude(path: string, line: number): Promise<Buffer>;
  /**
   * A header field to put in front of a message (the `DKIM-Signature` of `@dkim-*`), or undefined when the content
   * goes as written. `form`: DATA content in wire form (dot-stuffed), or BDAT chunks joined (sent as they are).
   */
  signMessage?(content: Buffer, line: number, form: ContentForm): Promise<Buffer | undefined>;
  /** False when `signMessage` has nothing to sign with at `line` (no `@dkim-*`): the content is not gathered for it. */
  signs?(line: number): boolean;
  /** The chunks of the message a BDAT exchange starts (itself first); undefined when it continues one. */
  messageChunks?(first: BdatExchange): BdatExchange[] | undefined;
  /**
   * The bytes of chunks already built for a signature, by exchange: a later chunk is sent exactly as signed,
   * even when it holds `{{$date}}` or another value made fresh each time.
   */
  builtChunks?: Map<BdatExchange, Buffer>;
}

export type ContentForm = 'dot-stuffed' | 'chunks';

/** How much of long content the wire log shows before it summarizes the rest. */
const SHOWN_INCLUDE_LINES = 200;
const SHOWN_OCTETS = 64 * 1024;
// RFC 5322 §2.1.1: 998 characters is the longest line a message may have; longer ones are cut for display.
const SHOWN_LINE_LENGTH = 998;

export async function outgoingFor(exchange: Exchange, context: OutgoingContext): Promise<Outgoing> {
  return outgoingNow(exchange, context);
}

/**
 * As `outgoingFor`, but built at once when nothing is read or signed (commands, content of lines only): the hot
 * path of a replay does not pay a promise per exchange. Throws (rather than rejects) for what it builds at once.
 */
export function outgoingNow(exchange: Exchange, context: OutgoingContext): Outgoing | Promise<Outgoing> {
  switch (exchange.kind) {
    case 'greeting':
    case 'client-close':
      return { data: [], shown: [] };
    case 'command': {
      const text = context.resolve(exchange.command.line.text, exchange.command.line.line);
      const shown = isAuthCommand(exchange) ? maskAuthCommand(text, context) : text;
      return { data: [Buffer.from(text + CRLF)], shown: [sent(shown)] };
    }
    case 'auth-response': {
      // RFC 4954 §4: every response to a 334 is credential material; `*` (cancel) is not worth masking text for.
      const text = context.resolve(exchange.line.text, exchange.line.line);
      if (text !== '*' && text.length >= 4) context.addSecret(text);
      return { data: [Buffer.from(text + CRLF)], shown: [sent(MASK)] };
    }
    case 'message':
      return messageContent(exchange, context);
    case 'bdat':
      return bdatChunk(exchange, context);
  }
}

/** `AUTH PLAIN <initial response>` -> `AUTH PLAIN ****` (RFC 4954 §4: the initial response is credentials), blanks before the verb or not. */
function maskAuthCommand(text: string, context: OutgoingContext): string {
  const data = authData(text);
  if (data === undefined) return text;
  if (data !== '=') context.addSecret(data);
  return maskAuth(text, true);
}

function messageContent(exchange: MessageExchange, context: OutgoingContext): Outgoing | Promise<Outgoing> {
  const line = exchangeStartLine(exchange);
  // Content the connection is closed in is never a message: nothing to sign (RFC 5321 §4.1.1.4).
  const signs = context.signMessage && !isCutContent(exchange) && (context.signs?.(line) ?? true);
  return signs || exchange.parts.some(isInclude) ? gatheredContent(exchange, context) : linesContent(exchange, context);
}

/** Content of `C:` lines only, nothing to sign: one buffer, the final dot included. */
function linesContent(exchange: MessageExchange, context: OutgoingContext): Outgoing {
  const shown: ShownLine[] = [];
  let lines = '';
  for (const part of exchange.parts) {
    if (isInclude(part)) continue;
    // The file shows the wire form: a line starting with `.` is already stuffed.
    const text = context.resolve(part.text, part.line);
    lines += text + CRLF;
    shown.push(sent(text));
  }
  // RFC 5321 §4.1.1.4: the content ends with a line holding only a dot, unless the client drops the connection first
  // or the server is expected to close it after these lines.
  if (isCutContent(exchange)) return { data: [Buffer.from(lines)], shown };
  shown.push(sent(END_OF_DATA));
  return { data: [Buffer.from(lines + END_OF_DATA + CRLF)], shown };
}

/** Content with includes or a signature to put in front: read and signed before it is sent. */
async function gatheredContent(exchange: MessageExchange, context: OutgoingContext): Promise<Outgoing> {
  const out: Outgoing = { data: [], shown: [] };
  // Consecutive lines become one string and one buffer: a message is written whole, so per-line buffers were
  // only allocations to join again.
  let lines = '';
  for (const part of exchange.parts) {
    if (!isInclude(part)) {
      // The file shows the wire form: a line starting with `.` is already stuffed.
      const text = context.resolve(part.text, part.line);
      lines += text + CRLF;
      out.shown.push(sent(text));
    } else {
      if (lines) out.data.push(Buffer.from(lines));
      lines = '';
      const bytes = await includeBytes(part, context, true);
      out.data.push(bytes);
      for (const added of shownLines(bytes, part.path.text)) out.shown.push(added);
    }
  }
  const line = exchangeStartLine(exchange);
  const signs = context.signMessage && !isCutContent(exchange) && (context.signs?.(line) ?? true);
  if (signs) {
    if (lines) out.data.push(Buffer.from(lines));
    lines = '';
    const signature = await context.signMessage!(Buffer.concat(out.data), line, 'dot-stuffed');
    if (signature) {
      out.data.unshift(signature);
      out.shown = [...signature.toString('latin1').replace(/\r\n$/, '').split(CRLF).map(sent), ...out.shown];
    }
  }
  // RFC 5321 §4.1.1.4: the content ends with a line holding only a dot, unless the connection is closed first.
  if (isCutContent(exchange)) {
    if (lines) out.data.push(Buffer.from(lines));
    return out;
  }
  out.data.push(Buffer.from(lines + END_OF_DATA + CRLF));
  out.shown.push(sent(END_OF_DATA));
  return out;
}

async function bdatChunk(exchange: BdatExchange, context: OutgoingContext): Promise<Outgoing> {
  const commandLine = exchange.command.line;
  let command = context.resolve(commandLine.text, commandLine.line);
  if (exchange.declaredSize === undefined) return { data: [Buffer.from(command + CRLF)], shown: [sent(command)] };
  const chunk = await chunkBytes(exchange, context);
  // RFC 3030 §2: a chunk the connection is closed in is short of its size by design; nothing to sign.
  if (isCutContent(exchange)) return { data: [Buffer.from(command + CRLF), chunk], shown: [sent(command), ...shownLines(chunk, undefined)] };
  if (exchange.declaredSize !== '*' && chunk.length !== exchange.declaredSize) {
    throw new ReplayError(
      'bdat-size',
      `BDAT declares ${exchange.declaredSize} octets but the chunk holds ${chunk.length} (after substituting variables and reading includes); write \`BDAT *${exchange.last ? ' LAST' : ''}\` to have the count computed`,
      commandLine.line,
    );
  }
  // The DKIM-Signature goes in front of the message's first chunk, whose count grows by its octets: the count
  // written in the file is the chunk as written (docs/transcript-format.md, "DKIM signing").
  const signature = await signChunks(exchange, chunk, context);
  const sentChunk = signature ? Buffer.concat([signature, chunk]) : chunk;
  if (exchange.declaredSize === '*' || signature) command = command.replace(/^(\S+\s+)(\*|\d+)/, `$1${sentChunk.length}`);
  const shownSignature = signature ? signature.toString('latin1').replace(/\r\n$/, '').split(CRLF).map(sent) : [];
  return { data: [Buffer.from(command + CRLF), sentChunk], shown: [sent(command), ...shownSignature, ...shownLines(chunk, undefined)] };
}

/** The chunk's octets as the file gives them (variables substituted, includes read), or as built for a signature. */
async function chunkBytes(exchange: BdatExchange, context: OutgoingContext): Promise<Buffer> {
  const built = context.builtChunks?.get(exchange);
  if (built) {
    context.builtChunks?.delete(exchange);
    return built;
  }
  const pieces: Buffer[] = [];
  for (const [index, part] of exchange.parts.entries()) {
    const isLast = index === exchange.parts.length - 1;
    if (!isInclude(part)) {
      const text = context.resolve(part.text, part.line);
      // When the count ends right after a line's text, that line's CRLF is not part of the chunk.
      pieces.push(Buffer.from(isLast && exchange.endsMidLine ? text : text + CRLF));
    } else pieces.push(await includeBytes(part, context, false));
  }
  return Buffer.concat(pieces);
}

/** The signature of the message `first` starts, over all its chunks joined; the later chunks are kept as built. */
async function signChunks(first: BdatExchange, chunk: Buffer, context: OutgoingContext): Promise<Buffer | undefined> {
  if (!context.signMessage || !context.messageChunks || context.signs?.(exchangeStartLine(first)) === false) return undefined;
  const chunks = context.messageChunks(first);
  if (!chunks) return undefined;
  const rest: Buffer[] = [];
  for (const later of chunks.slice(1)) {
    if (later.declaredSize === undefined) continue;
    const bytes = await chunkBytes(later, context);
    context.builtChunks?.set(later, bytes);
    rest.push(bytes);
  }
  const signature = await context.signMessage(Buffer.concat([chunk, ...rest]), exchangeStartLine(first), 'chunks');
  if (!signature) for (const later of chunks.slice(1)) context.builtChunks?.delete(later);
  return signature;
}

/**
 * An include's bytes in wire form: line ends made CRLF; for DATA, lines starting with `.` stuffed. A MIME include
 * (`< base64 ...`, `< part TYPE ...`) is encoded first (server/src/mime).
 */
async function includeBytes(include: Include, context: OutgoingContext, stuffDots: boolean): Promise<Buffer> {
  const path = context.resolve(include.path.text, include.line);
  const raw = await context.readInclude(path, include.line);
  if (raw.length === 0 && !include.mime) return raw;
  // latin1 maps each byte to one character and back, so binary content survives the line-end rewrite.
  let text = include.mime
    ? mimeIncludeText(include.mime.mode, include.mime.contentType, path.split(/[\\/]/).pop() ?? path, raw)
    : raw.toString('latin1').replace(/\r?\n/g, CRLF);
  if (stuffDots) text = dotStuff(text);
  if (!text.endsWith(CRLF)) text += CRLF;
  return Buffer.from(text, 'latin1');
}

function sent(text: string): ShownLine {
  return { direction: 'C', text };
}

/** The first lines of long content, each cut at a readable length, then a note of what else was sent. */
function shownLines(bytes: Buffer, includePath: string | undefined): ShownLine[] {
  const lines = bytes.subarray(0, SHOWN_OCTETS).toString('utf8').split(CRLF);
  if (lines[lines.length - 1] === '' || bytes.length > SHOWN_OCTETS) lines.pop();
  const shown = lines.slice(0, SHOWN_INCLUDE_LINES).map((line) => sent(line.length > SHOWN_LINE_LENGTH ? `${line.slice(0, SHOWN_LINE_LENGTH)}...` : line));
  const total = countLines(bytes);
  if (total > shown.length) {
    const source = includePath ? ` of ${includePath}` : '';
    shown.push({ direction: 'info', text: `${total - shown.length} more lines${source} sent (${bytes.length} octets in all)` });
  }
  return shown;
}

function countLines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, at + 1)) count++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a ? count + 1 : count;
}
