import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { joinTokenParts, semanticTokenParts, type TokenPart } from '../../../server/src/features/semanticTokens';
import { parseTranscript } from '../../../server/src/model';
import { SemanticTokenDeltas, tokenEdits } from '../../../server/src/lsp/semanticTokenDeltas';
import type { SemanticTokensEdit } from 'vscode-languageserver';

const part = (firstDelta: number, ...rest: number[]): TokenPart => ({ data: [0, ...rest], firstDelta });

/** The editor's side: the edits applied to the tokens it holds. */
function applied(data: readonly number[], edits: readonly SemanticTokensEdit[]): number[] {
  const result = [...data];
  for (const edit of [...edits].reverse()) result.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
  return result;
}

describe('semantic token edits', () => {
  const a = part(0, 3, 4, 0, 0);
  const b = part(2, 3, 4, 1, 0);
  const c = part(1, 0, 2, 2, 0);
  test('one edit replacing the runs between the common first and last runs', () => {
    assert.deepEqual(tokenEdits([a, b, c], [a, part(2, 3, 5, 1, 0), c]), [{ start: 5, deleteCount: 5, data: [2, 3, 5, 1, 0] }]);
    assert.deepEqual(tokenEdits([a, c], [a, b, c]), [{ start: 5, deleteCount: 0, data: [2, 3, 4, 1, 0] }]);
    assert.deepEqual(tokenEdits([a, b, c], [a, c]), [{ start: 5, deleteCount: 5, data: [] }]);
    assert.deepEqual(tokenEdits([a, b], [a, b]), []);
    // A moved session: another array with the same numbers after the first, and the same delta from the run before.
    assert.deepEqual(tokenEdits([a, b], [a, part(2, 3, 4, 1, 0)]), []);
    // Its first number is the delta from the run before: that changes when lines are typed between them.
    assert.deepEqual(tokenEdits([a, b], [a, part(3, 3, 4, 1, 0)]), [{ start: 5, deleteCount: 5, data: [3, 3, 4, 1, 0] }]);
  });

  test('after random edits of a transcript, the edits applied to the tokens held give the new tokens', () => {
    const lines = ['# note', 'S: 220 mx ESMTP', 'C: EHLO c.test', 'S: 250-mx', 'S: 250 SIZE 100', 'C: MAIL FROM:<a@b> SIZE=10', 'S: 250 ok', '### two', 'C: QUIT', '', '@v = 1'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(40), fc.constantFrom(...lines)), { minLength: 1, maxLength: 12 }), fc.array(fc.tuple(fc.nat(40), fc.constantFrom(...lines), fc.boolean()), { maxLength: 6 }), (start, edits) => {
        let text = start.map(([, line]) => line).join('\n');
        let transcript = parseTranscript(text);
        let held = semanticTokenParts(transcript);
        for (const [at, line, remove] of edits) {
          const all = text.split('\n');
          if (remove && all.length > 1) all.splice(at % all.length, 1);
          else all.splice(at % (all.length + 1), 0, line);
          text = all.join('\n');
          transcript = parseTranscript(text, transcript);
          const now = semanticTokenParts(transcript);
          assert.deepEqual(applied(joinTokenParts(held), tokenEdits(held, now)), joinTokenParts(now));
          assert.deepEqual(joinTokenParts(now), joinTokenParts(semanticTokenParts(parseTranscript(text))));
          held = now;
        }
      }),
      { numRuns: 300 },
    );
  });

  test('a delta against the last result sent; the whole answer for any other id, and after the document is forgotten', () => {
    const deltas = new SemanticTokenDeltas();
    assert.deepEqual(deltas.full('a', [a]), { resultId: '1', data: [0, 3, 4, 0, 0] });
    assert.deepEqual(deltas.delta('a', '1', [a, b]), { resultId: '2', edits: [{ start: 5, deleteCount: 0, data: [2, 3, 4, 1, 0] }] });
    assert.deepEqual(deltas.delta('a', '1', [b]), { resultId: '3', data: [2, 3, 4, 1, 0] });
    deltas.forget('a');
    assert.deepEqual(deltas.delta('a', '3', [c]), { resultId: '4', data: [1, 0, 2, 2, 0] });
  });
});
