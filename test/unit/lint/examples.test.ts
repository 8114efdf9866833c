import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brief } from './lintHarness';

const EXAMPLES = join(__dirname, '../../../../examples');

describe('examples lint without errors', () => {
  for (const name of readdirSync(EXAMPLES).filter((file) => file.endsWith('.smtp'))) {
    test(name, () => {
      const errors = brief(readFileSync(join(EXAMPLES, name), 'utf8')).filter((d) => d.severity === 'error');
      assert.deepEqual(errors, []);
    });
  }

  test('the classic transcript: no error, and only the syntax warnings about `FROM: <...>`', () => {
    const found = brief(readFileSync(join(EXAMPLES, 'classic.smtp'), 'utf8')).filter((d) => d.severity === 'error' || d.severity === 'warning');
    assert.deepEqual(found, [
      { line: 4, code: 'path-space-after-colon', severity: 'warning' },
      { line: 6, code: 'path-space-after-colon', severity: 'warning' },
    ]);
  });
});
