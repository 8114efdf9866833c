// The lines holding U+FFFD, carried across incremental parses: the same as reading every line of the new text.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTranscript, type Transcript } from '../../../server/src/model';
import { linesWithReplacementCharacter } from '../../../server/src/model/replacementLines';
import { applyEdit, edit, multiSessionTranscript } from './transcriptEdits';
import { longSession, sessionEdit } from './longSessionEdits';

const SEED = 20261203;
const withReplacement = (e: { at: number; remove: number; insert: string }, replace: boolean) => (replace ? { ...e, insert: `${e.insert}\ufffd` } : e);

type Edit = Parameters<typeof applyEdit>[1];

/** After each edit (some inserting U+FFFD), the lines carried across parses are the lines a scan of the new text finds. */
function editedAsScanned(original: string, edits: readonly [Edit, boolean][]): void {
  let text = original;
  let previous: Transcript = parseTranscript(text);
  linesWithReplacementCharacter(previous);
  for (const [e, replace] of edits) {
    text = applyEdit(text, withReplacement(e, replace));
    const transcript = parseTranscript(text, previous);
    assert.deepStrictEqual(linesWithReplacementCharacter(transcript), linesWithReplacementCharacter(parseTranscript(text)));
    previous = transcript;
  }
}

describe('lines with U+FFFD across edits', () => {
  test('random edits to multi-session transcripts: the lines a scan of the new text finds', () => {
    fc.assert(
      fc.property(multiSessionTranscript, fc.array(fc.tuple(edit, fc.boolean()), { minLength: 1, maxLength: 6 }), editedAsScanned),
      { seed: SEED, numRuns: 200 },
    );
  });

  test('random edits inside a long session: the lines a scan of the new text finds', () => {
    const chain = longSession.chain((text) => fc.tuple(fc.constant(text), fc.array(fc.tuple(sessionEdit(text), fc.boolean()), { minLength: 1, maxLength: 6 })));
    fc.assert(
      fc.property(chain, ([original, edits]) => editedAsScanned(original, edits)),
      { seed: SEED, numRuns: 60 },
    );
  });
});
