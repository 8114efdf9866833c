// A line's range, and the ranges inside it, follow from what the line holds: computed when a feature asks, not kept.
// A large transcript holds hundreds of thousands of lines, and the positions and ranges made for each were most of
// what a parse allocated (and what the garbage collector then copied).
import type { ClientLine, Command, Range, ReplyLine } from './types';

/** The whole line: from its first character to its payload's end. */
export function lineRange(line: ClientLine | ReplyLine): Range {
  return { start: { line: line.line, character: 0 }, end: line.payload.range.end };
}

/** `C:`: the first two characters of the line. */
export function clientPrefixRange(line: ClientLine): Range {
  return { start: { line: line.line, character: 0 }, end: { line: line.line, character: 2 } };
}

/** Where the reply code (`250`, `2xx`) stands when the line has one: the payload's first three characters (RFC 5321 §4.2). */
export function replyCodeRange(reply: ReplyLine): Range {
  const start = reply.payload.range.start;
  return { start, end: { line: reply.line, character: start.character + 3 } };
}

/** The enhanced status code after the code and its separator (RFC 3463 §2); undefined when the line has none. */
export function enhancedCodeRange(reply: ReplyLine): Range | undefined {
  if (reply.enhancedCode === undefined) return undefined;
  const start = reply.payload.range.start.character + 4;
  return { start: { line: reply.line, character: start }, end: { line: reply.line, character: start + reply.enhancedCode.length } };
}

/** The text after the code and enhanced code (the whole payload on a line without a code): the payload's end. */
export function replyTextRange(reply: ReplyLine): Range {
  const payload = reply.payload;
  if (reply.code === undefined) return payload.range;
  const end = payload.range.end;
  return { start: { line: reply.line, character: end.character - reply.text.length }, end };
}

/** A command's verb (RFC 5321 §4.1.1); a line without one: its whole payload, blanks and all. */
export function verbRange(command: Command): Range {
  if (command.verbText === '') return command.line.payload.range;
  const line = command.line.line;
  return { start: { line, character: command.verbStart }, end: { line, character: verbEnd(command) } };
}

/** Where `verbRange` ends. */
export function verbEnd(command: Command): number {
  return command.verbText === '' ? command.line.payload.range.end.character : command.verbStart + command.verbText.length;
}

/** Where a command's argument starts: it runs to the line's end. */
export function argumentStart(command: Command): number {
  return command.line.payload.range.end.character - command.argument.length;
}

export function argumentRange(command: Command): Range {
  return { start: { line: command.line.line, character: argumentStart(command) }, end: command.line.payload.range.end };
}
