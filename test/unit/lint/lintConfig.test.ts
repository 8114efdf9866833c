import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLintConfig, parseRuleFlags, readRuleSettings } from '../../../server/src/features/lint/lintConfig';
import { effectiveSeverity, mergeRuleSettings } from '../../../server/src/features/lint/ruleSettings';
import type { RuleSpec } from '../../../server/src/features/lint/rule';

describe('parseLintConfig', () => {
  test('valid settings are read without problems', () => {
    assert.deepEqual(parseLintConfig('{"rules": {"mail-before-helo": "off", "reply-missing": "error", "data-reply-missing": "hint"}}'), {
      rules: { 'mail-before-helo': 'off', 'reply-missing': 'error', 'data-reply-missing': 'hint' },
      problems: [],
    });
    assert.deepEqual(parseLintConfig('{}'), { rules: {}, problems: [] });
  });
  test('unknown ids, bad severities and parse errors are reported and dropped', () => {
    assert.deepEqual(parseLintConfig('{"rules": {"no-such-rule": "off", "mail-before-helo": "warn", "unknown-line": "off", "reply-missing": "info"}}'), {
      rules: { 'reply-missing': 'info' },
      problems: [
        { ruleId: 'no-such-rule', message: 'Unknown rule id "no-such-rule". `smtp-transcript lint --list-rules` lists every rule id.' },
        { ruleId: 'mail-before-helo', message: 'Rule "mail-before-helo": "warn" is not one of off, hint, info, warning, error.' },
        { ruleId: 'unknown-line', message: 'Rule "unknown-line" is a parse error: the file cannot be read as written, so it cannot be configured.' },
      ],
    });
  });
  test('a misspelt rule id gets the one it most likely means', () => {
    assert.deepEqual(parseLintConfig('{"rules": {"mail-before-hello": "off"}}').problems, [
      { ruleId: 'mail-before-hello', message: 'Unknown rule id "mail-before-hello". Did you mean "mail-before-helo"? `smtp-transcript lint --list-rules` lists every rule id.' },
    ]);
  });
  test('malformed files', () => {
    assert.match(parseLintConfig('{"rules": ').problems[0].message, /^\.smtplintrc\.json is not valid JSON: /);
    assert.deepEqual(parseLintConfig('[]'), { rules: {}, problems: [{ message: '.smtplintrc.json must hold a JSON object: {"rules": {...}}.' }] });
    assert.deepEqual(parseLintConfig('{"rules": [], "extends": "x"}'), {
      rules: {},
      problems: [
        { message: 'Unknown key "extends" in .smtplintrc.json: only "rules" is read.' },
        { message: '"rules" must be an object mapping rule ids to severities.' },
      ],
    });
  });
});

describe('parseRuleFlags and readRuleSettings', () => {
  test('--rule id=severity flags', () => {
    assert.deepEqual(parseRuleFlags(['mail-before-helo=off', 'reply-missing = error', 'oops']), {
      rules: { 'mail-before-helo': 'off', 'reply-missing': 'error' },
      problems: [{ message: '--rule expects id=severity (e.g. --rule mail-before-helo=off), not "oops".' }],
    });
  });
  test('an inherited name is an unknown id like any other; the last flag for an id wins', () => {
    assert.deepEqual(parseRuleFlags(['__proto__=off', 'constructor=error', 'reply-missing=off', 'reply-missing=hint']), {
      rules: { 'reply-missing': 'hint' },
      problems: [
        { ruleId: '__proto__', message: 'Unknown rule id "__proto__". `smtp-transcript lint --list-rules` lists every rule id.' },
        { ruleId: 'constructor', message: 'Unknown rule id "constructor". `smtp-transcript lint --list-rules` lists every rule id.' },
      ],
    });
  });
  test('editor settings are checked the same way', () => {
    assert.deepEqual(readRuleSettings({ 'reply-missing': 3 }).problems, [{ ruleId: 'reply-missing', message: 'Rule "reply-missing": 3 is not one of off, hint, info, warning, error.' }]);
  });
});

describe('mergeRuleSettings and effectiveSeverity', () => {
  test('a later layer wins: rc file < editor setting < CLI flag', () => {
    const rc = { 'mail-before-helo': 'off', 'reply-missing': 'hint' } as const;
    const editor = { 'reply-missing': 'info' } as const;
    const cli = { 'mail-before-helo': 'error' } as const;
    assert.deepEqual(mergeRuleSettings(rc, editor, undefined, cli), { 'mail-before-helo': 'error', 'reply-missing': 'info' });
  });
  test('a setting replaces the default; a finding\'s own milder severity is kept', () => {
    const spec: RuleSpec<string> = { id: 'x', defaultSeverity: 'error', description: '' };
    assert.equal(effectiveSeverity(spec, undefined, undefined), 'error');
    assert.equal(effectiveSeverity(spec, undefined, 'info'), 'info');
    assert.equal(effectiveSeverity(spec, undefined, 'off'), undefined);
    assert.equal(effectiveSeverity(spec, 'hint', 'error'), 'hint');
    assert.equal(effectiveSeverity(spec, 'warning', 'info'), 'info');
  });
});
