// `|` marks the cursor in inline transcripts.
import { parseTranscript } from '../../server/src/model';
import type { Position, Transcript } from '../../server/src/model';

export interface CursorText {
  text: string;
  offset: number;
  position: Position;
  transcript: Transcript;
}

/** Removes the one `|` in `marked` and returns the text, the cursor's offset and position, and the parse. */
export function withCursor(marked: string): CursorText {
  const offset = marked.indexOf('|');
  if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) throw new Error('mark exactly one cursor with |');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { text, offset, position: positionAt(text, offset), transcript: parseTranscript(text) };
}

export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length - 1, character: before[before.length - 1].length };
}
