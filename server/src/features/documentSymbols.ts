// The outline: sessions -> greeting, commands and mail transactions (with an envelope summary) -> their commands.
// A huge document's outline keeps whole levels while they fit in MAX_SYMBOLS (VS Code's own JSON outline stops at
// 5000 too): the editor re-reads the outline on every pause in typing, and 1 MB of transcript is ~13,000 symbols,
// 3 MB of JSON to write and read each time. Sessions come first, so every session stays one click away.
import { verbOpens } from '../dialogue/dialogueState';
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import type { Exchange, Range, Session, Transcript } from '../model/types';
import { sameItems, sessionStretches, type SessionStretch } from './sessionStretches';
import { envelopeSummary, partsOf, sessionParts, type SessionPart } from './transactions';
import { payloadRange, replyCodeRange, verbRange } from '../model/lineRanges';
import { shiftedRange } from '../model/ranges';
import { sessionKey } from '../model/transcriptChunks';
import { exchangeRange } from '../model/exchangeRange';

const MAX_NAME = 80;
export const MAX_SYMBOLS = 5000;

// Each session's outline, kept under the session's key (model/transcriptChunks.ts `sessionKey`): a request after an
// edit reads again only the session the edit re-parsed, and a session that only moved (lines typed or removed above
// it, or renumbered) keeps its counts, and its symbols moved along, without its exchanges being read (or parsed).
const keptOutlines = new WeakMap<object, SessionOutline>();

/**
 * How many symbols each level of a session's tree holds, and its symbol, built to the depth an answer needs, for the
 * session on its lines and with its index (the session object itself is not kept: a moved one holds an old document's
 * lines until it is parsed).
 */
interface SessionOutline {
  readonly firstLine: number;
  readonly index: number;
  /** [1 (the session), its parts (commands, transactions), their children (a transaction's commands, AUTH responses)]. */
  readonly sizes: readonly number[];
  /** The session's symbol without children. */
  head?: DocumentSymbol;
  /** The whole tree. */
  full?: DocumentSymbol;
  /** The children of the same text's tree where it stood before, and how many lines it moved since. */
  moved?: { readonly children: readonly DocumentSymbol[]; readonly by: number };
}

export function getDocumentSymbols(transcript: Transcript, maxSymbols = MAX_SYMBOLS): DocumentSymbol[] {
  const sessions = transcript.sessions;
  const outlines = sessions.map(outlineOf);
  // The levels that fit are told by counts: a tree cut to its sessions (a huge document's) is never built below them.
  const depth = levelsThatFit(outlines, maxSymbols);
  if (depth === Infinity) return outlines.map((outline, i) => fullSymbol(outline, sessions[i]));
  if (depth <= 1) return (depth === 0 ? outlines.slice(0, maxSymbols) : outlines).map((outline, i) => headSymbol(outline, sessions[i]));
  return outlines.map((outline, i) => cutSymbol(fullSymbol(outline, sessions[i]), depth));
}

function outlineOf(session: Session): SessionOutline {
  const key = sessionKey(session);
  const firstLine = session.range.start.line;
  const kept = keptOutlines.get(key);
  if (kept?.firstLine === firstLine && kept.index === session.index) return kept;
  const outline = kept ? movedOutline(kept, session) : { firstLine, index: session.index, sizes: sessionSizes(session) };
  keptOutlines.set(key, outline);
  return outline;
}

/** The outline of `session`, the same text as `kept`'s on other lines or with another index: its name may differ. */
function movedOutline(kept: SessionOutline, session: Session): SessionOutline {
  const outline = { firstLine: session.range.start.line, index: session.index, sizes: kept.sizes };
  const children = kept.full?.children ?? kept.moved?.children;
  if (!children) return outline;
  const by = outline.firstLine - kept.firstLine + (kept.full ? 0 : kept.moved!.by);
  return { ...outline, moved: { children, by } };
}

/** How many levels of the trees fit in `maxSymbols` whole (Infinity: all of them). */
function levelsThatFit(sessions: readonly SessionOutline[], maxSymbols: number): number {
  const perLevel: number[] = [];
  for (const { sizes } of sessions) for (let depth = 0; depth < sizes.length; depth++) perLevel[depth] = (perLevel[depth] ?? 0) + sizes[depth];
  let total = 0;
  for (let depth = 0; depth < perLevel.length; depth++) {
    total += perLevel[depth];
    if (total > maxSymbols) return depth;
  }
  return Infinity;
}

