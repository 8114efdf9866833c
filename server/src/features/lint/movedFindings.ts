// Findings about text that only moved (lines added or removed above it) move with it: the same findings, each range
// (and each fix's edits) shifted by the same number of lines. Used for whole sessions (lintCache.ts) and for the
// segments of a long one (segmentedLint.ts).
import { shiftedRange } from '../../model/ranges';
import type { Range } from '../../model/types';
import { isFixList, type Finding, type Fix, type TextEdit } from './rule';

/**
 * Findings about lines `[firstLine, lastLine]` can move with them unless one lies outside them, or a text in one may
 * name one of them (`MAIL FROM on line 12`), or one of `otherLines` (lines elsewhere that moved too).
 */
export function canMove(findings: readonly (readonly Finding[])[], firstLine: number, lastLine: number, otherLines: readonly number[] = []): boolean {
  // Loops, not closures per finding: a long session's segments ask this for thousands of findings on every line break.
  for (const group of findings) {
    for (const finding of group) {
      if (!within(finding.range, firstLine, lastLine) || namesLine(finding.message, firstLine, lastLine, otherLines)) return false;
      const fix = finding.fix;
      if (fix === undefined) continue;
      if (!isFixList(fix)) {
        if (!fixCanMove(fix, firstLine, lastLine, otherLines)) return false;
      } else for (const one of fix) if (!fixCanMove(one, firstLine, lastLine, otherLines)) return false;
    }
  }
  return true;
}

function fixCanMove(fix: Fix, firstLine: number, lastLine: number, otherLines: readonly number[]): boolean {
  if (namesLine(fix.title, firstLine, lastLine, otherLines)) return false;
  for (const edit of fix.edits) if (!within(edit.range, firstLine, lastLine) || namesLine(edit.newText, firstLine, lastLine, otherLines)) return false;
  return true;
}

function within(range: Range, firstLine: number, lastLine: number): boolean {
  return range.start.line >= firstLine && range.end.line <= lastLine + 1;
}

/** A number in `text` may be one of the lines `[firstLine, lastLine + 1]` or of `otherLines` (0-based or 1-based). */
function namesLine(text: string, firstLine: number, lastLine: number, otherLines: readonly number[]): boolean {
  for (const value of numbersIn(text)) {
    if (value >= firstLine && value <= lastLine + 1) return true;
    for (const line of otherLines) if (value === line || value === line + 1) return true;
  }
  return false;
}

/** The findings about text that moved `shift` lines, moved with it. */
export function movedFindings(findings: readonly (readonly Finding[])[], shift: number): (readonly Finding[])[] {
  // Loops and one function per object, no closure or list made per finding: thousands move on every line break.
  const moved: (readonly Finding[])[] = new Array(findings.length);
  for (let g = 0; g < findings.length; g++) {
    const group = findings[g];
    if (group.length === 0) {
      moved[g] = group;
      continue;
    }
    const list: Finding[] = new Array(group.length);
    for (let i = 0; i < group.length; i++) list[i] = movedFinding(group[i], shift);
    moved[g] = list;
  }
  return moved;
}

// Literals naming the fields, not spreads: findings come in as many shapes as the rules make them, and a spread of
// so many shapes took V8's slow path, a property at a time. An optional field only when the finding has it.
function movedFinding(finding: Finding, shift: number): Finding {
  const { ruleId, message, severity, fix } = finding;
  const range = shiftedRange(finding.range, shift);
  if (fix === undefined) return severity === undefined ? { ruleId, range, message } : { ruleId, range, message, severity };
  const moved = isFixList(fix) ? fix.map((one) => movedFix(one, shift)) : movedFix(fix, shift);
  return severity === undefined ? { ruleId, range, message, fix: moved } : { ruleId, range, message, severity, fix: moved };
}

function movedFix(fix: Fix, shift: number): Fix {
  const edits: TextEdit[] = new Array(fix.edits.length);
  for (let i = 0; i < edits.length; i++) {
    const { range, newText, octetCount } = fix.edits[i];
    edits[i] = octetCount === undefined ? { range: shiftedRange(range, shift), newText } : { range: shiftedRange(range, shift), newText, octetCount };
  }
  return fix.safe ? { title: fix.title, edits, safe: true } : { title: fix.title, edits };
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
