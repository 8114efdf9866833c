// A transcript's sessions as the Testing view lists them: each one's index, `###` name and range. The language server
// answers it for an open document's current version (`smtp/sessions`), which it has parsed already (incrementally),
// so the VS Code client need not parse a document typed in again; a file on disk the client lists from its own parse.
import type { Range, Transcript } from './types';

export interface ListedSession {
  index: number;
  /** The `###` line's name; none for an unnamed session. */
  name?: string;
  range: Range;
}

/** The sessions of one version of a document. */
export interface SessionListing {
  version: number;
  sessions: ListedSession[];
}

export function listedSessions(transcript: Transcript): ListedSession[] {
  // A session moved lazily (movedSession.ts) has these parts at once: its exchanges are not read.
  return transcript.sessions.map(({ index, name, range }) => (name === undefined ? { index, range } : { index, name, range }));
}
