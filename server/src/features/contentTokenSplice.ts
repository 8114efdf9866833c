// The tokens of a stretch after an edit inside one message's content, DATA or a BDAT chunk that is the whole message
// (model/contentEdit.ts): the last run with the edited lines' tokens encoded again and spliced in. A content line's
// tokens follow from its own text and whether it stands in the header section (a field, a continuation) or the body
// (a string), so while the edit does not move where the header section ends the other lines' stand; and in the
// relative encoding only the first token below the edit counts from a new place. A 100k-line attachment is then not
// encoded again for each keystroke.
import { editedContentFrom, type ContentExchange, type EditedContent } from '../model/contentLineage';
import type { BdatExchange, ContentPart, Directive, Exchange, Range } from '../model/types';
import { encode, type EncodedPosition, type Token } from './semanticTokenEncoding';
import { sameItems, type SessionStretch } from './sessionStretches';
import { endsHeaderSection } from './messageSections';

/** A run of tokens encoded on their own, and its lines. */
export interface EncodedRun {
  /**
   * The first token's line delta is not read: the run starts on `firstLine` (a run that moved keeps its numbers, and
   * joining runs writes each one's first delta, semanticTokens.ts).
   */
  data: readonly number[];
  firstLine: number;
  lastLine: number;
}

/** A stretch's run as last encoded, with what it was encoded from. */
export interface KeptRun {
  /** The stretch's place in its session: the first one also holds the session's head. */
  index: number;
  exchanges: readonly Exchange[];
  directives: readonly Directive[];
  /** The session's `###` name, whose token the first stretch holds. */
  head: Range | undefined;
  run: EncodedRun | null;
  /** The stretch's in-place edits when the run was encoded (model/shiftedParse.ts `inPlaceEdits`). */
  edits: number;
}

/**
 * `kept`'s run with the tokens of the edited lines encoded again, when the stretch differs from it in one DATA message
 * edited inside its content only, its header section ending where it did (and, when lines were added or removed, the
 * exchanges after it moved); undefined otherwise.
 */
export function splicedRun(kept: KeptRun | undefined, stretch: SessionStretch, head: Range | undefined, tokensOf: EditedLineTokens): EncodedRun | undefined {
  if (!kept?.run || kept.index !== stretch.index || kept.head !== head || !sameItems(kept.directives, stretch.directives) || kept.exchanges.length !== stretch.exchanges.length) return undefined;
  const differs = firstDifference(kept.exchanges, stretch.exchanges);
  // Commands pipelined with a BDAT chunk and answered below it come first, copies with their replies moved.
  const at = differs < 0 ? differs : contentFrom(stretch.exchanges, differs);
  const message = at < 0 ? undefined : stretch.exchanges[at];
  const whole = message?.kind === 'message' || (message?.kind === 'bdat' && wholeMessageChunk(stretch.exchanges, at));
  // The kept run may be some keystrokes old: the edit from the version it was encoded for.
  const from = kept.exchanges[at] as ContentExchange | undefined;
  const edit = whole && from && from.kind === message.kind ? editedContentFrom(message as ContentExchange, from) : undefined;
  if (!message || !edit || !from) return undefined;
  const parts = (message as ContentExchange).parts;
  const inHeader = edit.start <= headerSectionEnd(parts);
  // In the header section, the edit may neither end it nor move its end: the other lines' roles then stand.
  if (inHeader && (endsHeaderSectionIn(from.parts, edit.start, edit.removed) || endsHeaderSectionIn(parts, edit.start, edit.inserted))) return undefined;
  if (!sameBelow(kept.exchanges, stretch.exchanges, at, edit) || !sameAbove(kept.exchanges, stretch.exchanges, differs, at, edit)) return undefined;
  // Tokens strictly between the kept lines around the edit are the edited lines' (no other exchange has a line there);
  // the content's first line edited, it stood right below the line above it (model/contentEdit.ts).
  const old = from.parts;
  const above = edit.start > 0 ? parts[edit.start - 1].line : old[0].line - 1;
  const below = edit.start + edit.removed < old.length ? old[edit.start + edit.removed].line : (from.kind === 'message' ? from.terminator?.line : undefined);
  // A directive among the content lines there (the session's, unchanged) holds tokens of its own: encoded again.
  if (below === undefined || stretch.directives.some((d) => d.range.start.line > above && d.range.start.line < below)) return undefined;
  return splice(kept.run, above, below, edit.shift, tokensOf(parts.slice(edit.start, edit.start + edit.inserted), edit.start, inHeader));
}

/**
 * The BDAT chunk at `at` is a whole message among `exchanges`, as messageSections.ts gathers them: the last chunk, with
 * no earlier chunk of its message before it (its lines then start in the header section).
 */
export function wholeMessageChunk(exchanges: readonly Exchange[], at: number): boolean {
  if (!(exchanges[at] as BdatExchange).last) return false;
  for (let i = at - 1; i >= 0; i--) {
    const exchange = exchanges[i];
    if (exchange.kind === 'bdat') return exchange.last;
    if (exchange.kind === 'message' || (exchange.kind === 'command' && exchange.command.verb === 'MAIL')) return true;
  }
  return true;
}

