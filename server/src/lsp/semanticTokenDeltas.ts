// `textDocument/semanticTokens/full/delta` (LSP 3.16): after an edit the editor asks for the change since the tokens
// it holds, not for all of them again. On a 1 MB transcript the whole answer is ~700 KB of JSON to write and for the
// editor to read on every keystroke; an edit changes the numbers of a line or two, so the answer becomes a few edits.
import type { SemanticTokens, SemanticTokensDelta, SemanticTokensEdit } from 'vscode-languageserver';

/** The last tokens sent for each open document, under the result id the editor will name in its next request. */
export class SemanticTokenDeltas {
  private readonly sent = new Map<string, { resultId: string; data: readonly number[] }>();
  private nextId = 1;

  /** The whole answer, kept to diff the next request against. */
  full(uri: string, tokens: SemanticTokens): SemanticTokens {
    const resultId = String(this.nextId++);
    this.sent.set(uri, { resultId, data: tokens.data });
    return { resultId, data: tokens.data };
  }

  /** The edits from the tokens sent as `previousResultId`, or the whole answer when those are no longer held. */
  delta(uri: string, previousResultId: string, tokens: SemanticTokens): SemanticTokens | SemanticTokensDelta {
    const previous = this.sent.get(uri);
    if (!previous || previous.resultId !== previousResultId) return this.full(uri, tokens);
    const resultId = String(this.nextId++);
    this.sent.set(uri, { resultId, data: tokens.data });
    return { resultId, edits: tokenEdits(previous.data, tokens.data) };
  }

  forget(uri: string): void {
    this.sent.delete(uri);
  }
}

/**
 * One edit replacing what lies between the common start and the common end of the two arrays (none when they are
 * equal). The encoding is relative (each token counts from the one before), so a typed letter changes a few numbers.
 */
export function tokenEdits(before: readonly number[], after: readonly number[]): SemanticTokensEdit[] {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before[start] === after[start]) start++;
  if (start === before.length && start === after.length) return [];
  let end = 0;
  while (end < shorter - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return [{ start, deleteCount: before.length - start - end, data: after.slice(start, after.length - end) }];
}
