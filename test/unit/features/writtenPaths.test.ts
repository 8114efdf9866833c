// Which documents read a typed `\` as `/`: those VS Code names by a Windows drive or share (document links and
// file-name completion both ask writtenPaths.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readsWindowsPaths, withSlashes } from '../../../server/src/features/writtenPaths';
import { getLanguageService } from '../../../server/src/features/languageService';
import { parseTranscript } from '../../../server/src/model';
import type { ListFolder } from '../../../server/src/features/completion/fileCompletions';

test('a drive (`file:///c%3A/...`, `c:`) or a share (`file://server/...`) reads Windows paths; POSIX, untitled and other URIs do not', () => {
  const uris = ['file:///c%3A/Users/me/t.smtp', 'file:///D:/t.smtp', 'file://server/share/t.smtp', 'file:///home/me/t.smtp', 'untitled:Untitled-1', 'vscode-notebook-cell:/x/y.smtp', 'not a uri'];
  assert.deepEqual(
    uris.map((uri) => [uri, readsWindowsPaths(uri)]),
    [
      ['file:///c%3A/Users/me/t.smtp', true],
      ['file:///D:/t.smtp', true],
      ['file://server/share/t.smtp', true],
      ['file:///home/me/t.smtp', false],
      ['untitled:Untitled-1', false],
      ['vscode-notebook-cell:/x/y.smtp', false],
      ['not a uri', false],
    ],
  );
  assert.deepEqual([withSlashes('..\\a\\b/c', true), withSlashes('..\\a\\b/c', false)], ['../a/b/c', '..\\a\\b/c']);
});

test("the language service completes file names by its document's URI: `\\` splits on a Windows document only", () => {
  const service = getLanguageService();
  const asked: string[] = [];
  const listFolder: ListFolder = (folder) => (asked.push(folder), { entries: [{ name: 'body.eml', folder: false }], complete: true });
  const transcript = parseTranscript('S: 220 mx\nC: EHLO c.test\nS: 250 mx\nC: MAIL FROM:<a@example.org>\nS: 250 ok\nC: RCPT TO:<b@example.org>\nS: 250 ok\nC: DATA\nS: 354 go\n< mail\\b\n');
  const labels = (uri: string) => service.getCompletions({ uri }, transcript, { line: 9, character: 8 }, { listFolder }).items.map((i) => `${i.label} ${JSON.stringify(i.textEdit)}`);
  assert.deepEqual(labels('file:///c%3A/tests/send.smtp'), ['body.eml {"range":{"start":{"line":9,"character":7},"end":{"line":9,"character":8}},"newText":"body.eml"}']);
  assert.deepEqual(labels('file:///tests/send.smtp'), ['body.eml {"range":{"start":{"line":9,"character":2},"end":{"line":9,"character":8}},"newText":"body.eml"}']);
  assert.deepEqual(asked, ['mail/', '']);
});
