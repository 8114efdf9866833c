// Activation registers a stub for each id of COMMAND_IDS (the command's module loads on first use): the list is
// exactly the commands package.json contributes, so none is contributed without a handler or registered unlisted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_IDS } from '../../../client/src/commandIds';

test('the commands registered at activation are the ones package.json contributes', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } };
  assert.deepEqual([...COMMAND_IDS].sort(), manifest.contributes.commands.map((c) => c.command).sort());
});
