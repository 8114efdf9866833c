// The lines that end with a CR not followed by LF (docs/transcript-format.md: such a line is kept, and lint reports
// it): found once for a text, and after an edit only among the edited lines, the others' moved along with them.

const CR = 0x0d;
const LF = 0x0a;

/** The lines (0-based) that end with a CR not followed by LF, as `splitLines` split `text` into `lines`. */
export function linesEndingInBareCr(text: string, lines: readonly string[]): ReadonlySet<number> | undefined {
  if (!text.includes('\r')) return undefined;
  const found = new Set<number>();
  addBareCrLines(found, text, lines, 0, lines.length - 1, 0);
  return found;
}

/**
 * `linesEndingInBareCr` after an edit that replaced lines `[startLine, oldEnd)` of the previous text with
 * `[startLine, newEnd)`, which start at `startOffset` of `text`: the other lines and their terminators are the previous
 * ones (`previous` holds theirs), so only the edited lines are read. A CRLF file's every keystroke read all its lines.
 */
export function editedBareCrLines(
  previous: ReadonlySet<number> | undefined,
  text: string,
  lines: readonly string[],
  edit: { startLine: number; oldEnd: number; newEnd: number },
  startOffset: number,
  editHasCr: boolean,
): ReadonlySet<number> | undefined {
  // No CR outside the edit, none in it.
  if (!previous && !editHasCr) return undefined;
  const found = new Set<number>();
  const shift = edit.newEnd - edit.oldEnd;
  if (previous) for (const line of previous) if (line < edit.startLine) found.add(line); else if (line >= edit.oldEnd) found.add(line + shift);
  addBareCrLines(found, text, lines, edit.startLine, Math.min(edit.newEnd, lines.length - 1), startOffset);
  // The edit may have removed the text's only CRs.
  return found.size > 0 || text.includes('\r') ? found : undefined;
}

/** Adds the lines of `[from, to)` that end in a bare CR, line `from` starting at `offset` (the last line has no terminator). */
function addBareCrLines(found: Set<number>, text: string, lines: readonly string[], from: number, to: number, offset: number): void {
  // Line by line, not character by character: each line's terminator is right after its text.
  for (let line = from; line < to; line++) {
    offset += lines[line].length;
    const crlf = text.charCodeAt(offset) === CR && text.charCodeAt(offset + 1) === LF;
    if (!crlf && text.charCodeAt(offset) === CR) found.add(line);
    offset += crlf ? 2 : 1;
  }
}
