import { test } from 'node:test';
import assert from 'node:assert/strict';
import { excludePattern, withoutGroups } from '../../../client/src/testing/excludePattern';

test('smtp.testing.exclude as one findFiles pattern: node_modules first, then each pattern written', () => {
  assert.equal(excludePattern(undefined), '{**/node_modules/**}');
  assert.equal(excludePattern(['**/mocks/**', '', '  ', 3, 'scratch/*.smtp']), '{**/node_modules/**,**/mocks/**,scratch/*.smtp}');
});

test("a pattern's own groups are spread, since VS Code's globs do not nest them", () => {
  assert.deepEqual(withoutGroups('**/{mock,mocks}/**'), ['**/mock/**', '**/mocks/**']);
  assert.deepEqual(withoutGroups('{a,b}/{c,d}.smtp'), ['a/c.smtp', 'a/d.smtp', 'b/c.smtp', 'b/d.smtp']);
  assert.deepEqual(withoutGroups('open{a,b'), ['open{a,b']);
  assert.equal(excludePattern(['**/{mock,mocks}/**']), '{**/node_modules/**,**/mock/**,**/mocks/**}');
});
