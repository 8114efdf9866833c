import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedFolderPaths, workspaceFolderOf } from '../../../server/src/settings/allowedFolders';

test('smtp.includes.allowedFolders: absolute folders as written, relative ones from the workspace folder, no names left out', () => {
  assert.deepEqual(
    allowedFolderPaths(['/srv/shared', '../shared', 'fixtures/', '', '  ', 42, 'C:\\mail', '\\\\host\\share'], '/work/alpha/'),
    ['/srv/shared', '/work/alpha/../shared', '/work/alpha/fixtures/', 'C:\\mail', '\\\\host\\share'],
  );
});

test('smtp.includes.allowedFolders: without a workspace folder a relative folder is left out, never read from the working directory', () => {
  assert.deepEqual(allowedFolderPaths(['/srv/shared', '../shared'], undefined), ['/srv/shared']);
  assert.deepEqual(allowedFolderPaths('/srv/shared', '/work'), []);
});

test("a document's workspace folder: the one holding it, else the first, else none", () => {
  const folders = ['/work/alpha', '/work/beta'];
  assert.deepEqual(
    [
      workspaceFolderOf('/work/beta/mail/a.smtp', folders),
      workspaceFolderOf('/work/alpha/a.smtp', folders),
      workspaceFolderOf('/work/betamax/a.smtp', folders),
      workspaceFolderOf(undefined, folders),
      workspaceFolderOf('/work/alpha/a.smtp', []),
    ],
    ['/work/beta', '/work/alpha', '/work/alpha', '/work/alpha', undefined],
  );
});
