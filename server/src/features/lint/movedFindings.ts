// Findings about text that only moved (lines added or removed above it) move with it: the same findings, each range
// (and each fix's edits) shifted by the same number of lines. Used for whole sessions (lintCache.ts) and for the
// segments of a long one (segmentedLint.ts).
import { shiftedRange } from '../../model/ranges';
import type { Range } from '../../model/types';
import { fixesOf, type Finding } from './rule';

/**
 * Findings about lines `[firstLine, lastLine]` can move with them unless one lies outside them, or a text in one may
 * name one of them (`MAIL FROM on line 12`), or one of `otherLines` (lines elsewhere that moved too).
 */
export function canMove(findings: readonly (readonly Finding[])[], firstLine: number, lastLine: number, otherLines: readonly number[] = []): boolean {
  const inside = (r: Range) => r.start.line >= firstLine && r.end.line <= lastLine + 1;
  const namesNoLine = (text: string) => {
    for (const value of numbersIn(text)) {
      // 0-based or 1-based.
      if (value >= firstLine && value <= lastLine + 1) return false;
      for (const line of otherLines) if (value === line || value === line + 1) return false;
    }
    return true;
  };
  for (const group of findings) {
    for (const finding of group) {
      if (!inside(finding.range) || !namesNoLine(finding.message)) return false;
      const fixes = fixesOf(finding.fix);
      if (!fixes.every((fix) => namesNoLine(fix.title) && fix.edits.every((e) => inside(e.range) && namesNoLine(e.newText)))) return false;
    }
  }
  return true;
}

/** The findings about text that moved `shift` lines, moved with it. */
export function movedFindings(findings: readonly Finding[][], shift: number): Finding[][] {
  const move = (r: Range): Range => shiftedRange(r, shift);
  return findings.map((group) =>
    group.length === 0
      ? group
      : group.map((finding) => {
          const moved: Finding = { ...finding, range: move(finding.range) };
          if (finding.fix) {
            const fixes = fixesOf(finding.fix).map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, range: move(e.range) })) }));
            moved.fix = fixes.length === 1 ? fixes[0] : fixes;
          }
          return moved;
        }),
  );
}

const DIGITS = /\d+/g;
// The numbers in a message, by message: a long session's findings are asked again on every edit that moves them, and
// keep their texts. Bounded: a document's findings say a few thousand different things.
const numbersByText = new Map<string, readonly number[]>();
const MAX_TEXTS = 50_000;

function numbersIn(text: string): readonly number[] {
  let numbers = numbersByText.get(text);
  if (!numbers) {
    numbers = (text.match(DIGITS) ?? []).map(Number);
    if (numbersByText.size >= MAX_TEXTS) numbersByText.clear();
    numbersByText.set(text, numbers);
  }
  return numbers;
}
