import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurationContribution, restrictedConfigurations } from '../../../server/src/settings/configurationSchema';

// out/test/unit/settings -> the repository root.
const packageJson = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8'));

const HOW_TO_FIX =
  'package.json and the settings registry (server/src/settings/) disagree. The registry is the source: change the setting there, ' +
  'then paste this into package.json';

test('package.json contributes exactly the editor settings the registry defines', () => {
  const expected = configurationContribution();
  assert.deepStrictEqual(packageJson.contributes.configuration, expected, `${HOW_TO_FIX} as "contributes.configuration":\n${JSON.stringify(expected, null, 2)}`);
});

test('package.json keeps exactly the registry\'s restricted settings from untrusted workspaces', () => {
  const expected = restrictedConfigurations();
  assert.deepStrictEqual(
    packageJson.capabilities.untrustedWorkspaces.restrictedConfigurations,
    expected,
    `${HOW_TO_FIX} as "capabilities.untrustedWorkspaces.restrictedConfigurations":\n${JSON.stringify(expected, null, 2)}`,
  );
});
