// File names over stdio, from the disk beside the transcript: the Node server lists the folder typed so far.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionList } from 'vscode-languageserver-protocol';
import { startClient } from './lspClient';

test('an include and @ca complete the files of the folder typed, relative to the transcript; `/` asks again', async () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'smtp-lsp-files-')));
  const client = await startClient();
  try {
    mkdirSync(join(root, 'tests', 'parts'), { recursive: true });
    mkdirSync(join(root, 'certs'));
    writeFileSync(join(root, 'tests', 'parts', 'body.eml'), 'Subject: hi\n\nhello\n');
    writeFileSync(join(root, 'certs', 'ca.pem'), '');
    assert.ok(client.serverCapabilities.completionProvider?.triggerCharacters?.includes('/'));
    const uri = pathToFileURL(join(root, 'tests', 'send.smtp')).href;
    const text = ['@ca = ../certs/', 'S: 220 mx', 'C: EHLO c.test', 'S: 250 mx', 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', 'C: RCPT TO:<b@example.org>', 'S: 250 ok', 'C: DATA', 'S: 354 go', '< ', 'C: .', 'S: 250 ok'].join('\n');
    client.open(uri, text, 1);
    const at = async (line: number, character: number) =>
      ((await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } })) as CompletionList).items
        .filter((i) => i.kind === 17 || i.kind === 19)
        .map((i) => i.label);
    assert.deepEqual(await at(0, 15), ['ca.pem']);
    assert.deepEqual(await at(10, 2), ['parts/']);
    client.changeRange(uri, { start: { line: 10, character: 2 }, end: { line: 10, character: 2 } }, 'parts/', 2);
    assert.deepEqual(await at(10, 8), ['body.eml']);
  } finally {
    assert.equal(await client.close(), 0);
    rmSync(root, { recursive: true, force: true });
  }
});

test('a folder of more entries than are listed gives the names starting with what is typed, and says the list is incomplete', async () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'smtp-lsp-many-')));
  const client = await startClient();
  try {
    mkdirSync(join(root, 'many'));
    // More than the 1,000 listed, with the one wanted last by name and by creation.
    for (let i = 0; i < 1500; i++) writeFileSync(join(root, 'many', `part-${String(i).padStart(4, '0')}.eml`), '');
    writeFileSync(join(root, 'many', 'zz-wanted.eml'), '');
    const uri = pathToFileURL(join(root, 'send.smtp')).href;
    client.open(uri, ['S: 220 mx', 'C: EHLO c.test', 'S: 250 mx', 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', 'C: RCPT TO:<b@example.org>', 'S: 250 ok', 'C: DATA', 'S: 354 go', '< many/zz', 'C: .', 'S: 250 ok'].join('\n'), 1);
    const list = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 9, character: 9 } })) as CompletionList;
    assert.deepEqual([list.isIncomplete, list.items.filter((i) => i.kind === 17).map((i) => i.label)], [true, ['zz-wanted.eml']]);
  } finally {
    assert.equal(await client.close(), 0);
    rmSync(root, { recursive: true, force: true });
  }
});

test('a file name with a line break is not offered (it cannot be written on a line); one with blanks is, and lists on', async () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'smtp-lsp-names-')));
  const client = await startClient();
  try {
    mkdirSync(join(root, 'my parts'));
    writeFileSync(join(root, 'my parts', 'a report.pdf'), '');
    writeFileSync(join(root, 'my parts', 'two\nlines.eml'), '');
    const uri = pathToFileURL(join(root, 'send.smtp')).href;
    client.open(uri, ['S: 220 mx', 'C: EHLO c.test', 'S: 250 mx', 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', 'C: RCPT TO:<b@example.org>', 'S: 250 ok', 'C: DATA', 'S: 354 go', '< my parts/', 'C: .', 'S: 250 ok'].join('\n'), 1);
    const list = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 9, character: 11 } })) as CompletionList;
    assert.deepEqual(list.items.filter((i) => i.kind === 17).map((i) => i.label), ['a report.pdf']);
  } finally {
    assert.equal(await client.close(), 0);
    rmSync(root, { recursive: true, force: true });
  }
});

test('on a POSIX disk a typed `\\` is part of a name, as replay reads it: `< mail\\` offers the files named so beside the transcript', async () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'smtp-lsp-backslash-')));
  const client = await startClient();
  try {
    mkdirSync(join(root, 'mail'));
    writeFileSync(join(root, 'mail', 'inside.eml'), '');
    writeFileSync(join(root, 'mail\\named.eml'), '');
    const uri = pathToFileURL(join(root, 'send.smtp')).href;
    client.open(uri, ['S: 220 mx', 'C: EHLO c.test', 'S: 250 mx', 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', 'C: RCPT TO:<b@example.org>', 'S: 250 ok', 'C: DATA', 'S: 354 go', '< mail\\', 'C: .', 'S: 250 ok'].join('\n'), 1);
    const list = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 9, character: 7 } })) as CompletionList;
    // The transcript's own folder, each name replacing all that was typed (the editor keeps those starting with it).
    assert.deepEqual(
      list.items.filter((i) => i.kind === 17 || i.kind === 19).map((i) => [i.label, (i.textEdit as { range: { start: { character: number } } }).range.start.character]),
      [['mail/', 2], ['mail\\named.eml', 2]],
    );
  } finally {
    assert.equal(await client.close(), 0);
    rmSync(root, { recursive: true, force: true });
  }
});
