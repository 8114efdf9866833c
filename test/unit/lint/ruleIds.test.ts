import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REQUIRED_HEADER_FIELDS } from '../../../server/src/knowledge/headers';
import { PARSE_RULE_IDS } from '../../../server/src/model/parseRuleIds';
import { PARSE_RULES } from '../../../server/src/features/lint/parseRules';
import { SequencingRules } from '../../../server/src/features/lint/protocol/sequencingChecks';
import type { Finding } from '../../../server/src/features/lint/rule';
import { allRules, isRuleId } from '../../../server/src/features/lint/ruleCatalog';
import type { RuleId } from '../../../server/src/features/lint/ruleIds';

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } };

test('a misspelt rule id does not compile; isRuleId tells the two apart at run time', () => {
  const known: RuleId = 'mail-before-helo';
  // @ts-expect-error `mail-before-hello` is no rule's id: a typo in a check is a compile error.
  const misspelt: RuleId = 'mail-before-hello';
  // @ts-expect-error the same typo in a finding.
  const finding: Finding = { ruleId: 'mail-before-hello', range, message: '' };
  assert.deepEqual([isRuleId(known), isRuleId(misspelt), isRuleId(finding.ruleId)], [true, false, false]);
  assert.equal(SequencingRules.mailBeforeHelo.id, known);
});

test('isRuleId: true for the id of every rule, false for ids written otherwise', () => {
  assert.deepEqual(allRules().filter((rule) => !isRuleId(rule.id)).map((rule) => rule.id), []);
  assert.deepEqual(['MAIL-BEFORE-HELO', 'mail-before-helo ', '', 'parse/unknown-line', 'constructor', 'toString'].filter(isRuleId), []);
});

test('every id the parser emits is listed as a rule, in the same order', () => {
  assert.deepEqual(PARSE_RULES.map((rule) => rule.id), [...PARSE_RULE_IDS]);
});

test('one missing-header rule for each field RFC 5322 §3.6 requires', () => {
  assert.deepEqual(
    allRules().filter((rule) => /^missing-.*-header$/.test(rule.id)).map((rule) => rule.id),
    REQUIRED_HEADER_FIELDS.map((field) => `missing-${field.toLowerCase()}-header`),
  );
});
