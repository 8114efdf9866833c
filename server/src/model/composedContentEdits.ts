// Several edits of one long message between two requests: the editor asks for completion or folding after each
// keystroke (each parse made from the one before), but for tokens or diagnostics only once the typing pauses. The
// work a feature kept is then for a version older than the last one. Each new note of an edit inside the content
// composes the previous note (and the older ones it carried) with the new edit, so that a feature finds, in one step,
// the edit from the version it kept. The composed edits name the older versions weakly, as the direct one does.
import type { EditedContent, MovedExchanges } from './contentLineage';
import type { Exchange } from './types';

/** Older edits kept beside the last one: more parses than one more than this between two requests make the work again. */
export const EARLIER_KEPT = 8;

/**
 * The edits from older versions to the new one: `previous` (how the edited version came about, with its own earlier
 * ones) each composed with `edit`. Those that do not compose, or whose version is gone, are left out.
 */
export function composedEarlier(previous: EditedContent, edit: EditedContent): EditedContent[] {
  const composedEdits: EditedContent[] = [];
  for (const first of [previous, ...(previous.earlier ?? [])]) {
    if (composedEdits.length === EARLIER_KEPT) break;
    const both = first.from.deref() ? composed(first, edit) : undefined;
    if (both) composedEdits.push(both);
  }
  return composedEdits;
}

/**
 * `first` (version A to B) then `second` (B to C) as one edit from A to C; undefined when they do not compose: one took
 * the content whole and the other edited it, or lines were added and removed again (the parts below are then copies
 * on their old lines, which an edit with no shift says are the same objects).
 */
function composed(first: EditedContent, second: EditedContent): EditedContent | undefined {
  const shift = first.shift + second.shift;
  if (first.whole !== second.whole || (shift === 0 && (first.shift !== 0 || second.shift !== 0))) return undefined;
  if (first.whole) return { from: first.from, start: 0, removed: 0, inserted: 0, shift, whole: true };
  // In B's parts, the first edit made [first.start, + inserted) and the second replaced [second.start, + removed): the
  // composed edit spans both (and the parts between them, made again though they did not change).
  const start = Math.min(first.start, second.start);
  const end = Math.max(first.start + first.inserted, second.start + second.removed);
  const movedBelow = composedBelow(first.movedBelow, second.movedBelow);
  const movedAbove = composedAbove(first.movedAbove, second.movedAbove);
  if (movedBelow === null || movedAbove === null) return undefined;
  return {
    from: first.from,
    start,
    removed: end - start - (first.inserted - first.removed),
    inserted: end - start + (second.inserted - second.removed),
    shift,
    ...(movedBelow ? { movedBelow } : {}),
    ...(movedAbove ? { movedAbove } : {}),
  };
}

/**
 * The exchanges after the message, in the same order in each version: A's where the first edit copied them (B's are
 * A's otherwise), C's where the second did. Null when the lists disagree.
 */
function composedBelow(first: MovedExchanges | undefined, second: MovedExchanges | undefined): MovedExchanges | undefined | null {
  if (!first || !second) return first ?? second;
  if (first.to.length !== second.to.length) return null;
  return { from: first.from, to: second.to };
}

/**
 * The commands answered below a BDAT chunk, copied with their replies moved by either edit: each C copy with the A
 * exchange it stands for.
 */
function composedAbove(first: MovedExchanges | undefined, second: MovedExchanges | undefined): MovedExchanges | undefined | null {
  if (!first || !second) return first ?? second;
  const from: WeakRef<Exchange>[] = [];
  const to: Exchange[] = [];
  const takenByFirst = new Set<number>();
  for (let j = 0; j < second.to.length; j++) {
    const inB = second.from[j].deref();
    if (!inB) return null;
    const k = first.to.indexOf(inB);
    if (k >= 0) takenByFirst.add(k);
    from.push(k >= 0 ? first.from[k] : second.from[j]);
    to.push(second.to[j]);
  }
  // Copied by the first edit only: the copy stands in C too.
  for (let k = 0; k < first.to.length; k++) {
    if (takenByFirst.has(k)) continue;
    from.push(first.from[k]);
    to.push(first.to[k]);
  }
  return { from, to };
}