// Kept with the full symbol, so a request after an edit cuts only the edited session's.
const cutSymbols = new WeakMap<DocumentSymbol, DocumentSymbol[]>();

function cutSymbol(symbol: DocumentSymbol, depth: number): DocumentSymbol {
  let cuts = cutSymbols.get(symbol);
  if (!cuts) cutSymbols.set(symbol, (cuts = []));
  return (cuts[depth] ??= cutBelow(symbol, depth));
}

/** `symbol` with `depth` levels (1: the symbol alone); copies, as the kept symbols are shared between requests. */
function cutBelow(symbol: DocumentSymbol, depth: number): DocumentSymbol {
  const { children, ...rest } = symbol;
  return depth <= 1 || !children ? rest : { ...rest, children: children.map((child) => cutBelow(child, depth - 1)) };
}

/** The session's level sizes, stretch by stretch (see `stretchOutline`). */
function sessionSizes(session: Session): readonly number[] {
  let parts = 0;
  let children = 0;
  for (const stretch of sessionStretches(session)) {
    const outline = stretchOutline(stretch);
    if (!outline) {
      const whole = levelSizesOf(sessionParts(session));
      return [1, whole.parts, whole.children];
    }
    parts += outline.parts;
    children += outline.children;
  }
  return [1, parts, children];
}

function headSymbol(outline: SessionOutline, session: Session): DocumentSymbol {
  return (outline.head ??= sessionSymbol(session));
}

function fullSymbol(outline: SessionOutline, session: Session): DocumentSymbol {
  if (!outline.full) {
    const moved = outline.moved;
    const children = moved ? moved.children.map((child) => shiftedSymbol(child, moved.by)) : sessionChildren(session);
    outline.full = sessionSymbol(session, children);
    outline.moved = undefined;
  }
  return outline.full;
}

/** The session's parts' symbols, stretch by stretch, or read whole when a stretch cannot stand alone. */
function sessionChildren(session: Session): DocumentSymbol[] {
  const children: DocumentSymbol[] = [];
  for (const stretch of sessionStretches(session)) {
    const outline = stretchOutline(stretch);
    if (!outline) return partSymbolsOf(session);
    for (const symbol of stretchSymbols(session, outline)) children.push(symbol);
  }
  return children;
}

/** A copy `by` lines further down (the kept symbols are shared between requests). */
function shiftedSymbol(symbol: DocumentSymbol, by: number): DocumentSymbol {
  if (by === 0) return symbol;
  const moved: DocumentSymbol = { ...symbol, range: shiftedRange(symbol.range, by), selectionRange: shiftedRange(symbol.selectionRange, by) };
  if (symbol.children) moved.children = symbol.children.map((child) => shiftedSymbol(child, by));
  return moved;
}

function sessionSymbol(session: Session, children?: DocumentSymbol[]): DocumentSymbol {
  const name = session.name ?? `Session ${session.index + 1}`;
  const selection = session.separator?.nameRange ?? session.separator?.range ?? firstLineOf(session.range);
  return DocumentSymbol.create(shorten(name), undefined, SymbolKind.Namespace, session.range, selection, children);
}

/** A stretch's parts counted, and their symbols once built; kept with its first exchange (see `stretchOutline`). */
interface StretchOutline {
  readonly exchanges: readonly Exchange[];
  readonly parts: number;
  readonly children: number;
  symbols?: DocumentSymbol[];
}

// Kept while a new parse of the session keeps the stretch's exchanges (see `sessionStretches`): an edit in a 100k-line
// session counts and builds the parts of the stretch it touched.
const stretchOutlines = new WeakMap<Exchange, StretchOutline>();

/**
 * The stretch's parts counted (parts never cross one: each stretch starts with a MAIL); undefined when an AUTH response
 * in a later stretch comes before any exchange of its own: it belongs to an AUTH above it, and the session's parts
 * are read whole.
 */
