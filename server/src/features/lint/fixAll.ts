// Fix-all: the safe fixes (rule.ts, `Fix.safe`) of a document's findings applied together, what `lint --fix` writes
// and what the editor's `source.fixAll` action edits (on save, with `editor.codeActionsOnSave`). A fix that overlaps an
// edit already taken waits for the next pass, as in ESLint's fixer: the text is linted again, and what is still found
// then is fixed then. Edits that only meet (a blank removed before a verb, the verb's case) go together: each fix reads
// only its own range. The BDAT counts the fixes of one chunk each rewrite are added up into one edit (TakenCounts).
import { TextDocument } from 'vscode-languageserver-textdocument';
import { comparePositions } from '../../model/ranges';
import type { Position, Range } from '../../model/types';
import { isFixList, type Fix, type Fixes, type TextEdit } from './rule';

/** Passes `fixText` makes at most: a fix that keeps finding itself cannot loop. */
export const MAX_FIX_PASSES = 10;

export interface SafeFixes {
  /** The edits, in document order, none touching another. */
  edits: TextEdit[];
  /** How many findings they fix. */
  fixes: number;
}

/** The edits of the safe fixes among `findings` that do not touch one another (a fix's edits are taken all or none). */
export function safeFixEdits(findings: readonly { fix?: Fixes }[]): SafeFixes {
  const candidates: Candidate[] = [];
  for (const finding of findings) {
    // A list is a choice for the user (rule.ts `Fixes`): fix-all takes a fix only where there is one.
    const fix = finding.fix;
    if (fix !== undefined && !isFixList(fix) && fix.safe && fix.edits.length > 0) candidates.push(candidate(fix));
  }
  candidates.sort((a, b) => comparePositions(firstEdit(a.own).range.start, firstEdit(b.own).range.start));
  const edits: TextEdit[] = [];
  const counts = new TakenCounts();
  let fixes = 0;
  let lastEnd: Position | undefined;
  // Two insertions at one place would go in either order: the second waits.
  let insertionAtLastEnd = false;
  for (const { own, counts: ownCounts } of candidates) {
    // Fixes come by where they start: one starting where every edit taken so far has ended overlaps none of them.
    const first = firstEdit(own);
    const order = lastEnd ? comparePositions(first.range.start, lastEnd) : 1;
    if (order < 0 || (order === 0 && insertionAtLastEnd && isInsertion(first))) continue;
    if (!counts.fit(own, ownCounts)) continue;
    for (const edit of own) {
      edits.push(edit);
      const endOrder = lastEnd ? comparePositions(edit.range.end, lastEnd) : 1;
      if (endOrder > 0) insertionAtLastEnd = false;
      if (endOrder >= 0) {
        lastEnd = edit.range.end;
        insertionAtLastEnd ||= isInsertion(edit);
      }
    }
    counts.take(own, ownCounts);
    fixes++;
  }
  for (const edit of counts.edits()) edits.push(edit);
  edits.sort((a, b) => comparePositions(a.range.start, b.range.start));
  return { edits, fixes };
}

/** A fix's edits: its BDAT counts apart (rule.ts `octetCount`), which fixes of one chunk share. */
interface Candidate {
  own: TextEdit[];
  counts: TextEdit[];
}

function candidate(fix: Fix): Candidate {
  const counts = fix.edits.filter((edit) => edit.octetCount !== undefined);
  // A fix of nothing but a count (none is made so) is an edit like any other.
  return counts.length === 0 || counts.length === fix.edits.length ? { own: fix.edits, counts: [] } : { own: fix.edits.filter((edit) => edit.octetCount === undefined), counts };
}

/**
 * The BDAT counts the fixes taken rewrite: every fix in a chunk rewrites its count (chunkedContent.ts), so each would
 * overlap the others' and wait for a pass of its own (a chunk of 12 fixes outlasted MAX_FIX_PASSES). They are added up
 * into one edit per count instead; a count must still touch no other edit taken, nor a fix's edit a count taken.
 */
