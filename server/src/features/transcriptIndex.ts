// What each line of the file is in the parsed model, so a feature finds its node from a position in O(1).
// Built once per Transcript object (cached), in one pass over the sessions.
import type {
  ClientLine,
  Comment,
  Directive,
  Exchange,
  Include,
  ReplyLine,
  ServerMarker,
  Session,
  Transcript,
} from '../model/types';

export type LineEntry =
  | { kind: 'directive'; directive: Directive; session?: Session }
  | { kind: 'comment'; comment: Comment; session?: Session }
  | { kind: 'separator'; session: Session }
  /** A `C:` line read as a command (BDAT included), an AUTH response or `<close>`. */
  | { kind: 'client'; line: ClientLine; exchange: Exchange; session: Session }
  /** A `C:` line or `<` include inside DATA content or a BDAT chunk. */
  | { kind: 'content'; line?: ClientLine; include?: Include; exchange: Exchange; session: Session }
  | { kind: 'reply'; reply: ReplyLine; exchange: Exchange; session: Session }
  | { kind: 'closed'; session: Session }
  /** `S: <delay 2s>`, `S: <reset>`...: a marker the scripted server plays. */
  | { kind: 'server-marker'; marker: ServerMarker; session: Session };

export interface TranscriptIndex {
  /** What line `line` is; undefined for blank lines and lines the model does not hold (parse errors). */
  at(line: number): LineEntry | undefined;
  /** The session whose lines surround `line` (the one before it for lines between sessions). */
  sessionAt(line: number): Session | undefined;
}

const cache = new WeakMap<Transcript, TranscriptIndex>();

export function indexTranscript(transcript: Transcript): TranscriptIndex {
  let index = cache.get(transcript);
  if (!index) {
    index = buildIndex(transcript);
    cache.set(transcript, index);
  }
  return index;
}

function buildIndex(transcript: Transcript): TranscriptIndex {
  const entries: (LineEntry | undefined)[] = new Array(transcript.lines.length);
  const put = (line: number, entry: LineEntry): void => {
    if (line >= 0 && line < entries.length) entries[line] = entry;
  };
  for (const directive of transcript.directives) put(directive.range.start.line, { kind: 'directive', directive });
  for (const session of transcript.sessions) {
    if (session.separator) put(session.separator.line, { kind: 'separator', session });
    for (const directive of session.directives) put(directive.range.start.line, { kind: 'directive', directive, session });
    for (const exchange of session.exchanges) indexExchange(exchange, session, put);
    if (session.expectsClose) put(session.expectsClose.line, { kind: 'closed', session });
    for (const marker of session.serverMarkers ?? []) put(marker.line, { kind: 'server-marker', marker, session });
  }
  for (const comment of transcript.comments) put(comment.line, { kind: 'comment', comment, session: sessionAtLine(transcript.sessions, comment.line) });
  return {
    at: (line) => entries[line],
    sessionAt: (line) => sessionAtLine(transcript.sessions, line),
  };
}

function indexExchange(exchange: Exchange, session: Session, put: (line: number, entry: LineEntry) => void): void {
  switch (exchange.kind) {
    case 'command':
    case 'bdat':
      put(exchange.command.line.line, { kind: 'client', line: exchange.command.line, exchange, session });
      break;
    case 'auth-response':
    case 'client-close':
      put(exchange.line.line, { kind: 'client', line: exchange.line, exchange, session });
      break;
    case 'message':
    case 'greeting':
      break;
  }
  if (exchange.kind === 'message' || exchange.kind === 'bdat') {
    for (const part of exchange.parts) {
      if (part.kind === 'line') put(part.line.line, { kind: 'content', line: part.line, exchange, session });
      else put(part.include.line, { kind: 'content', include: part.include, exchange, session });
    }
  }
  if (exchange.kind === 'message' && exchange.terminator) {
    put(exchange.terminator.line, { kind: 'content', line: exchange.terminator, exchange, session });
  }
  for (const reply of exchange.reply?.lines ?? []) put(reply.line, { kind: 'reply', reply, exchange, session });
}

/** Binary search: sessions are in file order and do not overlap. */
export function sessionAtLine(sessions: readonly Session[], line: number): Session | undefined {
  let low = 0;
  let high = sessions.length - 1;
  let found: Session | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (sessions[middle].range.start.line <= line) {
      found = sessions[middle];
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** Every payload that may hold `{{...}}` references, with the session it belongs to (undefined: file level). */
