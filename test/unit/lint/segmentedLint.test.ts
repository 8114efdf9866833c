// Lint of a long session in segments between its checkpoints, kept across edits: after any chain of edits, the
// diagnostics a lint from scratch gives.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createLintCache } from '../../../server/src/features/lint/lintCache';
import { lintTranscript } from '../../../server/src/features/lint/lintTranscript';
import { parseTranscript, type Transcript } from '../../../server/src/model';
import { applyEdit, type Edit } from '../model/transcriptEdits';
import { ehloReplyEdit, longSession, segmentableLongSession, sessionEdit } from '../model/longSessionEdits';

const SEED = 20261203;
const context = { env: { PW: 'set' } };

const chainOf = (sessions: fc.Arbitrary<string>) =>
  sessions.chain((text) => fc.tuple(fc.constant(text), fc.array(fc.tuple(sessionEdit(text), fc.boolean()), { minLength: 1, maxLength: 8 })));

/** Lints the text, then after each edit (an EHLO reply changed when the flag says so), as the language server does. */
function sameAsFromScratch([original, edits]: [string, [Edit, boolean][]]): void {
  const cache = createLintCache();
  let text = original;
  let previous: Transcript = parseTranscript(text);
  assert.deepStrictEqual(lintTranscript(previous, { context, cache }), lintTranscript(parseTranscript(text), { context }));
  for (const [e, ehlo] of edits) {
    text = applyEdit(text, (ehlo && ehloReplyEdit(text)) || e);
    const transcript = parseTranscript(text, previous);
    assert.deepStrictEqual(lintTranscript(transcript, { context, cache }), lintTranscript(parseTranscript(text), { context }));
    previous = transcript;
  }
}

describe('lint of a long session in segments', () => {
  test('random edit chains in long sessions: the same diagnostics as a lint from scratch', () => {
    fc.assert(fc.property(chainOf(longSession), sameAsFromScratch), { seed: SEED, numRuns: 100 });
  });

  test('random edit chains in long sessions checked in segments (no directive or fault of their own): the same diagnostics', () => {
    fc.assert(fc.property(chainOf(segmentableLongSession), sameAsFromScratch), { seed: SEED, numRuns: 100 });
  });
});
