// How a long session's parse came from the previous one after an edit inside it (sessionReparse.ts, contentEdit.ts):
// its exchanges are the previous session's `[0, start)` (the same objects), `inserted` new ones, then the previous
// `[resume, ...)` again (the same objects, or copies further down when lines moved). A check that read only exchanges
// above the edit keeps what it found; one that looked for something absent reads only the new exchanges.
import type { Session } from './types';

export interface EditedSession {
  readonly from: WeakRef<Session>;
  readonly start: number;
  readonly inserted: number;
  /** Where the previous exchanges resume below the new ones; undefined when the new ones run to the session's end. */
  readonly resume: number | undefined;
}

// One version back only: an entry lives as long as the new session, and names (weakly) the one it came from.
const edited = new WeakMap<Session, EditedSession>();

export function noteEditedSession(session: Session, from: Session, start: number, inserted: number, resume: number | undefined): void {
  edited.set(session, { from: new WeakRef(from), start, inserted, resume });
}

/** How `session` came from the previous parse's, when it was made so. */
export function editedSessionOf(session: Session): EditedSession | undefined {
  return edited.get(session);
}
