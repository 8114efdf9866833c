// Every payload a transcript holds (directive values, C: and S: lines, content lines, include paths), in file order:
// what reference scans, `$env` lookups and checks before playing walk over.
import type { Exchange, Payload, Session, Transcript } from './types';

export function* exchangePayloads(exchange: Exchange): Generator<Payload> {
  if (exchange.kind === 'command' || exchange.kind === 'bdat') yield exchange.command.line.payload;
  if (exchange.kind === 'auth-response' || exchange.kind === 'client-close') yield exchange.line.payload;
  if (exchange.kind === 'message' || exchange.kind === 'bdat') {
    for (const part of exchange.parts) yield part.kind === 'line' ? part.line.payload : part.include.path;
  }
  if (exchange.kind === 'message' && exchange.terminator) yield exchange.terminator.payload;
  for (const reply of exchange.reply?.lines ?? []) yield reply.payload;
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
