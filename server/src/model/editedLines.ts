// The whole lines of a chunk an edit touched, found by walking the chunk's lines up to the edit (additions, no
// split of the text): the lines from `startLine` to `lastLine` and the text they span, terminators included.
import type { EditedRegion } from './editedRegion';

export interface TouchedLines {
  startLine: number;
  lastLine: number;
  /** Offsets in the previous text: the first line's first character, and the first after the last line. */
  startOffset: number;
  endOffset: number;
}

const CR = 0x0d;
const LF = 0x0a;

/** Where line `line` (starting at `offset` of `text`) ends, its terminator included. */
function nextLineStart(text: string, lines: readonly string[], line: number, offset: number): number {
  const end = offset + lines[line].length;
  const terminator = text.charCodeAt(end);
  if (terminator === CR) return text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
  return terminator === LF ? end + 1 : end;
}

/**
 * The lines of the previous text, between `startLine` and the line before `endLine` (a chunk starting at
 * `startOffset`), that hold the edited region; a line ending with a CR counts as touched when the edit starts right
 * after it (an LF typed there makes its CR and the LF one terminator).
 */
export function touchedLines(
  text: string,
  lines: readonly string[],
  chunk: { startLine: number; endLine: number; startOffset: number },
  region: EditedRegion,
): TouchedLines {
  const editEnd = text.length - region.suffix;
  let line = chunk.startLine;
  let offset = chunk.startOffset;
  let previousStart = offset;
  for (let next = nextLineStart(text, lines, line, offset); line < chunk.endLine - 1 && next <= region.prefix; next = nextLineStart(text, lines, line, offset)) {
    previousStart = offset;
    offset = next;
    line++;
  }
  let startLine = line;
  let startOffset = offset;
  if (line > chunk.startLine && text.charCodeAt(offset - 1) === CR) {
    startLine = line - 1;
    startOffset = previousStart;
  }
  let next = nextLineStart(text, lines, line, offset);
  while (line < chunk.endLine - 1 && next <= editEnd) {
    offset = next;
    line++;
    next = nextLineStart(text, lines, line, offset);
  }
  return { startLine, lastLine: line, startOffset, endOffset: next };
}
