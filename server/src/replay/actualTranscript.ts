// The transcript as the server actually answered: failed expectations are replaced with the real reply lines and
// replies the file does not show are inserted. Everything else (comments, variables, passing wildcards, and in a
// failed reply each line that still matches its expectation) stays as written. The basis for `--update`. What the
// server said is written with its volatile parts (queue ids, dates, session ids) as `*`, unless `keepVolatileText`:
// a literal queue id would fail the next replay.
import { splitLines } from '../model/ranges';
import { invisibleAsWildcards, replyLineWithWildcards } from '../model/volatileText';
import type { ExchangeResult, ReplayResult } from './replayTypes';

export interface ActualTranscriptOptions {
  /** Write the server's text literally (`smtp.replay.keepVolatileText`, `--keep-volatile`). */
  keepVolatileText?: boolean;
}

/**
 * The `S:` lines that replace a failed exchange's expected reply (none for an `S: <closed>` that did not happen), as
 * the whole-file update writes them; the editor's "Accept the actual reply" writes the same for one exchange.
 */
export function actualReplyLines(exchange: ExchangeResult, options: ActualTranscriptOptions = {}): string[] {
  if (exchange.kind === 'close') return [];
  const fromServer = serverLine(options);
  return exchange.replacementLines?.map((line) => (line.fromServer ? fromServer(line.text) : `S: ${line.text}`)) ?? exchange.actual.map(fromServer);
}

function serverLine(options: ActualTranscriptOptions): (line: string) => string {
  // No control character goes into the file, volatile text kept or not (volatileText.ts).
  return (line) => `S: ${invisibleAsWildcards(replyLineWithWildcards(line, options.keepVolatileText))}`;
}

export function actualTranscript(text: string, result: ReplayResult, options: ActualTranscriptOptions = {}): string {
  const fromServer = serverLine(options);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = splitLines(text);
  const replaced = new Map<number, string[]>();
  const inserted = new Map<number, string[]>();
  for (const session of result.sessions) {
    for (const exchange of session.exchanges) {
      const actual = exchange.actual.map(fromServer);
      if (exchange.expectedLines.length === 0) {
        if (actual.length > 0) inserted.set(exchange.insertAfterLine, [...(inserted.get(exchange.insertAfterLine) ?? []), ...actual]);
        continue;
      }
      if (exchange.status !== 'fail') continue;
      // A server that did not close leaves no `S: <closed>`; any other failure shows what was really said.
      const replacement = actualReplyLines(exchange, options);
      exchange.expectedLines.forEach((line, i) => replaced.set(line, i === 0 ? replacement : []));
    }
  }
  const out: string[] = [...(inserted.get(-1) ?? [])];
  lines.forEach((line, index) => {
    // Loops, not spreads: a reply can have more lines than a call takes arguments.
    for (const replacing of replaced.get(index) ?? [line]) out.push(replacing);
    for (const added of inserted.get(index) ?? []) out.push(added);
  });
  return out.join(eol);
}
