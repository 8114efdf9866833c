import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConfigurationParams, ShowMessageParams } from 'vscode-languageserver-protocol/node';
import { startClient } from './lspClient';

test('smtp.lint.rules given as a text ("off") is one warning naming the setting, and lint goes on with the defaults', async () => {
  const client = await startClient(undefined, null, undefined, undefined, {
    textDocument: { publishDiagnostics: { versionSupport: true } },
    workspace: { configuration: true },
  });
  // A notification: a client that cannot answer `window/showMessageRequest` (this one answers it with an error) is
  // still told, and the server goes on.
  const shown: ShowMessageParams[] = [];
  client.connection.onNotification('window/showMessage', (params: ShowMessageParams) => void shown.push(params));
  client.connection.onRequest('workspace/configuration', (params: ConfigurationParams) =>
    params.items.map((item) => (item.section === 'smtp.lint' ? { rules: 'off' } : null)),
  );
  for (const [i, name] of ['a', 'b'].entries()) {
    const uri = `file:///tmp/lint-settings-${name}.smtp`;
    client.open(uri, 'S: 220 ready\nC: HELO client.test\nS: 250 ok\n', 1);
    const diagnostics = await client.diagnostics(uri, 1);
    assert.deepEqual(diagnostics.map((d) => d.code), ['helo-instead-of-ehlo'], `file ${i + 1}`);
  }
  assert.deepEqual(shown, [
    {
      type: 2,
      message: 'smtp.lint.rules takes an object of rule ids to severities, such as {"helo-instead-of-ehlo": "off"}, not the text \'off\'',
    },
  ]);
  assert.equal(await client.close(), 0);
});
