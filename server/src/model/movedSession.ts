// A session that only moved (lines added or removed above it) keeps its text, so its parse is the previous one with
// every line number shifted. Copying a whole parse costs about what parsing it again does (the cost is the objects),
// so a moved session is shifted lazily: its small parts (range, separator, directives) are shifted at once, and the
// rest (exchanges, markers) is parsed again at the new lines only when something reads it. Lint keeps the findings of
// such a session (moved along), so a line break typed mid-file no longer re-parses every session below it.
import { parseChunk, type ChunkParse } from './parseChunk';
import type { Exchange, Range, Session } from './types';

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
  readonly source: ChunkSource;
  parsed: boolean;
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
  shift: number,
  { startLine, endLine }: { startLine: number; endLine: number },
  lines: readonly string[],
  bareCrLines: ReadonlySet<number> | undefined,
): MovedChunkParse | undefined {
  if (previous.diagnostics.some((d) => namesLineIn(d.message, startLine - shift, endLine - shift))) return undefined;
  const moved: MovedChunkParse = {
    directives: shifted(previous.directives, shift),
    comments: shifted(previous.comments, shift),
    diagnostics: shifted(previous.diagnostics, shift),
  };
  const session = previous.session;
  if (session) {
    const eager: Partial<Session> = { index: session.index, name: session.name, separator: shifted(session.separator, shift), range: shiftedRange(session.range, shift), directives: shifted(session.directives, shift) };
    moved.lazy = { keys: previous.lazy?.keys ?? Object.keys(session), source: { lines, bareCrLines, startLine, endLine }, parsed: false };
    moved.session = lazySession(eager, moved.lazy);
  }
  return moved;
}

/** A session not yet parsed again stays so when renumbered, instead of being parsed to be copied. */
export function renumberedLazily(parse: MovedChunkParse, index: number): MovedChunkParse | undefined {
  const { session, lazy } = parse;
  if (!session || !lazy || lazy.parsed) return undefined;
  const renumbered = { keys: lazy.keys, source: lazy.source, parsed: false };
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

// The keys of a session with no ending or markers, the most common: a literal with accessors is much cheaper to make
// than properties defined one by one.
const PLAIN_SESSION_KEYS = 'index,name,separator,range,directives,exchanges';

/**
 * A session with the keys of the previous parse, in its order (a parse of the same text has the same ones): the eager
 * parts as given, the others getters that parse the chunk once and then stand as plain properties.
 */
function lazySession(eager: Partial<Session>, lazy: LazyParts): Session {
  if (lazy.keys.join() === PLAIN_SESSION_KEYS) {
    return {
      index: eager.index!,
      name: eager.name,
      separator: eager.separator,
      range: eager.range!,
      directives: eager.directives!,
      get exchanges(): Exchange[] {
        parseOnce(this, lazy);
        return this.exchanges;
      },
      set exchanges(value: Exchange[]) {
        parseOnce(this, lazy);
        this.exchanges = value;
      },
    };
  }
  const session = {} as Record<string, unknown>;
  for (const key of lazy.keys) {
    if (EAGER.has(key)) session[key] = eager[key as keyof Session];
    else {
      Object.defineProperty(session, key, {
        get: () => (parseOnce(session as unknown as Session, lazy), session[key]),
        set: (value: unknown) => (parseOnce(session as unknown as Session, lazy), (session[key] = value)),
        enumerable: true,
        configurable: true,
      });
    }
  }
  return session as unknown as Session;
}

/** Parses a lazy session's chunk and puts the parsed parts in place of the getters. */
function parseOnce(session: Session, lazy: LazyParts): void {
  if (lazy.parsed) return;
  lazy.parsed = true;
  const { lines, startLine, endLine, bareCrLines } = lazy.source;
  const parsed = parseChunk(lines, startLine, endLine, session.index, bareCrLines).session as unknown as Record<string, unknown>;
  for (const key of lazy.keys) {
    if (!EAGER.has(key)) Object.defineProperty(session, key, { value: parsed[key], writable: true, enumerable: true, configurable: true });
  }
}

function shiftedRange(range: Range, by: number): Range {
  return { start: { line: range.start.line + by, character: range.start.character }, end: { line: range.end.line + by, character: range.end.character } };
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
