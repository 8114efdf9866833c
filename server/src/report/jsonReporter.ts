// The whole replay result as JSON for tools. The engine counts lines from 0 (as LSP does); next to each `line`,
// `lineNumber` is the same line counted from 1, as `lint --format json`, editors and `FILE:LINE` output count.
import type { ReplayResult } from '../replay/replayTypes';

export function formatJson(files: Array<{ file: string; result: ReplayResult }>): string {
  const numbered = files.map(({ file, result }) => ({
    file,
    result: {
      ...result,
      // A transcript refused as a whole (parse errors) says at which line, as sessions and exchanges do.
      ...(result.error?.line !== undefined ? { error: withLineNumber({ ...result.error, line: result.error.line }) } : {}),
      sessions: result.sessions.map((session) => ({
        ...withLineNumber(session),
        exchanges: session.exchanges.map(withLineNumber),
      })),
    },
  }));
  return JSON.stringify(numbered, null, 2) + '\n';
}

/** `lineNumber` placed right after `line`, so a reader finds both together. */
function withLineNumber<T extends { line: number }>(value: T): T & { lineNumber: number } {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = v;
    if (key === 'line') out.lineNumber = value.line + 1;
  }
  return out as T & { lineNumber: number };
}
