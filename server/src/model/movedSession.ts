// A session that only moved (lines added or removed above it) keeps its text, so its parse is the previous one with
// every line number shifted. Copying a whole parse costs about what parsing it again does (the cost is the objects),
// so a moved session is shifted lazily: its small parts (range, separator, directives) are shifted at once, and the
// rest (exchanges, markers) is parsed again at the new lines only when something reads it. Lint keeps the findings of
// such a session (moved along), so a line break typed mid-file no longer re-parses every session below it.
import { parseChunk, type ChunkParse } from './parseChunk';
import type { Exchange, Session } from './types';

/** Where a moved chunk's text is: its lines of the newest document that holds it (see `keepLinesCurrent`). */
interface ChunkSource {
  lines: readonly string[];
  bareCrLines: ReadonlySet<number> | undefined;
  readonly startLine: number;
  readonly endLine: number;
}

/** Parts shifted at once: few objects, and read on every edit (lint's cache reads the range). */
const EAGER: ReadonlySet<string> = new Set<keyof Session>(['name', 'index', 'separator', 'range', 'directives']);

const reparses = new WeakMap<Session, { keys: readonly string[]; source: ChunkSource }>();

/**
 * `previous`, the parse of a chunk whose text now stands `shift` lines further down, on lines `[startLine, endLine)`,
 * as a parse from scratch there would give it; undefined when it cannot simply move (a parse problem names a line).
 */
export function movedChunk(
  previous: ChunkParse,
  shift: number,
  { startLine, endLine }: { startLine: number; endLine: number },
  lines: readonly string[],
  bareCrLines: ReadonlySet<number> | undefined,
): ChunkParse | undefined {
  if (previous.diagnostics.some((d) => namesLineIn(d.message, startLine - shift, endLine - shift))) return undefined;
  const session = previous.session;
  const source = { lines, bareCrLines, startLine, endLine };
  return {
    session: session && lazySession(reparses.get(session)?.keys ?? Object.keys(session), shifted(pick(session), shift), source),
    directives: shifted(previous.directives, shift),
    comments: shifted(previous.comments, shift),
    diagnostics: shifted(previous.diagnostics, shift),
  };
}

/** A session not yet parsed again keeps that: renumbered, it stays lazy instead of being parsed to be copied. */
export function renumberedLazily(session: Session, index: number): Session | undefined {
  const lazy = reparses.get(session);
  return lazy && lazySession(lazy.keys, { ...pick(session), index }, lazy.source);
}

/**
 * A session kept as it was in a new version of the document: if it is still to be parsed, it reads the new version's
 * lines (the same text at the same place), so that no old version's lines stay alive for it.
 */
export function keepLinesCurrent(session: Session, lines: readonly string[], bareCrLines: ReadonlySet<number> | undefined): void {
  const source = reparses.get(session)?.source;
  if (!source) return;
  source.lines = lines;
  source.bareCrLines = bareCrLines;
}

/**
 * A session with the keys of the previous parse, in its order (a parse of the same text has the same ones): the eager
 * parts as given, the others getters that parse the chunk once and then stand as plain properties.
 */
function lazySession(keys: readonly string[], eager: Partial<Session>, source: ChunkSource): Session {
  if (keys.join() === PLAIN_SESSION_KEYS) return plainLazySession(eager, keys, source);
  const session = {} as Record<string, unknown>;
  for (const key of keys) session[key] = eager[key as keyof Session];
  // Shared getters (reading `this`): defining them is the whole cost of a moved session, so none is made per session.
  Object.defineProperties(session, lazyDescriptors(keys));
  reparses.set(session as unknown as Session, { keys, source });
  return session as unknown as Session;
}

// The keys of a session with no ending or markers, the most common: a literal with accessors is much cheaper to make
// than properties defined one by one.
const PLAIN_SESSION_KEYS = 'index,name,separator,range,directives,exchanges';

function plainLazySession(eager: Partial<Session>, keys: readonly string[], source: ChunkSource): Session {
  const session = {
    index: eager.index!,
    name: eager.name,
    separator: eager.separator,
    range: eager.range!,
    directives: eager.directives!,
    get exchanges(): Exchange[] {
      parseOnce(this);
      return this.exchanges;
    },
    set exchanges(value: Exchange[]) {
      parseOnce(this);
      this.exchanges = value;
    },
  };
  reparses.set(session, { keys, source });
  return session;
}

const descriptorsByKeys = new Map<string, PropertyDescriptorMap>();

function lazyDescriptors(keys: readonly string[]): PropertyDescriptorMap {
  const id = keys.join();
  let descriptors = descriptorsByKeys.get(id);
  if (descriptors) return descriptors;
  descriptors = {};
  for (const key of keys) {
    if (EAGER.has(key)) continue;
    descriptors[key] = {
      get(this: Session) {
        parseOnce(this);
        return this[key as keyof Session];
      },
      set(this: Record<string, unknown>, value: unknown) {
        parseOnce(this as unknown as Session);
        this[key] = value;
      },
      enumerable: true,
      configurable: true,
    };
  }
  descriptorsByKeys.set(id, descriptors);
  return descriptors;
}

/** Parses a lazy session's chunk and puts the parsed parts in place of the getters. */
function parseOnce(session: Session): void {
  const lazy = reparses.get(session);
  if (!lazy) return;
  reparses.delete(session);
  const { lines, startLine, endLine, bareCrLines } = lazy.source;
  const parsed = parseChunk(lines, startLine, endLine, session.index, bareCrLines).session as unknown as Record<string, unknown>;
  for (const key of lazy.keys) {
    if (!EAGER.has(key)) Object.defineProperty(session, key, { value: parsed[key], writable: true, enumerable: true, configurable: true });
  }
}

function pick(session: Session): Partial<Session> {
  return { index: session.index, name: session.name, separator: session.separator, range: session.range, directives: session.directives };
}

/** A copy with every `line` (a position's, a line's) moved on by `by`; the model's plain data only. */
function shifted<T>(value: T, by: number): T {
  if (value === null || typeof value !== 'object') return value;
  // An empty list stays the same object: nothing is ever added to a parse once made.
  if (Array.isArray(value)) return (value.length === 0 ? value : value.map((item) => shifted(item, by))) as T;
  const copy: Record<string, unknown> = {};
  const from = value as Record<string, unknown>;
  for (const key in from) {
    const item = from[key];
    copy[key] = key === 'line' && typeof item === 'number' ? item + by : typeof item === 'object' ? shifted(item, by) : item;
  }
  return copy as T;
}

/** `The connection is closed at line 12`: a number that may be one of the lines `[start, end)`, 0- or 1-based. */
function namesLineIn(message: string, start: number, end: number): boolean {
  for (const number of message.match(/\d+/g) ?? []) {
    const value = Number(number);
    if (value >= start && value <= end) return true;
  }
  return false;
}
