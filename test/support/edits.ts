// Applying text edits the way an editor does, so tests compare the text a fix or a format produces.
import type { Position } from '../../server/src/model';

export interface TextEditLike {
  range: { start: Position; end: Position };
  newText: string;
}

/** Applies edits (non-overlapping) to a text, last first so earlier positions stay valid; any line break counts. */
export function applyEdits(text: string, edits: readonly TextEditLike[]): string {
  const offsets = lineOffsets(text);
  const at = (p: Position): number => offsets[p.line] + p.character;
  const sorted = [...edits].sort((a, b) => at(b.range.start) - at(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, at(edit.range.start)) + edit.newText + result.slice(at(edit.range.end));
  return result;
}

interface FixLike {
  edits: readonly TextEditLike[];
}

/** Applies a quick fix's edits; of a finding with several fixes, the one at `choice`. */
export function applyFix(text: string, fix: FixLike | readonly FixLike[], choice = 0): string {
  const chosen = isList(fix) ? fix[choice] : fix;
  if (chosen === undefined) throw new Error(`no fix number ${choice}`);
  return applyEdits(text, chosen.edits);
}

function isList(fix: FixLike | readonly FixLike[]): fix is readonly FixLike[] {
  return Array.isArray(fix);
}

function lineOffsets(text: string): number[] {
  const offsets = [0];
  const breaks = /\r\n|\r|\n/g;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) offsets.push(m.index + m[0].length);
  return offsets;
}
