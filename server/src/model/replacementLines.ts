// The lines holding U+FFFD (the replacement character a decoder puts for bytes that were no UTF-8): lint reports them
// on every edit, so an incremental parse carries the previous version's list over instead of reading every line again.
import type { EditedLines } from './sessionReparse';
import type { Transcript } from './types';

const REPLACEMENT = '\ufffd';
const found = new WeakMap<Transcript, readonly number[]>();

/** 0-based, in order. */
export function linesWithReplacementCharacter(transcript: Transcript): readonly number[] {
  let lines = found.get(transcript);
  if (!lines) {
    lines = scan(transcript.lines, 0, transcript.lines.length);
    found.set(transcript, lines);
  }
  return lines;
}

/** `next` is `previous` with the lines `edit` names replaced: the list above and below the edit is the previous one. */
export function carryReplacementLines(previous: Transcript, next: Transcript, edit: EditedLines): void {
  const old = found.get(previous);
  if (!old || next === previous) return;
  const shift = edit.newEnd - edit.oldEnd;
  const lines: number[] = [];
  for (const line of old) if (line < edit.startLine) lines.push(line);
  for (const line of scan(next.lines, edit.startLine, edit.newEnd)) lines.push(line);
  for (const line of old) if (line >= edit.oldEnd) lines.push(line + shift);
  found.set(next, lines);
}

function scan(lines: readonly string[], start: number, end: number): number[] {
  const found: number[] = [];
  for (let line = start; line < end; line++) if (lines[line].includes(REPLACEMENT)) found.push(line);
  return found;
}
