// What `--update` writes for a reply that failed its expectation: the expectation's own line wherever the actual line
// still matches it (so `*`, `/regex/` and `{{variables}}` survive a strict-mode update), the actual line where it
// really differs. An `S: ...` part of the expectation stays as written when its lines are still found.
import { SERVER_CLOSED, type ReplyExpectation, type ReplyLine } from '../model/types';
import { lineDifference, type SubstituteLine } from './matchReply';
import { replyLineText, type ActualReply, type ActualReplyLine } from './replyReader';
import type { ReplacementLine } from './replayTypes';

/** The `S:` payloads to write in place of the expectation's lines. */
export function replacementLines(expected: ReplyExpectation, actual: ActualReply, substitute: SubstituteLine): ReplacementLine[] {
  const lines = expected.lines.filter((l) => l.payload.text !== SERVER_CLOSED);
  const server = (a: ActualReplyLine): ReplacementLine => ({ text: replyLineText(a), fromServer: true });
  const written = (text: string): ReplacementLine => ({ text, fromServer: false });
  const keep = (e: ReplyLine, a: ActualReplyLine): ReplacementLine => (lineDifference(e, a, substitute) ? server(a) : written(asWritten(e, a.separator)));
  const first = lines.findIndex((l) => l.isEllipsis);
  if (first < 0) return actual.lines.map((a, i) => (i < lines.length ? keep(lines[i], a) : server(a)));

  const last = lines.map((l) => l.isEllipsis).lastIndexOf(true);
  const head = lines.slice(0, first);
  const tail = lines.slice(last + 1);
  if (head.length + tail.length > actual.lines.length) return actual.lines.map(server);
  const tailStart = actual.lines.length - tail.length;
  const middle = lines.slice(first, last + 1);
  const middleFound = piecesFound(middle, actual.lines.slice(head.length, tailStart), (e, a) => !lineDifference(e, a, substitute));
  return [
    ...head.map((e, i) => keep(e, actual.lines[i])),
    ...(middleFound ? middle.map((e) => written(e.payload.text)) : actual.lines.slice(head.length, tailStart).map(server)),
    ...tail.map((e, i) => keep(e, actual.lines[tailStart + i])),
  ];
}

/** The expectation line as the file has it, ending or continuing the reply as the actual line does. */
function asWritten(expected: ReplyLine, separator: ActualReplyLine['separator']): string {
  const text = expected.payload.text;
  const rest = text.slice(expected.separator === '' ? 3 : 4);
  if (separator === '-') return `${text.slice(0, 3)}-${rest}`;
  return rest === '' ? text.slice(0, 3) : `${text.slice(0, 3)} ${rest}`;
}

/** Whether the fixed lines between `S: ...` lines are found in order (leftmost), as matching requires. */
function piecesFound(middle: ReplyLine[], actual: ActualReplyLine[], matches: (e: ReplyLine, a: ActualReplyLine) => boolean): boolean {
  const pieces: ReplyLine[][] = [[]];
  for (const line of middle) {
    if (line.isEllipsis) pieces.push([]);
    else pieces[pieces.length - 1].push(line);
  }
  let at = 0;
  for (const piece of pieces.filter((p) => p.length > 0)) {
    let found = -1;
    for (let start = at; start + piece.length <= actual.length && found < 0; start++) {
      if (piece.every((e, i) => matches(e, actual[start + i]))) found = start;
    }
    if (found < 0) return false;
    at = found + piece.length;
  }
  return true;
}
