import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../../server/src/features/lint/ruleCatalog';

const DOC = readFileSync(join(__dirname, '../../../../docs/lint-rules.md'), 'utf8');

describe('rule catalog', () => {
  test('ids are unique and kebab-case; every rule has a description', () => {
    const ids = allRules().map((rule) => rule.id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
    assert.deepEqual(ids.filter((id) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)), []);
    assert.deepEqual(allRules().filter((rule) => rule.description.trim() === '').map((rule) => rule.id), []);
  });

  test('docs/lint-rules.md documents every rule with its default severity', () => {
    const undocumented = allRules().filter((rule) => !DOC.includes(`| \`${rule.id}\` | ${rule.defaultSeverity} |`));
    assert.deepEqual(undocumented.map((rule) => `${rule.id} (${rule.defaultSeverity})`), []);
  });

  test('docs/lint-rules.md names no rule that does not exist', () => {
    const known = new Set<string>(allRules().map((rule) => rule.id));
    const documented = [...DOC.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((match) => match[1]);
    assert.deepEqual(documented.filter((id) => !known.has(id)), []);
  });
});
