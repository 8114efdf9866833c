// The include policy over stdio: the language server knows the workspace folders from `initialize` and reports an
// include outside them and outside the transcript's folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startClient } from './lspClient';

test('an include outside the transcript folder and the workspace is an include-outside-folder error; one in the workspace is not', async () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'smtp-lsp-includes-')));
  try {
    const workspace = join(root, 'ws');
    mkdirSync(join(workspace, 'tests'), { recursive: true });
    mkdirSync(join(workspace, 'shared'));
    mkdirSync(join(root, 'outside'));
    writeFileSync(join(workspace, 'shared', 'body.eml'), 'Subject: hi\n\nhello\n');
    writeFileSync(join(root, 'outside', 'secret.eml'), 'secret\n');
    const client = await startClient(undefined, [{ uri: pathToFileURL(workspace).href, name: 'ws' }]);
    const uri = pathToFileURL(join(workspace, 'tests', 'send.smtp')).href;
    const text = ['S: 220 x', 'C: EHLO c.test', 'S: 250 ok', 'C: MAIL FROM:<a@example.com>', 'S: 250 ok', 'C: RCPT TO:<b@example.com>', 'S: 250 ok', 'C: DATA', 'S: 354 go', '< ../shared/body.eml', '< ../../outside/secret.eml', '< /etc/passwd', 'C: .', 'S: 250 ok', ''].join('\n');
    client.open(uri, text, 1);
    const diagnostics = await client.diagnostics(uri, 1);
    const advice = "outside the transcript's folder, the workspace and the allowed folders: replay will not read this include. Move the file next to the transcript, or allow its folder (`--allow-include-dir DIR`, the `smtp.includes.allowedFolders` setting).";
    assert.deepEqual(
      diagnostics.filter((d) => String(d.code).startsWith('include-')).map((d) => [d.range.start.line, d.range.start.character, d.severity, d.code, d.message]),
      [
        [10, 2, 1, 'include-outside-folder', `\`../../outside/secret.eml\` is ${advice}`],
        [11, 2, 1, 'include-outside-folder', `\`/etc/passwd\` is ${advice}`],
      ],
    );
    assert.equal(await client.close(), 0);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a workspace folder and a transcript on a Windows share (file://server/...), no path on this system: lint goes on without the disk', { timeout: 10_000 }, async () => {
  const client = await startClient(undefined, [{ uri: 'file://server/share/ws', name: 'share' }]);
  try {
    const uri = 'file://server/share/ws/send.smtp';
    client.open(uri, 'S: 220 x\nC: HELO c.test\nS: 250 ok\n', 1);
    const diagnostics = await client.diagnostics(uri, 1);
    assert.deepEqual([diagnostics.map((d) => d.code), client.stderr()], [['helo-instead-of-ehlo'], '']);
  } finally {
    await client.close();
  }
});

test('a folder added to the workspace later (workspace/didChangeWorkspaceFolders) is an include root as the first ones are; removed, it is not', async () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'smtp-lsp-folders-')));
  try {
    mkdirSync(join(root, 'tests'));
    mkdirSync(join(root, 'shared'));
    writeFileSync(join(root, 'shared', 'body.eml'), 'Subject: hi\n\nhello\n');
    const capabilities = { workspace: { workspaceFolders: true }, textDocument: { publishDiagnostics: { versionSupport: true } } };
    const client = await startClient(undefined, [{ uri: pathToFileURL(join(root, 'tests')).href, name: 'tests' }], undefined, undefined, capabilities);
    assert.deepEqual(client.serverCapabilities.workspace?.workspaceFolders, { supported: true, changeNotifications: true });
    const uri = pathToFileURL(join(root, 'tests', 'send.smtp')).href;
    const text = ['S: 220 x', 'C: EHLO c.test', 'S: 250 ok', 'C: MAIL FROM:<a@example.com>', 'S: 250 ok', 'C: RCPT TO:<b@example.com>', 'S: 250 ok', 'C: DATA', 'S: 354 go', '< ../shared/body.eml', 'C: .', 'S: 250 ok', ''].join('\n');
    const outside = (ds: Array<{ code?: unknown; range: { start: { line: number } } }>) => ds.filter((d) => d.code === 'include-outside-folder').map((d) => d.range.start.line);
    const shared = { uri: pathToFileURL(join(root, 'shared')).href, name: 'shared' };
    client.open(uri, text, 1);
    assert.deepEqual(outside(await client.diagnostics(uri, 1, 1)), [9]);
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [shared], removed: [] } });
    assert.deepEqual(outside(await client.diagnostics(uri, 1, 2)), []);
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [shared] } });
    assert.deepEqual(outside(await client.diagnostics(uri, 1, 3)), [9]);
    assert.equal(await client.close(), 0);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a workspace folder without a uri (a client mistake) is left out: the features still work', { timeout: 10_000 }, async () => {
  const client = await startClient(undefined, [{ name: 'x' } as { uri: string; name: string }]);
  const uri = 'untitled:Untitled-1';
  client.open(uri, 'S: 220 x\nC: EHLO c.test\nS: 250 ok\n', 1);
  assert.deepEqual(await client.diagnostics(uri, 1), []);
  assert.equal(await client.close(), 0);
  assert.equal(client.stderr(), '');
});
