// Go to Symbol in Workspace over stdio: the named sessions of every transcript in the workspace folders, from the disk
// and, for an open document, from the editor's text (unsaved edits included); a file changed on the disk is read again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SymbolInformation } from 'vscode-languageserver-protocol';
import { REUSE_MS } from '../../server/src/lsp/workspaceSessions';
import { startClient, type TestClient } from './lspClient';

const folder = mkdtempSync(join(tmpdir(), 'smtp-symbols-'));
const SESSION = 'S: 220 mx\nC: QUIT\nS: 221 bye\n';

describe('workspace symbols over stdio', () => {
  let client: TestClient;
  before(async () => {
    mkdirSync(join(folder, 'tests', 'bounces'), { recursive: true });
    mkdirSync(join(folder, 'node_modules', 'pkg'), { recursive: true });
    mkdirSync(join(folder, '.hidden'));
    writeFileSync(join(folder, 'tests', 'submit.smtp'), `### submit with AUTH PLAIN\n${SESSION}### submit refused\n${SESSION}`);
    writeFileSync(join(folder, 'tests', 'bounces', 'mailbox-full.smtp'), `\uFEFF### bounce: mailbox full\n${SESSION}###\n${SESSION}`);
    writeFileSync(join(folder, 'node_modules', 'pkg', 'vendored.smtp'), `### bounce in a package\n${SESSION}`);
    writeFileSync(join(folder, '.hidden', 'old.smtp'), `### bounce kept aside\n${SESSION}`);
    writeFileSync(join(folder, 'notes.txt'), `### bounce in a text file\n`);
    client = await startClient(undefined, [{ uri: pathToFileURL(folder).href, name: 'symbols' }]);
  });
  after(async () => {
    assert.equal(await client.close(), 0);
    rmSync(folder, { recursive: true, force: true });
  });

  const find = async (query: string) =>
    ((await client.connection.sendRequest('workspace/symbol', { query })) as SymbolInformation[])
      .map((s) => `${s.name} @ ${s.containerName} ${s.location.range.start.line}:${s.location.range.start.character}-${s.location.range.end.character}`)
      .sort();

  test('advertised; the named sessions of the .smtp files below the folder, hidden folders and node_modules left out', async () => {
    assert.equal(client.serverCapabilities.workspaceSymbolProvider, true);
    // Unnamed sessions are not listed; a name after a byte order mark stands one character on.
    assert.deepEqual(await find(''), [
      'bounce: mailbox full @ tests/bounces/mailbox-full.smtp 0:5-25',
      'submit refused @ tests/submit.smtp 4:4-18',
      'submit with AUTH PLAIN @ tests/submit.smtp 0:4-26',
    ]);
    // The query's characters in order, in any case, as VS Code filters.
    assert.deepEqual(await find('bnc'), ['bounce: mailbox full @ tests/bounces/mailbox-full.smtp 0:5-25']);
    assert.deepEqual(await find('SUBMIT ref'), ['submit refused @ tests/submit.smtp 4:4-18']);
    const [symbol] = (await client.connection.sendRequest('workspace/symbol', { query: 'bounce' })) as SymbolInformation[];
    assert.equal(symbol.location.uri, pathToFileURL(join(folder, 'tests', 'bounces', 'mailbox-full.smtp')).href);
  });

  test('an open document is read as the editor holds it; a file changed on the disk is read again, a removed one dropped', async () => {
    const submit = pathToFileURL(join(folder, 'tests', 'submit.smtp')).href;
    client.open(submit, `### submit renamed, not saved\n${SESSION}`, 1);
    await client.diagnostics(submit, 1);
    assert.deepEqual(await find('submit'), ['submit renamed, not saved @ tests/submit.smtp 0:4-29']);
    const full = join(folder, 'tests', 'bounces', 'mailbox-full.smtp');
    writeFileSync(full, `### bounce: quota exceeded\n${SESSION}`);
    utimesSync(full, new Date(), new Date(Date.now() + 5000));
    // Requests within REUSE_MS of the last look at the disk (one per character typed) answer from it.
    await new Promise((resolve) => setTimeout(resolve, REUSE_MS + 100));
    assert.deepEqual(await find('bounce'), ['bounce: quota exceeded @ tests/bounces/mailbox-full.smtp 0:4-26']);
    rmSync(full);
    await new Promise((resolve) => setTimeout(resolve, REUSE_MS + 100));
    assert.deepEqual(await find('bounce'), []);
  });

  test('params without a query string are InvalidParams', async () => {
    await assert.rejects(client.connection.sendRequest('workspace/symbol', {}), (error: Error) => /params need a query string/.test(error.message));
  });
});
