// The active environment over stdio: the client names it with `smtp/activeEnvironment`, the server reads the nearest
// smtp-environments.json in the workspace, and lint and hover know its variables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { startClient } from './lspClient';

test('lint and hover with the active environment; none chosen, the variable is undefined', async () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'smtp-lsp-env-')));
  try {
    mkdirSync(join(root, 'tests'));
    writeFileSync(join(root, 'smtp-environments.json'), JSON.stringify({ $shared: { from: 'sender@client.test' }, staging: { server: 'smtp.staging.example' } }));
    const markdownHover = { textDocument: { hover: { contentFormat: ['markdown' as const] }, publishDiagnostics: { versionSupport: true } } };
    const client = await startClient(undefined, [{ uri: pathToFileURL(root).href, name: 'ws' }], undefined, undefined, markdownHover);
    const uri = pathToFileURL(join(root, 'tests', 'send.smtp')).href;
    const text = ['S: 220 x', 'C: EHLO c.test', 'S: 250 ok', 'C: MAIL FROM:<{{from}}>', 'S: 250 ok', 'C: QUIT', 'S: 221 bye', ''].join('\n');
    const undefinedNames = async (version: number) =>
      (await client.diagnostics(uri, version)).filter((d) => d.code === 'variable-undefined').map((d) => [d.range.start.line, d.message]);
    const hoverText = async () => {
      const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 18 } })) as Hover;
      return (hover.contents as MarkupContent).value;
    };

    client.open(uri, text, 1);
    assert.deepEqual(await undefinedNames(1), [[3, '`{{from}}` is not defined: add `@from = value` above this line (or at the top of the file).']]);
    assert.equal(await hoverText(), '**from**: not defined above this line. Define it with `@from = value` before its first use.');

    await client.connection.sendNotification('smtp/activeEnvironment', { name: 'staging' });
    client.change(uri, text, 2);
    assert.deepEqual(await undefinedNames(2), []);
    assert.equal(await hoverText(), '**from** = `sender@client.test`\n\nDefined from environment `staging` (smtp-environments.json).');

    await client.connection.sendNotification('smtp/activeEnvironment', { name: null });
    client.change(uri, text, 3);
    assert.deepEqual((await undefinedNames(3)).length, 1);
    assert.equal(await client.close(), 0);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
