// A feature's answer for one session, kept under the session's key (model/transcriptChunks.ts `sessionKey`) with the
// line the session started on. The editor asks again after every edit: an edit re-parses the session it touched and
// the parser keeps the others, and a session that only moved (lines typed or removed above it) keeps the answer moved
// along, its exchanges not read (nor parsed: the parser moves such a session lazily, model/movedSession.ts).
import { sessionKey } from '../model/transcriptChunks';
import type { Session } from '../model/types';

/**
 * `make`'s answer for a session, kept; `move` gives it for the same text `by` lines further down. `args` are what `make`
 * reads besides the session that is the same for the same text (the document's lines), not what the answer depends on.
 */
export function keptPerSession<T, A extends unknown[] = []>(make: (session: Session, ...args: A) => T, move: (answer: T, by: number) => T): (session: Session, ...args: A) => T {
  const kept = new WeakMap<object, { firstLine: number; answer: T }>();
  return (session, ...args) => {
    const key = sessionKey(session);
    const firstLine = session.range.start.line;
    const entry = kept.get(key);
    if (!entry) {
      const answer = make(session, ...args);
      kept.set(key, { firstLine, answer });
      return answer;
    }
    // Moved: the entry is moved along in place (a line typed above moves every session below it, on each edit).
    if (entry.firstLine !== firstLine) {
      entry.answer = move(entry.answer, firstLine - entry.firstLine);
      entry.firstLine = firstLine;
    }
    return entry.answer;
  };
}
