// The tokens of a stretch parsed again around an edit outside a long message whose content the parser took whole, DATA
// or a `BDAT *` chunk that is the whole message (model/reusedContent.ts: a letter typed in the RCPT or the QUIT of a
// 100k-line attachment): the stretch's other
// tokens are collected again, and those of the content lines are the last run's, copied as one block (moved along
// when lines were added or removed above it). A content line's tokens follow from its text and its place in the
// message, which did not change; no other exchange has a line among them.
import { editedContentOf, type ContentExchange } from '../model/contentLineage';
import { wholeMessageChunk, type EncodedRun, type KeptRun } from './contentTokenSplice';
import { encode, type EncodedPosition, type Token } from './semanticTokenEncoding';
import type { SessionStretch } from './sessionStretches';

/** The stretch's tokens but those on the content lines of `skipped` (a DATA message's `.` line's among them). */
export type TokensBeside = (skipped: ContentExchange) => Token[];

/** `kept`'s run for the stretch, when one of its messages is a previous one's content taken whole; undefined otherwise. */
export function reusedContentRun(kept: KeptRun | undefined, stretch: SessionStretch, tokensBeside: TokensBeside): EncodedRun | undefined {
  if (!kept?.run || kept.index !== stretch.index) return undefined;
  const message = reusedMessage(stretch, kept);
  if (!message) return undefined;
  const { from, shift } = message;
  const newFirst = message.now.parts[0].line;
  const newLast = message.now.parts[message.now.parts.length - 1].line;
  const block = blockOf(kept.run, from.parts[0].line, from.parts[from.parts.length - 1].line);
  if (!block) return undefined;
  const tokens = tokensBeside(message.now).sort((a, b) => a.line - b.line || a.start - b.start);
  const before = tokens.filter((t) => t.line < newFirst);
  const after = tokens.filter((t) => t.line > newLast);
  const head = encode(before);
  const last = before[before.length - 1];
  const data = new Array<number>(head.length + block.end - block.start);
  for (let i = 0; i < head.length; i++) data[i] = head[i];
  for (let i = block.start; i < block.end; i++) data[head.length + i - block.start] = kept.run.data[i];
  // The block's first token counts from the last one above it now (it starts a line: its start stands).
  data[head.length] = last ? block.first.line + shift - last.line : 0;
  data[head.length + 1] = block.first.start;
  const lastOfBlock: EncodedPosition = { line: block.last.line + shift, start: block.last.start, end: block.last.end };
  for (const n of encode(after, lastOfBlock)) data.push(n);
  const firstLine = before.length > 0 ? before[0].line : block.first.line + shift;
  const lastLine = after.length > 0 ? after[after.length - 1].line : lastOfBlock.line;
  return { data, firstLine, lastLine };
}

/** The stretch's message that took the content of one in the kept stretch whole, with it and the lines it moved. */
function reusedMessage(stretch: SessionStretch, kept: KeptRun): { now: ContentExchange; from: ContentExchange; shift: number } | undefined {
  const exchanges = stretch.exchanges;
  for (let i = 0; i < exchanges.length; i++) {
    const exchange = exchanges[i];
    // A chunk's lines are laid out with its message's other chunks: only a chunk that is the whole message.
    if (exchange.kind !== 'message' && !(exchange.kind === 'bdat' && wholeMessageChunk(exchanges, i))) continue;
    const edit = editedContentOf(exchange as ContentExchange);
    const from = edit?.whole ? edit.from.deref() : undefined;
    // The same parts, moved: nothing was read into it after what it took.
    if (from && from.kind === exchange.kind && from.parts.length === (exchange as ContentExchange).parts.length && kept.exchanges.includes(from)) return { now: exchange as ContentExchange, from, shift: edit!.shift };
  }
  return undefined;
}

/**
 * The tokens of `run` on lines `[first, last]`: where they stand in its numbers, and the first's and last's places;
 * undefined when there are none (or the run ends among them, as nothing then follows that could be checked).
 */
function blockOf(run: EncodedRun, first: number, last: number): { start: number; end: number; first: EncodedPosition; last: EncodedPosition } | undefined {
  const data = run.data;
  // Read from the line the run starts on now (`data[0]` may be where it started before it moved).
  let line = run.firstLine - data[0];
  let start = 0;
  let from = -1;
  let firstAt: EncodedPosition | undefined;
  let lastAt: EncodedPosition | undefined;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    start = data[i] === 0 ? start + data[i + 1] : data[i + 1];
    if (line < first) continue;
    if (line > last) return from < 0 || i === 0 ? undefined : { start: from, end: i, first: firstAt!, last: lastAt! };
    if (from < 0) {
      // The block's first token must start its line in the run (a token above on the same line would count from it).
      if (i > 0 && data[i] === 0) return undefined;
      from = i;
      firstAt = { line, start, end: start + data[i + 2] };
    }
    lastAt = { line, start, end: start + data[i + 2] };
  }
  return from < 0 ? undefined : { start: from, end: data.length, first: firstAt!, last: lastAt! };
}
