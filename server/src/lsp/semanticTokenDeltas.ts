// `textDocument/semanticTokens/full/delta` (LSP 3.16): after an edit the editor asks for the change since the tokens
// it holds, not for all of them again. On a 1 MB transcript the whole answer is ~700 KB of JSON to write and for the
// editor to read on every keystroke; an edit changes one session's run of tokens, so the answer is that run.
import type { SemanticTokens, SemanticTokensDelta, SemanticTokensEdit } from 'vscode-languageserver';
import { joinTokenParts, type TokenPart } from '../features/languageService';

/** The last tokens sent for each open document, under the result id the editor will name in its next request. */
export class SemanticTokenDeltas {
  private readonly sent = new Map<string, { resultId: string; parts: readonly TokenPart[] }>();
  private nextId = 1;

  /** The whole answer, kept to diff the next request against. */
  full(uri: string, parts: readonly TokenPart[]): SemanticTokens {
    return { resultId: this.keep(uri, parts), data: joinTokenParts(parts) };
  }

  /** The edits from the tokens sent as `previousResultId`, or the whole answer when those are no longer held. */
  delta(uri: string, previousResultId: string, parts: readonly TokenPart[]): SemanticTokens | SemanticTokensDelta {
    const previous = this.sent.get(uri);
    if (!previous || previous.resultId !== previousResultId) return this.full(uri, parts);
    return { resultId: this.keep(uri, parts), edits: tokenEdits(previous.parts, parts) };
  }

  forget(uri: string): void {
    this.sent.delete(uri);
  }

  private keep(uri: string, parts: readonly TokenPart[]): string {
    const resultId = String(this.nextId++);
    this.sent.set(uri, { resultId, parts });
    return resultId;
  }
}

/**
 * One edit replacing the runs between the common first runs and the common last runs (none when all are the same).
 * Runs of sessions an edit left alone are the same arrays; a moved session's is compared number by number.
 */
export function tokenEdits(before: readonly TokenPart[], after: readonly TokenPart[]): SemanticTokensEdit[] {
  const shorter = Math.min(before.length, after.length);
  let first = 0;
  let start = 0;
  while (first < shorter && samePart(before[first], after[first])) start += before[first++].data.length;
  if (first === before.length && first === after.length) return [];
  let last = 0;
  let kept = 0;
  while (last < shorter - first && samePart(before[before.length - 1 - last], after[after.length - 1 - last])) kept += before[before.length - 1 - last++].data.length;
  let total = 0;
  for (const part of before) total += part.data.length;
  return [{ start, deleteCount: total - start - kept, data: joinTokenParts(after.slice(first, after.length - last)) }];
}

/** The same numbers in the document: the first one is `firstDelta` there, whatever the run's own first number. */
function samePart(a: TokenPart, b: TokenPart): boolean {
  if (a.firstDelta !== b.firstDelta || a.data.length !== b.data.length) return false;
  if (a.data === b.data) return true;
  for (let i = 1; i < a.data.length; i++) if (a.data[i] !== b.data[i]) return false;
  return true;
}
