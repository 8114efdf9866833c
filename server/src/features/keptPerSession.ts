// A feature's answer for one session, kept under the session's key (model/transcriptChunks.ts `sessionKey`) with the
// line the session started on. The editor asks again after every edit: an edit re-parses the session it touched and
// the parser keeps the others, and a session that only moved (lines typed or removed above it) keeps the answer moved
// along, its exchanges not read (nor parsed: the parser moves such a session lazily, model/movedSession.ts).
import { sessionKey } from '../model/transcriptChunks';
import type { Session } from '../model/types';

export interface KeptPerSession<T, A extends unknown[]> {
  (session: Session, ...args: A): T;
  /** The answer kept for `session`, where it stands now; undefined when none was made (none is made). */
  peek(session: Session): T | undefined;
}

/**
 * `make`'s answer for a session, kept; `move` gives it for the same text `by` lines further down. `args` are what `make`
 * reads besides the session that is the same for the same text (the document's lines), not what the answer depends on.
 */
export function keptPerSession<T, A extends unknown[] = []>(make: (session: Session, ...args: A) => T, move: (answer: T, by: number) => T): KeptPerSession<T, A> {
  const kept = new WeakMap<object, { firstLine: number; answer: T }>();
  const current = (session: Session): { answer: T } | undefined => {
    const entry = kept.get(sessionKey(session));
    const firstLine = session.range.start.line;
    // Moved: the entry is moved along in place (a line typed above moves every session below it, on each edit).
    if (entry && entry.firstLine !== firstLine) {
      entry.answer = move(entry.answer, firstLine - entry.firstLine);
      entry.firstLine = firstLine;
    }
    return entry;
  };
  const answer = (session: Session, ...args: A): T => {
    const entry = current(session);
    if (entry) return entry.answer;
    const made = make(session, ...args);
    kept.set(sessionKey(session), { firstLine: session.range.start.line, answer: made });
    return made;
  };
  return Object.assign(answer, { peek: (session: Session) => current(session)?.answer });
}
