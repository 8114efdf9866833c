// What each line of the file is in the parsed model, so a feature finds its node from a position quickly. Built per
// stretch of a session, when a line of it is first asked for, and kept with the session object: an edit re-parses one
// session and the parser keeps the others, so a request after an edit indexes one stretch, not the whole file.
import { isInclude } from '../model/contentParts';
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
import { sessionStretches, stretchAt, type SessionStretch } from './sessionStretches';

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
  /** A line of the server's own 421, which ends the session (`Session.closingNotice`). */
  | { kind: 'notice'; reply: ReplyLine; session: Session }
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
  const lineCount = transcript.lines.length;
  const fileDirectives = new Map<number, LineEntry>();
  for (const directive of transcript.directives) {
    const line = directive.range.start.line;
    if (line >= 0 && line < lineCount) fileDirectives.set(line, { kind: 'directive', directive });
  }
  const commentEntries = new Map<Comment, LineEntry>();
  return {
    // A comment line wins over a session's line, which wins over a file-level directive (the order they were put in
    // when the index was built whole).
    at: (line) => {
      if (!(line >= 0 && line < lineCount)) return undefined;
      const comment = commentAtLine(transcript.comments, line);
      if (comment) {
        let entry = commentEntries.get(comment);
        if (!entry) commentEntries.set(comment, (entry = { kind: 'comment', comment, session: sessionAtLine(transcript.sessions, line) }));
        return entry;
      }
      const session = sessionAtLine(transcript.sessions, line);
      const entry = session && line <= session.range.end.line ? sessionEntryAt(session, line) : undefined;
      return entry ?? fileDirectives.get(line);
    },
    sessionAt: (line) => sessionAtLine(transcript.sessions, line),
  };
}

// Per session, its stretches (cut where nothing crosses, see `sessionStretches`), and what each line of a stretch is,
// built when a line of it is first asked for: a request in a 100k-line session indexes the stretch it is in.
const sessionIndexes = new WeakMap<Session, { stretches: readonly SessionStretch[]; entries: (LineEntry | undefined)[][] }>();

/** What line `line` of the session's range is. A session's lines never change (a new parse makes a new session). */
function sessionEntryAt(session: Session, line: number): LineEntry | undefined {
  let index = sessionIndexes.get(session);
  if (!index) sessionIndexes.set(session, (index = { stretches: sessionStretches(session), entries: [] }));
  const at = stretchAt(index.stretches, line);
  const entries = (index.entries[at] ??= stretchEntries(session, index.stretches, at));
  return entries[line - index.stretches[at].firstLine];
}

/** What each line of a stretch is, from its first line on. */
function stretchEntries(session: Session, stretches: readonly SessionStretch[], at: number): (LineEntry | undefined)[] {
  const stretch = stretches[at];
  const first = stretch.firstLine;
  const end = at + 1 < stretches.length ? stretches[at + 1].firstLine : session.range.end.line + 1;
  const built: (LineEntry | undefined)[] = new Array(end - first);
  const put = (line: number, entry: LineEntry): void => {
    if (line >= first && line < end) built[line - first] = entry;
  };
  if (session.separator) put(session.separator.line, { kind: 'separator', session });
  for (const directive of stretch.directives) put(directive.range.start.line, { kind: 'directive', directive, session });
  for (const exchange of stretch.exchanges) indexExchange(exchange, session, put);
  for (const reply of session.closingNotice?.lines ?? []) put(reply.line, { kind: 'notice', reply, session });
  if (session.expectsClose) put(session.expectsClose.line, { kind: 'closed', session });
  for (const marker of session.serverMarkers ?? []) put(marker.line, { kind: 'server-marker', marker, session });
  return built;
}

/** Binary search: comments are in line order. */
function commentAtLine(comments: readonly Comment[], line: number): Comment | undefined {
  let low = 0;
  let high = comments.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = comments[middle].line;
    if (at === line) return comments[middle];
    if (at < line) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
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
      if (isInclude(part)) put(part.line, { kind: 'content', include: part, exchange, session });
      else put(part.line, { kind: 'content', line: part, exchange, session });
    }
  }
  if (exchange.kind === 'message' && exchange.terminator) {
    put(exchange.terminator.line, { kind: 'content', line: exchange.terminator, exchange, session });
  }
  for (const reply of exchange.reply?.lines ?? []) put(reply.line, { kind: 'reply', reply, exchange, session });
  // LMTP: the replies to a message's end for its further recipients (RFC 2033 §4.2).
  for (const further of exchange.recipientReplies ?? []) for (const reply of further.lines) put(reply.line, { kind: 'reply', reply, exchange, session });
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
