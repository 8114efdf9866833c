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

  test('a run changed in place: the edit holds only the tokens between the first and the last that differ', () => {
    const long = (middle: number[]) => part(4, 0, 3, 0, 0, ...[1, 0, 3, 0, 0], ...middle, ...[1, 0, 3, 0, 0], ...[2, 1, 2, 0, 0]);
    const before = long([1, 0, 5, 0, 0]);
    assert.deepEqual(tokenEdits([a, before, c], [a, long([1, 0, 6, 0, 0]), c]), [{ start: 15, deleteCount: 5, data: [1, 0, 6, 0, 0] }]);
    // A line added before the middle token: it and the tokens after it count from there; only its delta changed.
    assert.deepEqual(tokenEdits([a, before, c], [a, long([2, 0, 5, 0, 0]), c]), [{ start: 15, deleteCount: 5, data: [2, 0, 5, 0, 0] }]);
    // A token more, and the run's first number (its delta from the run before) changed.
    const grown = part(5, 0, 3, 0, 0, ...[1, 0, 3, 0, 0], ...[1, 0, 5, 0, 0], ...[0, 7, 1, 0, 0], ...[1, 0, 3, 0, 0], ...[2, 1, 2, 0, 0]);
    assert.deepEqual(tokenEdits([a, before, c], [a, grown, c]), [{ start: 5, deleteCount: 15, data: [5, 0, 3, 0, 0, 1, 0, 3, 0, 0, 1, 0, 5, 0, 0, 0, 7, 1, 0, 0] }]);
    assert.deepEqual(applied(joinTokenParts([a, before, c]), tokenEdits([a, before, c], [a, grown, c])), joinTokenParts([a, grown, c]));
  });

  test('one edit per stretch of runs that changed, anchored on the runs both hold', () => {
    const d = part(1, 1, 1, 1, 0);
    const e = part(3, 2, 2, 2, 0);
    const b2 = part(2, 3, 9, 1, 0);
    const d2 = part(1, 1, 8, 1, 0);
    assert.deepEqual(tokenEdits([a, b, c, d, e], [a, b2, c, d2, e]), [
      { start: 5, deleteCount: 5, data: [2, 3, 9, 1, 0] },
      { start: 15, deleteCount: 5, data: [1, 1, 8, 1, 0] },
    ]);
    // A run gone and one added elsewhere.
    assert.deepEqual(tokenEdits([a, b, c, d, e], [a, c, d, d2, e]), [
      { start: 5, deleteCount: 5, data: [] },
      { start: 20, deleteCount: 0, data: [1, 1, 8, 1, 0] },
    ]);
    const edits = tokenEdits([a, b, c, d, e], [a, b2, c, d2, e]);
    assert.deepEqual(applied(joinTokenParts([a, b, c, d, e]), edits), joinTokenParts([a, b2, c, d2, e]));
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

  test('after several random edits since the tokens held (the editor asks after a pause), the edits give the new tokens', () => {
    const lines = ['S: 220 mx ESMTP', 'C: EHLO c.test', 'S: 250 ok', 'C: MAIL FROM:<a@b>', 'S: 250 ok', '### two', 'C: RCPT TO:<{{v}}>', '', '@v = 1'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lines), { minLength: 1, maxLength: 30 }), fc.array(fc.tuple(fc.nat(60), fc.constantFrom(...lines), fc.nat(2)), { maxLength: 8 }), (start, edits) => {
        let text = start.join('\n');
        let transcript = parseTranscript(text);
        const held = semanticTokenParts(transcript);
        for (const [at, line, how] of edits) {
          const all = text.split('\n');
          const where = at % all.length;
          if (how === 0 && all.length > 1) all.splice(where, 1);
          else if (how === 1) all.splice(where, 0, line);
          else all[where] += 'x';
          text = all.join('\n');
          transcript = parseTranscript(text, transcript);
        }
        const now = semanticTokenParts(transcript);
        const edited = tokenEdits(held, now);
        for (let k = 1; k < edited.length; k++) assert.ok(edited[k].start >= edited[k - 1].start + edited[k - 1].deleteCount, 'edits in order, apart');
        assert.deepEqual(applied(joinTokenParts(held), edited), joinTokenParts(now));
      }),
      { numRuns: 500 },
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
