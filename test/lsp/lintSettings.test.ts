import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConfigurationParams, RegistrationParams, ShowMessageParams } from 'vscode-languageserver-protocol/node';
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

test('a client other than VS Code is asked to watch .smtplintrc.json: an edited one applies without reopening the transcript', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'smtp-lsp-watch-'));
  const config = join(folder, '.smtplintrc.json');
  writeFileSync(config, '{"rules": {"helo-instead-of-ehlo": "off"}}');
  const client = await startClient(undefined, null, undefined, undefined, {
    textDocument: { publishDiagnostics: { versionSupport: true } },
    workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
  });
  const registrations: RegistrationParams[] = [];
  client.connection.onRequest('client/registerCapability', (params: RegistrationParams) => void registrations.push(params));
  try {
    const uri = pathToFileURL(join(folder, 'watched.smtp')).href;
    const text = 'S: 220 ready\nC: HELO client.test\nS: 250 ok\n';
    client.open(uri, text, 1);
    const before = (await client.diagnostics(uri, 1)).map((d) => d.code);
    writeFileSync(config, '{"rules": {}}');
    // What the client does when a watcher it was asked for sees the change.
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).href, type: 2 }] });
    client.change(uri, text, 2);
    const after = (await client.diagnostics(uri, 2)).map((d) => d.code);
    assert.deepEqual(
      { registrations, before, after },
      {
        registrations: [
          {
            registrations: [
              {
                id: 'smtp-settings-files',
                method: 'workspace/didChangeWatchedFiles',
                registerOptions: { watchers: [{ globPattern: '**/.smtplintrc.json' }, { globPattern: '**/smtp-environments.json' }] },
              },
            ],
          },
        ],
        before: [],
        after: ['helo-instead-of-ehlo'],
      },
    );
  } finally {
    await client.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a client without workspace/configuration: smtp.lint.rules is read from what it pushes in didChangeConfiguration', async () => {
  const client = await startClient();
  const uri = 'file:///tmp/lint-settings-pushed.smtp';
  const text = 'S: 220 ready\nC: HELO client.test\nS: 250 ok\n';
  const push = (rules: unknown) => client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { smtp: { lint: { rules } } } });
  try {
    await push({ 'helo-instead-of-ehlo': 'off' });
    client.open(uri, text, 1);
    const off = (await client.diagnostics(uri, 1)).map((d) => d.code);
    await push({});
    client.change(uri, text, 2);
    const byDefault = (await client.diagnostics(uri, 2)).map((d) => d.code);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    client.change(uri, text, 3);
    const none = (await client.diagnostics(uri, 3)).map((d) => d.code);
    assert.deepEqual({ off, byDefault, none }, { off: [], byDefault: ['helo-instead-of-ehlo'], none: ['helo-instead-of-ehlo'] });
  } finally {
    await client.close();
  }
});
