// What several rule groups derive from the same parts of one session (a MAIL's framed arguments, the session's
// messages, an EHLO reply's capabilities), kept while lint checks that session and dropped when it moves on to the
// next. Kept in WeakMaps keyed by the model instead, they lived as long as the parse: ~40 MB on a 5 MB file, copied
// and marked by the garbage collector again and again during the pass, for values no later pass reads (an edited
// session is a new parse; an unchanged one keeps its findings in the lint cache).
import type { Session, Transcript } from '../../model/types';

/**
 * One memo's values for the session checked. A session asks each memo about a few keys (itself, its MAIL and RCPT
 * commands, its EHLO reply): they sit in two short lists, searched in place and emptied slot by slot for the next
 * session, with no Map made per session per memo (31,000 of them on the 5 MB bench file). Past `FEW` keys (a long
 * session) a Map takes over, new for each session rather than cleared: `Map.prototype.clear` gives a Map whose table
 * lives in the old generation a new table there too, and values written into it were then kept alive by the dropped
 * tables until a full collection.
 */
interface Memo {
  keys: object[];
  values: unknown[];
  count: number;
  many?: Map<object, unknown>;
}

const FEW = 8;
// What an emptied slot holds (only the first `count` slots are read).
const NO_KEY = {};
const memos: Memo[] = [];
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
  for (const memo of memos) {
    for (let i = 0; i < memo.count; i++) {
      memo.keys[i] = NO_KEY;
      memo.values[i] = undefined;
    }
    memo.count = 0;
    memo.many = undefined;
  }
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
  const memo: Memo = { keys: new Array<object>(FEW).fill(NO_KEY), values: new Array<unknown>(FEW).fill(undefined), count: 0 };
  memos.push(memo);
  return (key) => {
    const many = memo.many;
    if (many) {
      // One lookup for a value kept (most are objects); `has` only tells an undefined kept from none.
      const kept = many.get(key);
      if (kept !== undefined || many.has(key)) return kept as V;
    } else {
      for (let i = 0; i < memo.count; i++) if (memo.keys[i] === key) return memo.values[i] as V;
    }
    const value = compute(key);
    keep(memo, key, value);
    return value;
  };
}

function keep(memo: Memo, key: object, value: unknown): void {
  if (memo.count < FEW) {
    memo.keys[memo.count] = key;
    memo.values[memo.count] = value;
    memo.count++;
    return;
  }
  if (!memo.many || memo.many.size >= MAX_VALUES) {
    const many = new Map<object, unknown>();
    // The first keys move over when the lists fill up; a bounded Map starts afresh.
    if (!memo.many) for (let i = 0; i < FEW; i++) many.set(memo.keys[i], memo.values[i]);
    memo.many = many;
  }
  memo.many.set(key, value);
}
