// Document links over stdio: the server offers them, and an include's link is the file beside the transcript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentLink } from 'vscode-languageserver-protocol';
import { startClient } from './lspClient';

test('an include and @ca link to their files, relative to the transcript; the links follow an edit', async () => {
  const client = await startClient();
  try {
    assert.deepEqual(client.serverCapabilities.documentLinkProvider, { resolveProvider: false });
    const uri = 'file:///srv/tests/links.smtp';
    const text = ['@ca = ../ca.pem', 'S: 220 mx', 'C: EHLO c.test', 'S: 250 ok', 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', 'C: RCPT TO:<b@example.org>', 'S: 250 ok', 'C: DATA', 'S: 354 go', '< ./body.eml', 'C: .', 'S: 250 ok'].join('\n');
    client.open(uri, text, 1);
    const request = () => client.connection.sendRequest('textDocument/documentLink', { textDocument: { uri } }) as Promise<DocumentLink[]>;
    assert.deepEqual(await request(), [
      { range: { start: { line: 0, character: 6 }, end: { line: 0, character: 15 } }, target: 'file:///srv/ca.pem', tooltip: 'Open ../ca.pem' },
      { range: { start: { line: 10, character: 2 }, end: { line: 10, character: 12 } }, target: 'file:///srv/tests/body.eml', tooltip: 'Open ./body.eml' },
    ]);
    client.changeRange(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '# certificates\n', 2);
    assert.deepEqual((await request()).map((l) => [l.range.start.line, l.target]), [[1, 'file:///srv/ca.pem'], [11, 'file:///srv/tests/body.eml']]);
  } finally {
    assert.equal(await client.close(), 0);
  }
});

test('in a text that starts with a byte order mark, a link on line 1 is where the editor has it (one character on)', async () => {
  const client = await startClient();
  try {
    const uri = 'file:///srv/tests/bom-links.smtp';
    client.open(uri, '\ufeff@ca = ca.pem\nS: 220 mx\n', 1);
    const links = (await client.connection.sendRequest('textDocument/documentLink', { textDocument: { uri } })) as DocumentLink[];
    assert.deepEqual(links, [{ range: { start: { line: 0, character: 7 }, end: { line: 0, character: 13 } }, target: 'file:///srv/tests/ca.pem', tooltip: 'Open ca.pem' }]);
  } finally {
    assert.equal(await client.close(), 0);
  }
});
