// Lint after each edit of a chain, as the language server lints (the previous parse, one lint cache), compared with a
// lint of the same text from scratch: for the property tests of incremental lint.
import assert from 'node:assert/strict';
import { createLintCache } from '../../../server/src/features/lint/lintCache';
import { lintTranscript } from '../../../server/src/features/lint/lintTranscript';
import type { LintContext } from '../../../server/src/features/lint/rule';
import { parseTranscript, type Transcript } from '../../../server/src/model';
import { applyEdit, type Edit } from '../model/transcriptEdits';

/**
 * Applies each edit in turn (`step` picks it for the text it edits) and asserts every version lints as from scratch
 * (with `asked`, the versions it marks and the last; the others are only parsed).
 */
export function assertEditsLintAsFromScratch(original: string, steps: readonly ((text: string) => Edit)[], context: LintContext, asked?: readonly boolean[]): void {
  const cache = createLintCache();
  let text = original;
  let previous: Transcript = parseTranscript(text);
  assert.deepStrictEqual(lintTranscript(previous, { context, cache }), lintTranscript(parseTranscript(text), { context }));
  steps.forEach((step, i) => {
    text = applyEdit(text, step(text));
    const transcript = parseTranscript(text, previous);
    if (!asked || asked[i] || i === steps.length - 1) assert.deepStrictEqual(lintTranscript(transcript, { context, cache }), lintTranscript(parseTranscript(text), { context }));
    previous = transcript;
  });
}
