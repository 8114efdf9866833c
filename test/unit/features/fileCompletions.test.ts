// File names in includes and path settings, from the folder typed so far. The folders are given as the language
// server's disk would list them (the LSP test reads a real one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { getCompletions } from '../../../server/src/features/completion/getCompletions';
import type { FolderEntry, ListFolder } from '../../../server/src/features/completion/fileCompletions';
import { withCursor } from '../../support/cursor';

const DISK: Record<string, FolderEntry[]> = {
  '': [{ name: 'body.eml', folder: false }, { name: 'parts', folder: true }, { name: '.secret', folder: false }],
  './': [{ name: 'body.eml', folder: false }, { name: 'parts', folder: true }],
  'parts/': [{ name: 'logo.png', folder: false }, { name: 'report.pdf', folder: false }],
  '../certs/': [{ name: 'ca.pem', folder: false }],
  'odd/': [{ name: 'my folder', folder: true }, { name: 'two\nlines.eml', folder: false }, { name: 'bell\u0007.eml', folder: false }, { name: ' padded.eml', folder: false }, { name: 'tab\tin.eml', folder: false }, { name: 'ok.eml', folder: false }],
  'odd/my folder/': [{ name: 'a report.pdf', folder: false }],
};
const asked: string[] = [];
const listFolder: ListFolder = (folder, wanted) => {
  asked.push(folder);
  const entries = DISK[folder];
  return entries && { entries: entries.filter((entry) => wanted.shown(entry.name)), complete: true };
};

const MESSAGE = ['S: 220 mx', 'C: EHLO c.test', 'S: 250 mx', 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', 'C: RCPT TO:<b@example.org>', 'S: 250 ok', 'C: DATA', 'S: 354 go'];

/** `label kind replaced-range -> inserted` for each item, in the editor's order. */
function files(marked: string): string[] {
  const { transcript, position } = withCursor(marked);
  return getCompletions(transcript, position, { listFolder })
    .items.filter((i) => i.kind === 17 || i.kind === 19)
    .sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''))
    .map((i: CompletionItem) => {
      const edit = i.textEdit as TextEdit;
      return `${i.label} ${i.kind === 19 ? 'folder' : 'file'} ${edit.range.start.character}-${edit.range.end.character}${i.command ? ' +suggest' : ''}`;
    });
}

test('after `< `: the transcript\'s folder, folders first (a folder asks for its entries next), hidden files left out', () => {
  assert.deepEqual(files([...MESSAGE, '< |'].join('\n')), ['parts/ folder 2-2 +suggest', 'body.eml file 2-2']);
});

test('in a folder typed so far: its entries replace the name after the last /', () => {
  assert.deepEqual(files([...MESSAGE, '< parts/re|port.old'].join('\n')), ['logo.png file 8-18', 'report.pdf file 8-18']);
  assert.deepEqual(files([...MESSAGE, '< ./b|'].join('\n')), ['parts/ folder 4-5 +suggest', 'body.eml file 4-5']);
});

test('after a MIME form and a media type, and in @ca', () => {
  assert.deepEqual(files([...MESSAGE, '< base64 parts/|'].join('\n')), ['logo.png file 15-15', 'report.pdf file 15-15']);
  assert.deepEqual(files([...MESSAGE, '< attach application/pdf parts/|'].join('\n')), ['logo.png file 31-31', 'report.pdf file 31-31']);
  assert.deepEqual(files('@ca = ../certs/|'), ['ca.pem file 15-15']);
});

test('none for a path made with {{...}}, a PEM, a folder that cannot be read, or settings that are no paths', () => {
  asked.length = 0;
  assert.deepEqual(
    [files([...MESSAGE, '< {{dir}}/|'].join('\n')), files('@dkim-key = -----BEGIN |'), files([...MESSAGE, '< missing/|'].join('\n')), files('@server = |')],
    [[], [], [], []],
  );
  assert.deepEqual(asked, ['missing/']);
});

test('without a disk (the browser), an include line offers the MIME forms only', () => {
  const { transcript, position } = withCursor([...MESSAGE, '< |'].join('\n'));
  assert.deepEqual(getCompletions(transcript, position).items.map((i) => i.label), ['base64', 'quoted-printable', 'part', 'attach']);
});

