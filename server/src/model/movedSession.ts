// A session that only moved (lines added or removed above it) keeps its text, so its parse is the previous one with
// every line number shifted. Copying a whole parse costs about what parsing it again does (the cost is the objects),
// so a moved session is shifted lazily: its small parts (range, separator, directives) are shifted at once, and the
// rest (exchanges, markers) is parsed again at the new lines only when something reads it. Lint keeps the findings of
// such a session (moved along), so a line break typed mid-file no longer re-parses every session below it.
import { parseChunk, type ChunkParse } from './parseChunk';
import { shiftedPosition, shiftedRange } from './ranges';
import type { Range, Session } from './types';

/** Where a moved chunk's text is: its lines of the newest document that holds it (see `keepLinesCurrent`). */
interface ChunkSource {
  lines: readonly string[];
  bareCrLines: ReadonlySet<number> | undefined;
  readonly startLine: number;
  readonly endLine: number;
}

/** What a lazily moved session still has to parse: the session's keys (in order) and where its text is. */
interface LazyParts {
  readonly keys: readonly string[];
  /** The keys are those of a session with no ending or markers (the most common), made the quick way. */
  readonly plain: boolean;
  readonly source: ChunkSource;
  parsed: boolean;
  /** The session's key for caches (transcriptChunks.ts `sessionKey`): the session it moved from had it. */
  readonly key: object;
}

/** A chunk parse whose session may not be parsed yet. */
export interface MovedChunkParse extends ChunkParse {
  lazy?: LazyParts;
}

/** Parts shifted at once: few objects, and read on every edit (lint's cache reads the range). */
const EAGER: ReadonlySet<string> = new Set<keyof Session>(['name', 'index', 'separator', 'range', 'directives']);

/**
 * `previous`, the parse of a chunk whose text now stands `shift` lines further down, on lines `[startLine, endLine)`,
 * as a parse from scratch there would give it; undefined when it cannot simply move (a parse problem names a line).
 */
export function movedChunk(
  previous: MovedChunkParse,
  key: object,
  shift: number,
  { startLine, endLine }: { startLine: number; endLine: number },
  lines: readonly string[],
  bareCrLines: ReadonlySet<number> | undefined,
): MovedChunkParse | undefined {
  const diagnostics = previous.diagnostics;
  for (let i = 0; i < diagnostics.length; i++) if (namesLineIn(diagnostics[i].message, startLine - shift, endLine - shift)) return undefined;
  const moved: MovedChunkParse = {
    directives: shifted(previous.directives, shift),
    comments: shifted(previous.comments, shift),
    diagnostics: shifted(diagnostics, shift),
  };
  const session = previous.session;
  if (session) {
    const separator = shiftedSeparator(session.separator, shift);
    const range = separator ? shiftedBeside(session.range, session.separator!.range, separator.range, shift) : shiftedRange(session.range, shift);
    const eager: Eager = { index: session.index, name: session.name, separator, range, directives: shifted(session.directives, shift) };
    const keys = previous.lazy?.keys ?? Object.keys(session);
    moved.lazy = { keys, plain: previous.lazy?.plain ?? keys.join() === PLAIN_SESSION_KEYS, source: { lines, bareCrLines, startLine, endLine }, parsed: false, key };
    moved.session = lazySession(eager, moved.lazy);
  }
  return moved;
}

/** A session not yet parsed again stays so when renumbered, instead of being parsed to be copied. */
export function renumberedLazily(parse: MovedChunkParse, index: number): MovedChunkParse | undefined {
  const { session, lazy } = parse;
  if (!session || !lazy || lazy.parsed) return undefined;
  const renumbered = { keys: lazy.keys, plain: lazy.plain, source: lazy.source, parsed: false, key: lazy.key };
  const eager = { index, name: session.name, separator: session.separator, range: session.range, directives: session.directives };
  return { ...parse, session: lazySession(eager, renumbered), lazy: renumbered };
}

/**
 * A chunk kept as it was in a new version of the document: if its session is still to be parsed, it reads the new
 * version's lines (the same text at the same place), so that no old version's lines stay alive for it.
 */
export function keepLinesCurrent(parse: MovedChunkParse, lines: readonly string[], bareCrLines: ReadonlySet<number> | undefined): void {
  if (!parse.lazy || parse.lazy.parsed) return;
  parse.lazy.source.lines = lines;
  parse.lazy.source.bareCrLines = bareCrLines;
}

type Eager = Pick<Session, 'index' | 'name' | 'separator' | 'range' | 'directives'>;

