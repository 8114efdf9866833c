import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIRECTIVE_SETTINGS } from '../../../server/src/settings/replaySettings';
import { DIRECTIVE_SETTING_NAMES, SETTINGS } from '../../../server/src/settings/registry';
import { LINT_SEVERITIES } from '../../../server/src/settings/editorSettings';
import { RULE_SETTING_VALUES } from '../../../server/src/features/lint/ruleSettings';

test('completion and hover document exactly the settings replay reads, once each', () => {
  assert.deepEqual(DIRECTIVE_SETTINGS.map((s) => s.name).sort(), [...DIRECTIVE_SETTING_NAMES].sort());
  assert.deepEqual(DIRECTIVE_SETTINGS.map((s) => s.directive).sort(), [
    'ca', 'connect-timeout',
    'dkim-algorithm', 'dkim-canonicalization', 'dkim-domain', 'dkim-headers', 'dkim-key', 'dkim-selector',
    'match', 'port', 'replay', 'requires', 'server', 'timeout', 'tls', 'tls-servername',
  ]);
});

test('every setting is in the registry once, and every editor key once', () => {
  const names = SETTINGS.map((s) => s.name);
  assert.deepEqual(names.filter((n, i) => names.indexOf(n) !== i), []);
  const keys = SETTINGS.flatMap((s) => (s.editor ? [s.editor.key] : []));
  assert.deepEqual(keys.filter((k, i) => keys.indexOf(k) !== i), []);
});

test('smtp.lint.rules offers the severities lint reads', () => {
  assert.deepEqual(LINT_SEVERITIES, RULE_SETTING_VALUES);
});

test('the documented defaults are what replay uses', () => {
  const defaults = Object.fromEntries(DIRECTIVE_SETTINGS.map((s) => [s.name, [s.default, s.defaultText, s.editor?.default]]));
  assert.deepEqual(defaults, {
    server: [undefined, 'from the caller (CLI option or editor setting)', ''],
    port: [undefined, '25, or 465 with `@tls = implicit`', null],
    tls: [undefined, 'none', 'none'],
    'tls-servername': [undefined, 'the server name', undefined],
    ca: [undefined, 'none', undefined],
    timeout: [30_000, '30s', '30s'],
    'connect-timeout': [10_000, '10s', '10s'],
    match: ['code', 'code', undefined],
    requires: [[], 'none', undefined],
    replay: ['run', 'run', undefined],
    // Signing is off until the transcript sets all three of domain, selector and key.
    'dkim-domain': [undefined, 'none (no signing)', undefined],
    'dkim-selector': [undefined, 'none (no signing)', undefined],
    'dkim-key': [undefined, 'none (no signing)', undefined],
    'dkim-algorithm': [undefined, 'from the key', undefined],
    'dkim-headers': [undefined, "mailauth's set (From, To, Subject, Date, Message-ID, MIME headers and more)", undefined],
    'dkim-canonicalization': [undefined, 'relaxed/relaxed', undefined],
  });
});
