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
 * The edits from `before` to `after`: one per stretch of runs that changed, between runs both hold. Runs of sessions
 * an edit left alone are the same arrays and anchor the edits; a run at the same place with the same numbers (a moved
 * session's) does too. Several edits between two requests (the editor asks after a pause, not after each keystroke)
 * change several places: each is sent, not all the runs between the first and the last.
 */
export function tokenEdits(before: readonly TokenPart[], after: readonly TokenPart[]): SemanticTokensEdit[] {
  const shorter = Math.min(before.length, after.length);
  let first = 0;
  while (first < shorter && samePart(before[first], after[first])) first++;
  if (first === before.length && first === after.length) return [];
  let last = 0;
  while (last < shorter - first && samePart(before[before.length - 1 - last], after[after.length - 1 - last])) last++;
  const endBefore = before.length - last;
  const endAfter = after.length - last;
  // Where each run of `before` starts in the document's numbers.
  const offsets: number[] = new Array(endBefore + 1);
  offsets[0] = 0;
  for (let i = 0; i < endBefore; i++) offsets[i + 1] = offsets[i] + before[i].data.length;
  const indexOf = new Map<readonly number[], number>();
  for (let i = first; i < endBefore; i++) indexOf.set(before[i].data, i);

  const edits: SemanticTokensEdit[] = [];
  // Runs before[i..] and after[j..] are still to be matched; after[changedFrom..j) replace before[i..anchor).
  let i = first;
  let changedFrom = first;
  const replace = (upTo: number, afterUpTo: number) => {
    if (upTo - i === 1 && afterUpTo - changedFrom === 1) edits.push(changedTokens(offsets[i], before[i], after[changedFrom]));
    else if (upTo > i || afterUpTo > changedFrom) {
      edits.push({ start: offsets[i], deleteCount: offsets[upTo] - offsets[i], data: joinTokenParts(after.slice(changedFrom, afterUpTo)) });
    }
  };
  for (let j = first; j < endAfter; j++) {
    const part = after[j];
    let anchor = indexOf.get(part.data);
    if (anchor !== undefined && (anchor < i || before[anchor].firstDelta !== part.firstDelta)) anchor = undefined;
    if (anchor === undefined && i < endBefore && j === changedFrom && samePart(before[i], part)) anchor = i;
    if (anchor === undefined) continue;
    replace(anchor, j);
    i = anchor + 1;
    changedFrom = j + 1;
  }
  replace(endBefore, endAfter);
  return edits;
}

/**
 * One run replaced by another at document offset `start`: only the tokens between the first and the last they differ
 * in (a keystroke in a long session's run changes a token or two of its hundreds of thousands of numbers).
 */
function changedTokens(start: number, before: TokenPart, after: TokenPart): SemanticTokensEdit {
  const shorter = Math.min(before.data.length, after.data.length);
  let prefix = 0;
  while (prefix < shorter && numberAt(before, prefix) === numberAt(after, prefix)) prefix++;
  // Whole tokens (five numbers each) in and out.
  prefix -= prefix % 5;
  let suffix = 0;
  while (suffix < shorter - prefix && numberAt(before, before.data.length - 1 - suffix) === numberAt(after, after.data.length - 1 - suffix)) suffix++;
  suffix -= suffix % 5;
  const data: number[] = [];
  for (let n = prefix; n < after.data.length - suffix; n++) data.push(numberAt(after, n));
  return { start: start + prefix, deleteCount: before.data.length - prefix - suffix, data };
}

/** The run's `n`th number in the document (its first is `firstDelta` there). */
function numberAt(part: TokenPart, n: number): number {
  return n === 0 ? part.firstDelta : part.data[n];
}

/** The same numbers in the document: the first one is `firstDelta` there, whatever the run's own first number. */
function samePart(a: TokenPart, b: TokenPart): boolean {
  if (a.firstDelta !== b.firstDelta || a.data.length !== b.data.length) return false;
  if (a.data === b.data) return true;
  for (let i = 1; i < a.data.length; i++) if (a.data[i] !== b.data[i]) return false;
  return true;
}
