// Every payload a transcript holds (directive values, C: and S: lines, content lines, include paths), in file order:
// what reference scans, `$env` lookups and checks before playing walk over.
import { isInclude } from './contentParts';
import type { ClientLine, Exchange, Include, Payload, Session, Transcript } from './types';

/** An exchange's payloads in file order. A list: for a walk over every exchange of a file, `forEachPayload`. */
export function exchangePayloads(exchange: Exchange): Payload[] {
  const payloads: Payload[] = [];
  forEachPayload(exchange, (payload) => payloads.push(payload));
  return payloads;
}

/** `exchangePayloads` without a list made: lint walks every exchange of a file. */
export function forEachPayload(exchange: Exchange, visit: (payload: Payload) => void): void {
  if (exchange.kind === 'command' || exchange.kind === 'bdat') visit(exchange.command.line);
  if (exchange.kind === 'auth-response' || exchange.kind === 'client-close') visit(exchange.line);
  if (exchange.kind === 'message' || exchange.kind === 'bdat') {
    // By index: a message may hold 100k lines, and for-of over them kept an iterator result per line.
    const parts = exchange.parts;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      visit(isInclude(part) ? part.path : part);
    }
  }
  if (exchange.kind === 'message' && exchange.terminator) visit(exchange.terminator);
  if (exchange.reply) for (const reply of exchange.reply.lines) visit(reply.payload);
  if (exchange.recipientReplies) for (const further of exchange.recipientReplies) for (const reply of further.lines) visit(reply.payload);
}

/**
 * Whether `test` holds for a line the exchange sends, in file order: its command, AUTH response or `<close>`, its
 * content lines (not include paths, whose files are sent, nor the replies). Stops at the first that holds; nothing is
 * allocated (lint asks for every exchange).
 */
export function someSentLine(exchange: Exchange, test: (line: ClientLine) => boolean): boolean {
  switch (exchange.kind) {
    case 'command':
      return test(exchange.command.line);
    case 'auth-response':
    case 'client-close':
      return test(exchange.line);
    case 'bdat':
      return test(exchange.command.line) || someContentLine(exchange.parts, test);
    case 'message':
      return someContentLine(exchange.parts, test);
    default:
      return false;
  }
}

function someContentLine(parts: readonly (ClientLine | Include)[], test: (line: ClientLine) => boolean): boolean {
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!isInclude(part) && test(part)) return true;
  }
  return false;
}

export function* allPayloads(transcript: Transcript): Generator<{ payload: Payload; session?: Session }> {
  for (const directive of transcript.directives) yield { payload: directive.value };
  for (const session of transcript.sessions) {
    for (const directive of session.directives) yield { payload: directive.value, session };
    for (const exchange of session.exchanges) {
      for (const payload of exchangePayloads(exchange)) yield { payload, session };
    }
  }
}
