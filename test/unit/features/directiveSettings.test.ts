import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIRECTIVE_SETTINGS } from '../../../server/src/features/directiveSettings';
import { REPLAY_SETTING_NAMES } from '../../../server/src/model/settingValues';

test('completion and hover document exactly the settings replay reads, once each', () => {
  assert.deepEqual(DIRECTIVE_SETTINGS.map((s) => s.name).sort(), [...REPLAY_SETTING_NAMES].sort());
});