class TakenCounts {
  private readonly byPlace = new Map<string, { edit: TextEdit; declared: number; added: number }>();
  /** The other edits taken, by the lines they span: a count is one line. */
  private readonly ownByLine = new Map<number, Range[]>();

  /** Whether a fix's own edits and counts go with what is taken. */
  fit(own: readonly TextEdit[], counts: readonly TextEdit[]): boolean {
    for (const count of counts) {
      const taken = this.byPlace.get(placeOf(count.range));
      if (taken) {
        if (comparePositions(taken.edit.range.end, count.range.end) !== 0 || taken.declared !== count.octetCount!.declared) return false;
      } else if ((this.ownByLine.get(count.range.start.line) ?? []).some((range) => overlaps(range, count.range))) return false;
    }
    for (const edit of own) {
      for (let line = edit.range.start.line; line <= edit.range.end.line; line++) {
        for (const taken of this.byPlace.values()) if (taken.edit.range.start.line === line && overlaps(taken.edit.range, edit.range)) return false;
      }
    }
    return true;
  }

  take(own: readonly TextEdit[], counts: readonly TextEdit[]): void {
    for (const edit of own) {
      for (let line = edit.range.start.line; line <= edit.range.end.line; line++) {
        const ranges = this.ownByLine.get(line);
        if (ranges) ranges.push(edit.range);
        else this.ownByLine.set(line, [edit.range]);
      }
    }
    for (const count of counts) {
      const place = placeOf(count.range);
      const taken = this.byPlace.get(place);
      if (taken) taken.added += count.octetCount!.added;
      else this.byPlace.set(place, { edit: count, declared: count.octetCount!.declared, added: count.octetCount!.added });
    }
  }

  /** One edit per count: the count read plus what every fix taken in its chunk adds. */
  edits(): TextEdit[] {
    return [...this.byPlace.values()].map(({ edit, declared, added }) => ({ range: edit.range, newText: String(declared + added) }));
  }
}

function placeOf(range: Range): string {
  return `${range.start.line}:${range.start.character}`;
}

/** Edits that only meet go together, as in the sweep; two starting at one place would go in either order. */
function overlaps(a: Range, b: Range): boolean {
  if (comparePositions(a.start, b.start) === 0) return true;
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}

export interface FixedText<F> {
  text: string;
  /** Findings fixed over all passes. */
  fixes: number;
  /** What `lint` finds in the fixed text. */
  remaining: F[];
}

/** `text` with its safe fixes applied, linting it again after each pass until none is left (`MAX_FIX_PASSES` at most). */
export function fixText<F extends { fix?: Fixes }>(text: string, lint: (text: string) => F[]): FixedText<F> {
  const eol = lineEndOf(text);
  let fixes = 0;
  let remaining = lint(text);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const safe = safeFixEdits(remaining);
    if (safe.fixes === 0) break;
    // Fixes are written with `\n`; the file keeps its own line ends.
    const edits = eol === '\n' ? safe.edits : safe.edits.map((e) => ({ range: e.range, newText: e.newText.replace(/\n/g, eol) }));
    text = TextDocument.applyEdits(TextDocument.create('file:///fix', 'smtp', 0, text), edits);
    fixes += safe.fixes;
    remaining = lint(text);
  }
  return { text, fixes, remaining };
}

/** The line end `text` is written with (its first one; `\n` for a single line): fixes, written with `\n`, take it. */
export function lineEndOf(text: string): string {
  return text.match(/\r\n?|\n/)?.[0] ?? '\n';
}

function firstEdit(edits: readonly TextEdit[]): TextEdit {
  let first = edits[0];
  for (const edit of edits) if (comparePositions(edit.range.start, first.range.start) < 0) first = edit;
  return first;
}

function isInsertion(edit: TextEdit): boolean {
  return comparePositions(edit.range.start, edit.range.end) === 0;
}
