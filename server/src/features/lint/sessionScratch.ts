// What several rule groups derive from the same parts of one session (a MAIL's framed arguments, the session's
// messages, an EHLO reply's capabilities), kept while lint checks that session and dropped when it moves on to the
// next. Kept in WeakMaps keyed by the model instead, they lived as long as the parse: ~40 MB on a 5 MB file, copied
// and marked by the garbage collector again and again during the pass, for values no later pass reads (an edited
// session is a new parse; an unchanged one keeps its findings in the lint cache).
import type { Session, Transcript } from '../../model/types';

// Each memo's values, replaced by a new Map for each session rather than cleared: `Map.prototype.clear` gives a Map
// whose table lives in the old generation a new table there too, and values written into it were then kept alive by
// the dropped tables until a full collection (~37 MB promoted during a lint of the 5 MB bench file).
const memos: { values: Map<object, unknown> }[] = [];
let owner: Session | undefined;
// A whole-file check run outside the session-by-session walk (a test, completion) still keeps memory bounded.
const MAX_VALUES = 4096;

let view: { transcript: Transcript; session: Session; view: Transcript } | undefined;

/** Lint is about to check `session`: values kept for another session are dropped. */
export function checkingSession(session: Session): void {
  if (owner === session) return;
  owner = session;
  dropValues();
}

/** The pass is over: nothing of its sessions is kept. */
export function doneChecking(): void {
  owner = undefined;
  dropValues();
}

function dropValues(): void {
  view = undefined;
  for (const memo of memos) if (memo.values.size > 0) memo.values = new Map();
}

/** The transcript as a check of one session sees it: one view shared by the groups that check the session in turn. */
export function sessionView(transcript: Transcript, session: Session): Transcript {
  if (view?.transcript === transcript && view.session === session) return view.view;
  const made = { lines: transcript.lines, directives: transcript.directives, sessions: [session], comments: transcript.comments, diagnostics: [] };
  view = { transcript, session, view: made };
  return made;
}

/**
 * `compute`, remembered per key while the same session is checked. `compute` must be a pure function of its key
 * (a value computed again after a clear is then the same value).
 */
export function scratchMemo<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const memo = { values: new Map<object, unknown>() };
  memos.push(memo);
  return (key) => {
    const values = memo.values;
    // One lookup for a value kept (most are objects); `has` only tells an undefined kept from none.
    const kept = values.get(key);
    if (kept !== undefined || values.has(key)) return kept as V;
    const value = compute(key);
    if (values.size >= MAX_VALUES) memo.values = new Map();
    memo.values.set(key, value);
    return value;
  };
}
