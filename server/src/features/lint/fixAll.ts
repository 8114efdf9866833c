// Fix-all: the safe fixes (rule.ts, `Fix.safe`) of a document's findings applied together, what `lint --fix` writes
// and what the editor's `source.fixAll` action edits (on save, with `editor.codeActionsOnSave`). A fix that overlaps an
// edit already taken waits for the next pass, as in ESLint's fixer: the text is linted again, and what is still found
// then is fixed then. Edits that only meet (a blank removed before a verb, the verb's case) go together: each fix reads
// only its own range.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { comparePositions } from '../../model/ranges';
import type { Position } from '../../model/types';
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
  const candidates: Fix[] = [];
  for (const finding of findings) {
    // A list is a choice for the user (rule.ts `Fixes`): fix-all takes a fix only where there is one.
    const fix = finding.fix;
    if (fix !== undefined && !isFixList(fix) && fix.safe && fix.edits.length > 0) candidates.push(fix);
  }
  candidates.sort((a, b) => comparePositions(firstEdit(a).range.start, firstEdit(b).range.start));
  const edits: TextEdit[] = [];
  let fixes = 0;
  let lastEnd: Position | undefined;
  // Two insertions at one place would go in either order: the second waits.
  let insertionAtLastEnd = false;
  for (const fix of candidates) {
    // Fixes come by where they start: one starting where every edit taken so far has ended overlaps none of them.
    const first = firstEdit(fix);
    const order = lastEnd ? comparePositions(first.range.start, lastEnd) : 1;
    if (order < 0 || (order === 0 && insertionAtLastEnd && isInsertion(first))) continue;
    for (const edit of fix.edits) {
      edits.push(edit);
      const endOrder = lastEnd ? comparePositions(edit.range.end, lastEnd) : 1;
      if (endOrder > 0) insertionAtLastEnd = false;
      if (endOrder >= 0) {
        lastEnd = edit.range.end;
        insertionAtLastEnd ||= isInsertion(edit);
      }
    }
    fixes++;
  }
  edits.sort((a, b) => comparePositions(a.range.start, b.range.start));
  return { edits, fixes };
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

function firstEdit(fix: Fix): TextEdit {
  let first = fix.edits[0];
  for (const edit of fix.edits) if (comparePositions(edit.range.start, first.range.start) < 0) first = edit;
  return first;
}

function isInsertion(edit: TextEdit): boolean {
  return comparePositions(edit.range.start, edit.range.end) === 0;
}
