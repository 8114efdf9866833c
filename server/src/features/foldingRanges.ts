// Folding: sessions, comment blocks, multi-line replies, DATA content (from `C: DATA` to `C: .`) and BDAT chunks.
import { verbOpens } from '../dialogue/dialogueState';
import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver-types';
import type { Exchange, Session, Transcript } from '../model/types';
import { keptPerSession } from './keptPerSession';
import { exchangeStartLine } from '../model/exchangeRange';

export function getFoldingRanges(transcript: Transcript): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  addCommentBlocks(transcript, adder(ranges));
  for (const session of transcript.sessions) for (const range of sessionRanges(session)) ranges.push(range);
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

function adder(ranges: FoldingRange[]): (start: number, end: number, kind?: FoldingRangeKind) => void {
  return (start, end, kind) => {
    if (end > start) ranges.push(FoldingRange.create(start, end, undefined, undefined, kind));
  };
}

// A session's ranges, kept across edits; one that only moved keeps them, moved along.
const sessionRanges = keptPerSession(foldedSession, (ranges: readonly FoldingRange[], by) => ranges.map((r) => ({ ...r, startLine: r.startLine + by, endLine: r.endLine + by })));

function foldedSession(session: Session): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const add = adder(ranges);
  add(session.range.start.line, session.range.end.line, FoldingRangeKind.Region);
  let previous: Exchange | undefined;
  for (const exchange of session.exchanges) {
    const reply = exchange.reply;
    if (reply && reply.lines.length > 1) add(reply.lines[0].line, reply.lines[reply.lines.length - 1].line);
    addContentBlock(exchange, previous, add);
    previous = exchange;
  }
  return ranges;
}

function addContentBlock(
  exchange: Exchange,
  previous: Exchange | undefined,
  add: (start: number, end: number) => void,
): void {
  if (exchange.kind === 'message') {
    const end = exchange.terminator?.line ?? lastPartLine(exchange.parts) ?? exchangeStartLine(exchange);
    const opensWithData = previous?.kind === 'command' && verbOpens(previous.command.verb) === 'content';
    add(opensWithData ? previous.command.line.line : exchangeStartLine(exchange), end);
  } else if (exchange.kind === 'bdat') {
    add(exchange.command.line.line, lastPartLine(exchange.parts) ?? exchange.command.line.line);
  }
}

function lastPartLine(parts: Extract<Exchange, { kind: 'message' }>['parts']): number | undefined {
  return parts[parts.length - 1]?.line;
}

function addCommentBlocks(transcript: Transcript, add: (start: number, end: number, kind?: FoldingRangeKind) => void): void {
  let blockStart = -1;
  let previousLine = -2;
  for (const comment of transcript.comments) {
    if (comment.line !== previousLine + 1) {
      if (blockStart >= 0) add(blockStart, previousLine, FoldingRangeKind.Comment);
      blockStart = comment.line;
    }
    previousLine = comment.line;
  }
  if (blockStart >= 0) add(blockStart, previousLine, FoldingRangeKind.Comment);
}
