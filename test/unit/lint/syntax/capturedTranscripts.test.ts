import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summary } from './syntaxHarness';

const CAPTURED = join(__dirname, '../../../../../test/fixtures/captured');

describe('transcripts captured from real servers', () => {
  const files = readdirSync(CAPTURED).filter((name) => name.endsWith('.smtp'));

  test('there are captured transcripts to check', () => {
    assert.ok(files.length > 0);
  });

  for (const name of files) {
    test(`${name}: no syntax warning or error`, () => {
      const serious = summary(readFileSync(join(CAPTURED, name), 'utf8')).filter((s) => s.severity === 'warning' || s.severity === 'error');
      assert.deepEqual(serious, []);
    });
  }
});
