// A line's ranges follow from what the line holds (its number, where its payload starts, the text parsed from it):
// computed when a feature asks, not kept. A large transcript holds hundreds of thousands of lines, and the positions
// and ranges made for each were most of what a parse allocated (and what the garbage collector then copied).
import { range } from './ranges';
import type { ClientLine, Command, Payload, Position, Range, ReplyExpectation, ReplyLine } from './types';

/** Where a payload's text ends (it never spans lines). */
export function payloadEnd(payload: Payload): number {
  return payload.character + payload.text.length;
}

export function payloadEndPosition(payload: Payload): Position {
  return { line: payload.line, character: payloadEnd(payload) };
}

export function payloadRange(payload: Payload): Range {
  return range(payload.line, payload.character, payloadEnd(payload));
}

/** A reply's lines, from the first one's first character to the last one's end. */
export function replyRange(reply: ReplyExpectation): Range {
  return { start: { line: reply.lines[0].line, character: 0 }, end: replyEndPosition(reply) };
}

/** Where a reply ends: its last line's end (an answered exchange's range ends there). */
export function replyEndPosition(reply: ReplyExpectation): Position {
  return payloadEndPosition(reply.lines[reply.lines.length - 1].payload);
}

/** The whole line: from its first character to its payload's end (a reply line holds its payload, a `C:` line is one). */
export function wholeLineRange(line: ClientLine | ReplyLine): Range {
  return range(line.line, 0, payloadEnd('payload' in line ? line.payload : line));
}

/** `C:`: the first two characters of the line. */
export function clientPrefixRange(line: ClientLine): Range {
  return range(line.line, 0, 2);
}

/** Where the reply code (`250`, `2xx`) stands when the line has one: the payload's first three characters (RFC 5321 §4.2). */
export function replyCodeRange(reply: ReplyLine): Range {
  const start = reply.payload.character;
  return range(reply.line, start, start + 3);
}

/** The enhanced status code after the code and its separator (RFC 3463 §2); undefined when the line has none. */
export function enhancedCodeRange(reply: ReplyLine): Range | undefined {
  if (reply.enhancedCode === undefined) return undefined;
  const start = reply.payload.character + 4;
  return range(reply.line, start, start + reply.enhancedCode.length);
}

/** The text after the code and enhanced code (the whole payload on a line without a code): the payload's end. */
export function replyTextRange(reply: ReplyLine): Range {
  if (reply.code === undefined) return payloadRange(reply.payload);
  const end = payloadEnd(reply.payload);
  return range(reply.line, end - reply.text.length, end);
}

/** A command's verb (RFC 5321 §4.1.1); a line without one: its whole payload, blanks and all. */
export function verbRange(command: Command): Range {
  if (command.verbText === '') return payloadRange(command.line);
  return range(command.line.line, command.verbStart, verbEnd(command));
}

/** Where `verbRange` ends. */
export function verbEnd(command: Command): number {
  return command.verbText === '' ? payloadEnd(command.line) : command.verbStart + command.verbText.length;
}

/** Where a command's argument starts: it runs to the line's end. */
export function argumentStart(command: Command): number {
  return payloadEnd(command.line) - command.argument.length;
}

export function argumentRange(command: Command): Range {
  return range(command.line.line, argumentStart(command), payloadEnd(command.line));
}
