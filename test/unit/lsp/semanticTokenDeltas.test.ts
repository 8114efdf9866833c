import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SemanticTokenDeltas, tokenEdits } from '../../../server/src/lsp/semanticTokenDeltas';

describe('semantic token edits', () => {
  test('one edit between the common start and the common end', () => {
    assert.deepEqual(tokenEdits([0, 0, 2, 1, 0, 1, 3, 4, 2, 0], [0, 0, 2, 1, 0, 1, 3, 5, 2, 0]), [{ start: 7, deleteCount: 1, data: [5] }]);
    assert.deepEqual(tokenEdits([1, 2, 3], [1, 2, 3, 4, 5]), [{ start: 3, deleteCount: 0, data: [4, 5] }]);
    assert.deepEqual(tokenEdits([1, 2, 3, 4, 5], [1, 5]), [{ start: 1, deleteCount: 3, data: [] }]);
    assert.deepEqual(tokenEdits([7, 7, 7], [7, 7, 7, 7]), [{ start: 3, deleteCount: 0, data: [7] }]);
    assert.deepEqual(tokenEdits([], [1]), [{ start: 0, deleteCount: 0, data: [1] }]);
    assert.deepEqual(tokenEdits([1, 2], [1, 2]), []);
  });

  test('a delta against the last result sent; the whole answer for any other id, and after the document is forgotten', () => {
    const deltas = new SemanticTokenDeltas();
    const first = deltas.full('a', { data: [0, 0, 1, 0, 0] });
    assert.deepEqual(first, { resultId: '1', data: [0, 0, 1, 0, 0] });
    assert.deepEqual(deltas.delta('a', '1', { data: [0, 0, 2, 0, 0] }), { resultId: '2', edits: [{ start: 2, deleteCount: 1, data: [2] }] });
    assert.deepEqual(deltas.delta('a', '1', { data: [0, 0, 3, 0, 0] }), { resultId: '3', data: [0, 0, 3, 0, 0] });
    deltas.forget('a');
    assert.deepEqual(deltas.delta('a', '3', { data: [1, 0, 3, 0, 0] }), { resultId: '4', data: [1, 0, 3, 0, 0] });
  });
});
