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

  test('docs/lint-rules.md documents every rule with its default severity, in a row that is its anchor', () => {
    const undocumented = allRules().filter((rule) => !DOC.includes(`| <a id="${rule.id}"></a>\`${rule.id}\` | ${rule.defaultSeverity} |`));
    assert.deepEqual(undocumented.map((rule) => `${rule.id} (${rule.defaultSeverity})`), []);
  });

  test('every rule id has its own anchor in docs/lint-rules.md, which `lint --format sarif` links to (helpUri)', () => {
    const anchors = [...DOC.matchAll(/<a id="([^"]*)"><\/a>/g)].map((match) => match[1]);
    assert.deepEqual(allRules().filter((rule) => !anchors.includes(rule.id)).map((rule) => rule.id), []);
    // A heading's own anchor (GitHub's slug of its text) named like a rule would make the link land on either.
    const headingSlugs = [...DOC.matchAll(/^#+ (.*)$/gm)].map((match) => match[1].toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-'));
    assert.deepEqual([...anchors.filter((id, i) => anchors.indexOf(id) !== i), ...anchors.filter((id) => headingSlugs.includes(id))], []);
  });

  test('enhanced-code-for-command says what the fit table refuses, as docs/lint-rules.md does (--list-rules prints it)', () => {
    const rule = allRules().find((candidate) => candidate.id === 'enhanced-code-for-command');
    assert.equal(
      rule?.description,
      'An enhanced status code about something other than what it answers: a destination-address code (X.1.1-X.1.6, X.1.10) outside RCPT, VRFY, EXPN and the message (DATA, BDAT and the end of the content), a sender-address code (X.1.7, X.1.8) outside MAIL, RCPT (servers that delay sender checks refuse there, as Postfix does by default) and the message, too many recipients (X.5.3) outside RCPT and the message, an authentication code (X.7.8, X.7.9, X.7.11, X.7.12, X.5.6) outside AUTH.',
    );
    assert.ok(DOC.includes(`| <a id="enhanced-code-for-command"></a>\`enhanced-code-for-command\` | warning | RFC 3463 §3 | ${rule.description} |`));
  });

  test('docs/lint-rules.md names no rule that does not exist', () => {
    const known = new Set<string>(allRules().map((rule) => rule.id));
    const documented = [...DOC.matchAll(/^\| (?:<a id="[^"]*"><\/a>)?`([a-z0-9-]+)` \|/gm)].map((match) => match[1]);
    assert.deepEqual(documented.filter((id) => !known.has(id)), []);
  });
});