// The keys of a session with no ending or markers, the most common.
const PLAIN_SESSION_KEYS = 'index,name,separator,range,directives,exchanges';

/** Where a lazy session keeps what it still has to parse: not enumerable, so no reader of the model sees it. */
const LAZY = Symbol('lazy parts');

/**
 * One getter and setter per key, shared by every lazy session (they find their session as `this`). An accessor made
 * per object (an object literal's `get`) turns each session into a slow dictionary-mode object; shared ones keep
 * every lazy session on one hidden class.
 */
const accessors = new Map<string, PropertyDescriptor>();
function lazyAccessor(key: string): PropertyDescriptor {
  let accessor = accessors.get(key);
  if (!accessor) {
    accessor = {
      get(this: LazySession) {
        parseOnce(this);
        return (this as unknown as Record<string, unknown>)[key];
      },
      set(this: LazySession, value: unknown) {
        parseOnce(this);
        (this as unknown as Record<string, unknown>)[key] = value;
      },
      enumerable: true,
      configurable: true,
    };
    accessors.set(key, accessor);
  }
  return accessor;
}
// One descriptor for the lazy parts, filled for each call and emptied after (a descriptor made per session costs more
// than the session).
const HIDDEN: PropertyDescriptor = { value: undefined, writable: true, enumerable: false, configurable: false };
function hideLazyParts(session: object, lazy: LazyParts): void {
  HIDDEN.value = lazy;
  Object.defineProperty(session, LAZY, HIDDEN);
  HIDDEN.value = undefined;
}
const EXCHANGES = lazyAccessor('exchanges');

type LazySession = Session & { [LAZY]: LazyParts };

/** The key a moved session carries for caches (kept on it: cheaper than a weak map entry per session per edit). */
export function movedSessionKey(session: Session): object | undefined {
  return (session as Partial<LazySession>)[LAZY]?.key;
}

/**
 * A session with the keys of the previous parse, in its order (a parse of the same text has the same ones): the eager
 * parts as given, the others getters that parse the chunk once and then stand as plain properties.
 */
function lazySession(eager: Eager, lazy: LazyParts): Session {
  if (lazy.plain) {
    const session = { index: eager.index, name: eager.name, separator: eager.separator, range: eager.range, directives: eager.directives };
    hideLazyParts(session, lazy);
    Object.defineProperty(session, 'exchanges', EXCHANGES);
    return session as Session;
  }
  const session = {} as Record<string, unknown>;
  hideLazyParts(session, lazy);
  for (const key of lazy.keys) {
    if (EAGER.has(key)) session[key] = eager[key as keyof Eager];
    else Object.defineProperty(session, key, lazyAccessor(key));
  }
  return session as unknown as Session;
}

/** Parses a lazy session's chunk and puts the parsed parts in place of the getters. */
function parseOnce(session: LazySession): void {
  const lazy = session[LAZY];
  if (lazy.parsed) return;
  lazy.parsed = true;
  const { lines, startLine, endLine, bareCrLines } = lazy.source;
  const parsed = parseChunk(lines, startLine, endLine, session.index, bareCrLines).session as unknown as Record<string, unknown>;
  for (const key of lazy.keys) {
    if (!EAGER.has(key)) Object.defineProperty(session, key, { value: parsed[key], writable: true, enumerable: true, configurable: true });
  }
}

/** The `###` line's parts as the parser makes them (`nameRange` is there, maybe undefined), on a line `by` further. */
function shiftedSeparator(separator: Session['separator'], by: number): Session['separator'] {
  if (!separator) return separator;
  const range = shiftedRange(separator.range, by);
  return { line: separator.line + by, range, nameRange: separator.nameRange && shiftedBeside(separator.nameRange, separator.range, range, by) };
}


/**
 * `range` shifted, sharing what it shared with `other` (`shiftedOther` is `other` shifted): the parser lets a session's
 * range start with its `###` line's, and a name that ends the line end with it. Fewer objects per moved session.
 */
function shiftedBeside(range: Range, other: Range, shiftedOther: Range, by: number): Range {
  if (range === other) return shiftedOther;
  const start = range.start === other.start ? shiftedOther.start : shiftedPosition(range.start, by);
  const end = range.end === other.end ? shiftedOther.end : shiftedPosition(range.end, by);
  return { start, end };
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
export function namesLineIn(message: string, start: number, end: number): boolean {
  for (const number of message.match(/\d+/g) ?? []) {
    const value = Number(number);
    if (value >= start && value <= end) return true;
  }
  return false;
}
