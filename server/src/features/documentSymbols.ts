// The outline: sessions -> greeting, commands and mail transactions (with an envelope summary) -> their commands.
// A huge document's outline keeps whole levels while they fit in MAX_SYMBOLS (VS Code's own JSON outline stops at
// 5000 too): the editor re-reads the outline on every pause in typing, and 1 MB of transcript is ~13,000 symbols,
// 3 MB of JSON to write and read each time. Sessions come first, so every session stays one click away.
import { verbOpens } from '../dialogue/dialogueState';
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import type { Exchange, Range, Session, Transcript } from '../model/types';
import { sameItems, sessionStretches } from './sessionStretches';
import { envelopeSummary, partsOf, sessionParts, type SessionPart } from './transactions';
import { payloadRange, replyCodeRange, verbRange } from '../model/lineRanges';

const MAX_NAME = 80;
export const MAX_SYMBOLS = 5000;

// Kept with the session object (its index included: a renumbered session is a new object), so a request after an edit
// builds the symbol of the one session the edit re-parsed.
const sessionSymbols = new WeakMap<Session, DocumentSymbol>();

export function getDocumentSymbols(transcript: Transcript, maxSymbols = MAX_SYMBOLS): DocumentSymbol[] {
  const symbols = transcript.sessions.map((session) => {
    let symbol = sessionSymbols.get(session);
    if (!symbol) sessionSymbols.set(session, (symbol = sessionSymbol(session)));
    return symbol;
  });
  const depth = levelsThatFit(symbols, maxSymbols);
  if (depth === Infinity) return symbols;
  if (depth === 0) return symbols.slice(0, maxSymbols).map((symbol) => cutSymbol(symbol, 1));
  return symbols.map((symbol) => cutSymbol(symbol, depth));
}

/** How many levels of the tree fit in `maxSymbols` whole (Infinity: all of them). */
function levelsThatFit(symbols: readonly DocumentSymbol[], maxSymbols: number): number {
  const perLevel: number[] = [];
  for (const symbol of symbols) levelSizes(symbol).forEach((size, depth) => (perLevel[depth] = (perLevel[depth] ?? 0) + size));
  let total = 0;
  for (let depth = 0; depth < perLevel.length; depth++) {
    total += perLevel[depth];
    if (total > maxSymbols) return depth;
  }
  return Infinity;
}

// Both kept with the session's symbol, so a request after an edit counts and cuts only the edited session's.
const levelSizesOf = new WeakMap<DocumentSymbol, number[]>();
const cutSymbols = new WeakMap<DocumentSymbol, DocumentSymbol[]>();

/** How many symbols each level of `symbol`'s tree holds: [1, its children, their children...]. */
function levelSizes(symbol: DocumentSymbol): number[] {
  let sizes = levelSizesOf.get(symbol);
  if (!sizes) {
    // Summed from the children's (kept with them): a long session's kept stretches are not walked again.
    sizes = [1];
    for (const child of symbol.children ?? []) {
      const below = levelSizes(child);
      for (let depth = 0; depth < below.length; depth++) sizes[depth + 1] = (sizes[depth + 1] ?? 0) + below[depth];
    }
    levelSizesOf.set(symbol, sizes);
  }
  return sizes;
}

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

function sessionSymbol(session: Session): DocumentSymbol {
  const name = session.name ?? `Session ${session.index + 1}`;
  const selection = session.separator?.nameRange ?? session.separator?.range ?? firstLineOf(session.range);
  return DocumentSymbol.create(shorten(name), undefined, SymbolKind.Namespace, session.range, selection, sessionChildren(session));
}

// A stretch's symbols, kept with its first exchange while a new parse of the session keeps its exchanges (see
// `sessionStretches`): an edit in a 100k-line session builds the symbols of the stretch it touched.
const stretchSymbols = new WeakMap<Exchange, { exchanges: readonly Exchange[]; symbols: DocumentSymbol[] }>();

/** The session's parts' symbols, stretch by stretch (parts never cross one: each stretch starts with a MAIL). */
function sessionChildren(session: Session): DocumentSymbol[] {
  const stretches = sessionStretches(session);
  const children: DocumentSymbol[] = [];
  for (const stretch of stretches) {
    const first = stretch.exchanges[0];
    const kept = first && stretchSymbols.get(first);
    if (kept && sameItems(kept.exchanges, stretch.exchanges)) {
      children.push(...kept.symbols);
      continue;
    }
    const { parts, loneResponse } = partsOf(stretch.exchanges);
    // An AUTH response in a later stretch before any exchange of its own belongs to an AUTH above it: parts as a whole.
    if (loneResponse && stretch.index > 0) return partSymbolsOf(session);
    const symbols = parts.map((part) => partSymbol(session, part));
    if (first) stretchSymbols.set(first, { exchanges: stretch.exchanges, symbols });
    children.push(...symbols);
  }
  return children;
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
      symbol.range = union(symbol.range, ...part.responses.map((r) => r.range));
    }
    return symbol;
  }
  const range = union(part.mail.range, ...part.exchanges.map((e) => e.range));
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
  const make = (name: string, kind: SymbolKind, selection: Range): DocumentSymbol =>
    DocumentSymbol.create(shorten(name), detail, kind, exchange.range, selection);
  switch (exchange.kind) {
    case 'greeting':
      return make('Greeting', SymbolKind.Event, exchange.reply?.lines[0].code !== undefined ? replyCodeRange(exchange.reply.lines[0]) : firstLineOf(exchange.range));
    case 'command':
    case 'bdat': {
      const { command } = exchange;
      // AUTH's initial response is a secret: the outline shows the mechanism only.
      const text = verbOpens(command.verb) === 'auth-response' ? `AUTH ${command.argument.split(' ')[0]}`.trimEnd() : command.line.payload.text;
      return make(text || '(empty command)', exchange.kind === 'bdat' ? SymbolKind.String : SymbolKind.Method, verbRange(command));
    }
    case 'auth-response':
      return make('AUTH response', SymbolKind.Key, payloadRange(exchange.line.payload));
    case 'client-close':
      return make('<close>', SymbolKind.Event, payloadRange(exchange.line.payload));
    case 'message': {
      const lines = exchange.parts.length;
      return make(`Message (${lines} line${lines === 1 ? '' : 's'})`, SymbolKind.String, firstLineOf(exchange.range));
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