function stretchOutline(stretch: SessionStretch): StretchOutline | undefined {
  const first = stretch.exchanges[0];
  const kept = first && stretchOutlines.get(first);
  if (kept && sameItems(kept.exchanges, stretch.exchanges)) return kept;
  const { parts, loneResponse } = partsOf(stretch.exchanges);
  if (loneResponse && stretch.index > 0) return undefined;
  const outline: StretchOutline = { exchanges: stretch.exchanges, ...levelSizesOf(parts) };
  if (first) stretchOutlines.set(first, outline);
  return outline;
}

function stretchSymbols(session: Session, stretch: StretchOutline): DocumentSymbol[] {
  return (stretch.symbols ??= partsOf(stretch.exchanges).parts.map((part) => partSymbol(session, part)));
}

/** How many symbols the parts make, and their children (`partSymbol`'s tree, counted without building it). */
function levelSizesOf(parts: readonly SessionPart[]): { parts: number; children: number } {
  let children = 0;
  for (const part of parts) children += part.kind === 'exchange' ? part.responses.length : part.exchanges.length;
  return { parts: parts.length, children };
}

/** The session's parts' symbols built from all its exchanges at once (what the stretches add up to). */
export function partSymbolsOf(session: Session): DocumentSymbol[] {
  return sessionParts(session).map((part) => partSymbol(session, part));
}

function partSymbol(session: Session, part: SessionPart): DocumentSymbol {
  if (part.kind === 'exchange') {
    const symbol = exchangeSymbol(part.exchange);
    if (part.responses.length > 0) {
      symbol.children = part.responses.map((response) => exchangeSymbol(response));
      symbol.range = union(symbol.range, ...part.responses.map(exchangeRange));
    }
    return symbol;
  }
  const range = union(exchangeRange(part.mail), ...part.exchanges.map(exchangeRange));
  const last = part.exchanges[part.exchanges.length - 1];
  return DocumentSymbol.create(
    shorten(envelopeSummary(session, part)),
    last.reply?.code,
    SymbolKind.Object,
    range,
    verbRange(part.mail.command),
    part.exchanges.map((exchange) => exchangeSymbol(exchange)),
  );
}

function exchangeSymbol(exchange: Exchange): DocumentSymbol {
  const detail = exchange.reply?.code ?? 'no reply';
  const range = exchangeRange(exchange);
  const make = (name: string, kind: SymbolKind, selection: Range): DocumentSymbol =>
    DocumentSymbol.create(shorten(name), detail, kind, range, selection);
  switch (exchange.kind) {
    case 'greeting':
      return make('Greeting', SymbolKind.Event, exchange.reply?.lines[0].code !== undefined ? replyCodeRange(exchange.reply.lines[0]) : firstLineOf(range));
    case 'command':
    case 'bdat': {
      const { command } = exchange;
      // AUTH's initial response is a secret: the outline shows the mechanism only.
      const text = verbOpens(command.verb) === 'auth-response' ? `AUTH ${command.argument.split(' ')[0]}`.trimEnd() : command.line.text;
      return make(text || '(empty command)', exchange.kind === 'bdat' ? SymbolKind.String : SymbolKind.Method, verbRange(command));
    }
    case 'auth-response':
      return make('AUTH response', SymbolKind.Key, payloadRange(exchange.line));
    case 'client-close':
      return make('<close>', SymbolKind.Event, payloadRange(exchange.line));
    case 'message': {
      const lines = exchange.parts.length;
      return make(`Message (${lines} line${lines === 1 ? '' : 's'})`, SymbolKind.String, firstLineOf(range));
    }
  }
}

function shorten(name: string): string {
  return name.length > MAX_NAME ? name.slice(0, MAX_NAME - 1) + '…' : name;
}

function firstLineOf(range: Range): Range {
  return range.start.line === range.end.line ? range : { start: range.start, end: range.start };
}

function union(first: Range, ...rest: Range[]): Range {
  let { start, end } = first;
  for (const r of rest) {
    if (r.start.line < start.line || (r.start.line === start.line && r.start.character < start.character)) start = r.start;
    if (r.end.line > end.line || (r.end.line === end.line && r.end.character > end.character)) end = r.end;
  }
  return { start, end };
}