test('a name holding blanks: offered, and a path with blanks typed so far is listed on (the path runs to the line\'s end)', () => {
  assert.deepEqual(files([...MESSAGE, '< odd/|'].join('\n')), ['my folder/ folder 6-6 +suggest', 'ok.eml file 6-6']);
  assert.deepEqual(files([...MESSAGE, '< odd/my folder/a re|'].join('\n')), ['a report.pdf file 16-20']);
  assert.deepEqual(files([...MESSAGE, '< attach application/pdf odd/my folder/|'].join('\n')), ['a report.pdf file 39-39']);
  assert.deepEqual(files('@ca = odd/my fo|lder  '), ['my folder/ folder 10-19 +suggest', 'ok.eml file 10-19']);
});

test('a folder too large to list whole gave part of its names: the list says it is incomplete, so the editor asks again', () => {
  const { transcript, position } = withCursor([...MESSAGE, '< big/zz|'].join('\n'));
  const wantedSeen: string[] = [];
  const partial: ListFolder = (_folder, wanted) => (wantedSeen.push(wanted.startingWith), { entries: [{ name: 'zz-last.eml', folder: false }], complete: false });
  const list = getCompletions(transcript, position, { listFolder: partial });
  assert.deepEqual([list.isIncomplete, list.items.map((i) => i.label), wantedSeen], [true, ['zz-last.eml'], ['zz']]);
  assert.equal(getCompletions(transcript, position, { listFolder }).isIncomplete, false);
});

/** `files`, on a document that reads paths as Windows does (writtenPaths.ts), and the folders asked for. */
function windowsFiles(marked: string): { items: string[]; asked: string[] } {
  const { transcript, position } = withCursor(marked);
  asked.length = 0;
  const items = getCompletions(transcript, position, { listFolder, windowsPaths: true }).items.filter((i) => i.kind === 17 || i.kind === 19);
  return { items: items.map((i) => `${i.label} ${(i.textEdit as TextEdit).range.start.character}-${(i.textEdit as TextEdit).range.end.character}`), asked: [...asked] };
}

test('on a Windows document a typed `\\` separates names: the folder is asked for with `/`, a folder chosen goes on with `\\`', () => {
  assert.deepEqual(windowsFiles([...MESSAGE, '< parts\\re|port.old'].join('\n')), { items: ['logo.png 8-18', 'report.pdf 8-18'], asked: ['parts/'] });
  assert.deepEqual(windowsFiles([...MESSAGE, '< .\\|'].join('\n')), { items: ['parts\\ 4-4', 'body.eml 4-4'], asked: ['./'] });
  assert.deepEqual(windowsFiles([...MESSAGE, '< base64 .\\b|'].join('\n')), { items: ['parts\\ 11-12', 'body.eml 11-12'], asked: ['./'] });
  assert.deepEqual(windowsFiles('@ca = ..\\certs\\|'), { items: ['ca.pem 15-15'], asked: ['../certs/'] });
  // Typed with `/`, it goes on with `/`; mixed, the last separator typed says.
  assert.deepEqual(windowsFiles([...MESSAGE, '< ./|'].join('\n')), { items: ['parts/ 4-4', 'body.eml 4-4'], asked: ['./'] });
  assert.deepEqual(windowsFiles('@ca = ..\\certs/|'), { items: ['ca.pem 15-15'], asked: ['../certs/'] });
});

test('elsewhere a `\\` is a character of a file name (replay reads it so): the folder is the one before the last `/`', () => {
  const { transcript, position } = withCursor([...MESSAGE, '< parts\\lo|'].join('\n'));
  const seen: string[] = [];
  const posixDisk: ListFolder = (folder, wanted) => (seen.push(folder), { entries: [{ name: 'parts\\logo.png', folder: false }].filter((e) => wanted.shown(e.name)), complete: true });
  const items = getCompletions(transcript, position, { listFolder: posixDisk }).items.filter((i) => i.kind === 17);
  assert.deepEqual([items.map((i) => `${i.label} ${(i.textEdit as TextEdit).range.start.character}-${(i.textEdit as TextEdit).range.end.character}`), seen], [['parts\\logo.png 2-10'], ['']]);
});
