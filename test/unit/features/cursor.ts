// Test helpers: `|` marks the cursor in inline transcripts; semantic tokens decode to readable tuples.
import { parseTranscript } from '../../../server/src/model';
import type { Position, Transcript } from '../../../server/src/model';
import { TOKEN_MODIFIERS, TOKEN_TYPES } from '../../../server/src/features/semanticTokenLegend';

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

/** `[line, text, type, ...modifiers]` for every token. */
export function decodeTokens(text: string, data: number[]): (string | number)[][] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: (string | number)[][] = [];
  let line = 0;
  let start = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, bits] = data.slice(i, i + 5);
    line += deltaLine;
    start = deltaLine === 0 ? start + deltaStart : deltaStart;
    const modifiers = TOKEN_MODIFIERS.filter((_, bit) => bits & (1 << bit));
    out.push([line, lines[line].slice(start, start + length), TOKEN_TYPES[type], ...modifiers]);
  }
  return out;
}

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: { range: { start: Position; end: Position }; newText: string }[]): string {
  const offsets = lineOffsets(text);
  const at = (p: Position): number => offsets[p.line] + p.character;
  const sorted = [...edits].sort((a, b) => at(b.range.start) - at(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, at(edit.range.start)) + edit.newText + result.slice(at(edit.range.end));
  return result;
}

function lineOffsets(text: string): number[] {
  const offsets = [0];
  const breaks = /\r\n|\r|\n/g;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) offsets.push(m.index + m[0].length);
  return offsets;
}