/** The tokens of content lines, the first of them the message's `firstIndex`th part, in its header section or body. */
export type EditedLineTokens = (parts: readonly ContentPart[], firstIndex: number, inHeader: boolean) => Token[];

/** The first index where the lists (of one length) hold different items; -1 when none does. */
function firstDifference(before: readonly Exchange[], now: readonly Exchange[]): number {
  for (let i = 0; i < now.length; i++) if (before[i] !== now[i]) return i;
  return -1;
}

/** The first DATA message or BDAT chunk at or after `from`; -1 when none. */
function contentFrom(exchanges: readonly Exchange[], from: number): number {
  for (let i = from; i < exchanges.length; i++) if (exchanges[i].kind === 'message' || exchanges[i].kind === 'bdat') return i;
  return -1;
}

/**
 * The exchanges from `differs` to the edited content at `at` are those encoded before: the same, or the copies the
 * parser made of them with their replies moved (`movedAbove`).
 */
function sameAbove(before: readonly Exchange[], now: readonly Exchange[], differs: number, at: number, edit: EditedContent): boolean {
  const moved = edit.movedAbove;
  for (let i = differs; i < at; i++) {
    if (before[i] === now[i]) continue;
    const j = moved ? moved.to.indexOf(now[i]) : -1;
    if (j < 0 || moved!.from[j].deref() !== before[i]) return false;
  }
  return true;
}

/**
 * The exchanges after the edited message are those encoded before: the same (no line added or removed), or the copies
 * the parser made of them further down (`movedBelow`).
 */
function sameBelow(before: readonly Exchange[], now: readonly Exchange[], at: number, edit: EditedContent): boolean {
  const moved = edit.movedBelow;
  for (let i = at + 1; i < now.length; i++) {
    if (!moved ? before[i] !== now[i] : moved.from[i - at - 1]?.deref() !== before[i] || moved.to[i - at - 1] !== now[i]) return false;
  }
  return true;
}

/** The index of the part that ends the header section, the parts' length when none does; the parts past it are body. */
function headerSectionEnd(parts: readonly ContentPart[]): number {
  for (let i = 0; i < parts.length; i++) if (endsHeaderSection(parts[i])) return i;
  return parts.length;
}

/** One of `parts[start, start + count)` would end the header section. */
function endsHeaderSectionIn(parts: readonly ContentPart[], start: number, count: number): boolean {
  for (let i = start; i < start + count; i++) if (endsHeaderSection(parts[i])) return true;
  return false;
}

/**
 * `run` with the tokens on lines `(above, below)` replaced by `tokens` (on the lines there now), those from `below` on
 * moved `shift` lines.
 */
function splice(run: EncodedRun, above: number, below: number, shift: number, tokens: Token[]): EncodedRun | undefined {
  const data = run.data;
  const count = data.length / 5;
  // Read from the line the run starts on now (`data[0]` may be where it started before it moved).
  let line = run.firstLine - data[0];
  let start = 0;
  let first = -1;
  // The last token above the edit, where the edited lines' tokens count from (numbers: no object per token read).
  const last: EncodedPosition = { line: 0, start: 0, end: -1 };
  let next = count;
  for (let i = 0; i < count; i++) {
    const deltaLine = data[i * 5];
    line += deltaLine;
    start = deltaLine === 0 ? start + data[i * 5 + 1] : data[i * 5 + 1];
    if (line <= above) {
      last.line = line;
      last.start = start;
      last.end = start + data[i * 5 + 2];
      continue;
    }
    if (first < 0) first = i;
    if (line >= below) {
      next = i;
      break;
    }
  }
  // The run's first or last token on the edited lines: its ends would move; encoded again whole.
  if (first <= 0 || next === count) return undefined;
  const encoded = encode(tokens, last); // sorts the tokens
  const lastLine = tokens.length > 0 ? tokens[tokens.length - 1].line : last.line;
  // The first token below counts its line from the last one above it now (the rest from each other: they moved
  // together); it starts a line, so its start stands.
  return { data: joined(data, first * 5, encoded, line + shift - lastLine, next * 5 + 1), firstLine: run.firstLine, lastLine: run.lastLine + shift };
}

/**
 * `data[0, head)`, `middle`, `delta`, `data[tailFrom...]` in one array made at its length: two slices and a
 * concatenation of a 100k-token run took about 7 ms, three fresh arrays of megabytes for each keystroke.
 */
function joined(data: readonly number[], head: number, middle: readonly number[], delta: number, tailFrom: number): number[] {
  const result = new Array<number>(head + middle.length + 1 + data.length - tailFrom);
  let at = 0;
  for (let i = 0; i < head; i++) result[at++] = data[i];
  for (let i = 0; i < middle.length; i++) result[at++] = middle[i];
  result[at++] = delta;
  for (let i = tailFrom; i < data.length; i++) result[at++] = data[i];
  return result;
}
