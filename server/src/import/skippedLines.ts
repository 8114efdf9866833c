// Lines a reader could not place, reported as one problem per run of consecutive lines rather than one per line.
import type { ImportProblem } from './importTypes';

export class SkippedLines {
  private readonly runs: Array<{ first: number; last: number }> = [];

  /** `line` is 0-based. */
  add(line: number): void {
    const last = this.runs[this.runs.length - 1];
    if (last && last.last === line - 1) last.last = line;
    else this.runs.push({ first: line, last: line });
  }

  /** One warning per run, naming 1-based input lines. */
  problems(what: string): ImportProblem[] {
    return this.runs.map(({ first, last }) => ({
      line: first + 1,
      severity: 'warning',
      message:
        first === last
          ? `not ${what}; skipped`
          : `${last - first + 1} lines (${first + 1}-${last + 1}) are not ${what}; skipped`,
    }));
  }
}

/** The input's lines, without line terminators (LF, CRLF, or the CR swaks keeps at the end of DATA lines). */
export function inputLines(text: string): string[] {
  const lines = text.replace(/^\ufeff/, '').split('\n').map((line) => line.replace(/\r+$/, ''));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
