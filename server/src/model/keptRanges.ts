// The ranges the parser keeps in the model (an exchange's, a `###` line's, a directive's...), made here and not with
// ranges.ts's `range` or lineRanges.ts, which the features call for ranges they use once and drop. V8 decides per
// allocation site (each object literal in the source) whether the objects it makes start in the old generation, by how
// many of them live on: made at a site the features share, the model's ranges, hundreds of thousands in a large file,
// would start young and be copied by the young generation's collector. So each site here makes what lives on, or
// (`sentLineRange`'s outer range) what is soon replaced.
import type { ClientLine, Position, Range, ReplyExpectation, ReplyLine } from './types';

export function keptRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** The range of a sent line until its reply comes (`answeredRange` then keeps its start). */
export function sentLineRange(line: ClientLine | ReplyLine): Range {
  const start = lineStart(line.line);
  return { start, end: { line: line.line, character: line.payload.character + line.payload.text.length } };
}

/** From `from`'s start to the end of `reply`. */
export function answeredRange(from: Range, reply: ReplyExpectation): Range {
  return { start: from.start, end: replyEnd(reply) };
}

/** A reply's lines, from the first one's first character to the last one's end (as lineRanges.ts `replyRange`). */
export function keptReplyRange(reply: ReplyExpectation): Range {
  return { start: lineStart(reply.lines[0].line), end: replyEnd(reply) };
}

function lineStart(line: number): Position {
  return { line, character: 0 };
}

function replyEnd(reply: ReplyExpectation): Position {
  const last = reply.lines[reply.lines.length - 1];
  return { line: last.line, character: last.payload.character + last.payload.text.length };
}
