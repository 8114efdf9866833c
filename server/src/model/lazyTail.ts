// A long session's exchanges below an edit that added or removed lines are the previous parse's, every line moved the
// same way. Copied at once (shiftedParse.ts), they were most of what a line break typed in a 100k-line session cost:
// seven objects per exchange below it, which the garbage collector then copied again. Here they are a lazy tail: the
// session holds the exchanges around the edit (its head) and where the others are (the previous parse's list, from
// which index, moved how far), and `session.exchanges` copies them the first time something reads the whole list.
// Lint and the next edit read the head, and what a tail holds, without copying it (`exchangeCount`, `headExchanges`,
// `lazyTailOf`); anything else sees the list a parse from scratch gives.
import { exchangeStartLine } from './exchangeRange';
import { noteMoved, shiftedExchange } from './shiftedParse';
import type { Exchange, Session } from './types';

/**
 * Where a tail's exchanges are: `items[from...]`, every line `shift` further down, every pipelined group numbered
 * `groupShift` higher (an exchange added or removed above: the groups below are the same, counted on from another).
 */
export interface TailSource {
  readonly items: readonly Exchange[];
  readonly from: number;
  readonly shift: number;
  readonly groupShift: number;
}

interface LazyTail extends TailSource {
  readonly head: readonly Exchange[];
  /** Indexes (in the whole list) where stretches start in the tail: their copies note their originals (`noteMoved`). */
  readonly stretchStarts: readonly number[];
}

/** Where a lazy session keeps its tail: not enumerable, so no reader of the model sees it. */
const TAIL = Symbol('lazy tail');
type LazySession = Session & { [TAIL]?: LazyTail };

// One accessor for every lazy session (each finds its session as `this`): an accessor made per object would make each
// session a dictionary-mode object. Read, it copies the tail and stands as a plain property from then on.
const EXCHANGES: PropertyDescriptor = {
  get(this: LazySession) {
    return materialized(this);
  },
  set(this: LazySession, value: Exchange[]) {
    materialized(this);
    this.exchanges = value;
  },
  enumerable: true,
  configurable: true,
};
// One descriptor for the hidden tail, filled for each call and emptied after.
const HIDDEN: PropertyDescriptor = { value: undefined, writable: true, enumerable: false, configurable: true };

/**
 * `parts` (a session's keys in the order the previous parse had them, `exchanges` among them) with the exchanges
 * `head` and then the tail `source`; `stretchStarts` are the tail's indexes where the session's stretches start.
 */
export function withLazyTail(parts: Session, head: readonly Exchange[], source: TailSource, stretchStarts: readonly number[]): Session {
  const session: Record<string, unknown> = {};
  for (const key in parts) {
    if (key === 'exchanges') Object.defineProperty(session, 'exchanges', EXCHANGES);
    else session[key] = parts[key as keyof Session];
  }
  HIDDEN.value = { head, items: source.items, from: source.from, shift: source.shift, groupShift: source.groupShift, stretchStarts } satisfies LazyTail;
  Object.defineProperty(session, TAIL, HIDDEN);
  HIDDEN.value = undefined;
  return session as unknown as Session;
}

/**
 * `session` with the parts in `replaced` instead of its own, the others copied by name in their order: its list of
 * exchanges is not read unless kept (a spread would copy a lazy tail).
 */
export function withParts(session: Session, replaced: Partial<Session>): Session {
  const copy: Record<string, unknown> = {};
  // `for...in` names an accessor without calling it.
  for (const key in session) copy[key] = key in replaced ? replaced[key as keyof Session] : session[key as keyof Session];
  return copy as unknown as Session;
}

/** A session's tail not copied yet: its head, and where the rest is. */
export function lazyTailOf(session: Session): { head: readonly Exchange[]; source: TailSource; stretchStarts: readonly number[] } | undefined {
  const tail = (session as LazySession)[TAIL];
  return tail && { head: tail.head, source: { items: tail.items, from: tail.from, shift: tail.shift, groupShift: tail.groupShift }, stretchStarts: tail.stretchStarts };
}

/** The line a lazy session's tail starts on (its first exchange's, moved; an empty one's, none), else undefined. */
export function tailStartLine(session: Session): number | undefined {
  const tail = (session as LazySession)[TAIL];
  if (!tail) return undefined;
  return tail.from < tail.items.length ? exchangeStartLine(tail.items[tail.from]) + tail.shift : Infinity;
}

/**
 * `source` moved on `by` lines and `groups` pipelined groups, starting `skip` exchanges further into it: the tail of a
 * session made from a lazy one.
 */
export function movedOn(source: TailSource, skip: number, by: number, groups = 0): TailSource {
  return { items: source.items, from: source.from + skip, shift: source.shift + by, groupShift: source.groupShift + groups };
}

/** How many exchanges the session has, its tail's counted without copying it. */
export function exchangeCount(session: Session): number {
  const tail = (session as LazySession)[TAIL];
  return tail ? tail.head.length + tail.items.length - tail.from : session.exchanges.length;
}

/** The pipelined group of the session's exchange `index`, read without copying a tail. */
export function groupAt(session: Session, index: number): number {
  const tail = (session as LazySession)[TAIL];
  if (!tail || index < tail.head.length) return headExchanges(session)[index].pipelineGroup;
  return tail.items[tail.from + index - tail.head.length].pipelineGroup + tail.groupShift;
}

/** The exchanges that exist as objects: a lazy session's head, else all of them. */
export function headExchanges(session: Session): readonly Exchange[] {
  return (session as LazySession)[TAIL]?.head ?? session.exchanges;
}

function materialized(session: LazySession): Exchange[] {
  const tail = session[TAIL]!;
  const { head, items, from, shift, groupShift } = tail;
  const exchanges = head.slice();
  for (let i = from; i < items.length; i++) exchanges.push(shiftedExchange(items[i], shift, groupShift));
  // A feature that kept its work for a stretch under its first exchange finds it again under the copy.
  for (const at of tail.stretchStarts) noteMoved(exchanges[at], items[from + at - head.length], shift);
  Object.defineProperty(session, 'exchanges', { value: exchanges, writable: true, enumerable: true, configurable: true });
  // The previous parse's list is no longer needed for this session (emptied rather than deleted: a delete would turn
  // the session into a dictionary-mode object).
  session[TAIL] = undefined;
  return exchanges;
}
