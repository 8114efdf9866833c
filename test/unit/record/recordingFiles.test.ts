// Recordings written into a folder: each a new file, never over one that is there (another run's of the same second).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeNewRecording } from '../../../server/src/record/recordingFolder';
import { unwritableFolderProblem } from '../../../server/src/io/folders';

const AT = new Date('2026-12-03T02:45:01.250Z');

test('a name another run took in the same second gets the next one; the file there is left as it was', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'smtp-recordings-'));
  try {
    writeFileSync(join(folder, 'record-20261203T024501Z-1.smtp'), 'an earlier run\n');
    const written = [await writeNewRecording(folder, AT, 1, 'first\n'), await writeNewRecording(folder, AT, 1, 'second\n'), await writeNewRecording(folder, AT, 2, 'other\n')];
    assert.deepEqual(written, ['record-20261203T024501Z-1-2.smtp', 'record-20261203T024501Z-1-3.smtp', 'record-20261203T024501Z-2.smtp'].map((name) => join(folder, name)));
    assert.deepEqual(readdirSync(folder).sort().map((name) => [name, readFileSync(join(folder, name), 'utf8')]), [
      ['record-20261203T024501Z-1-2.smtp', 'first\n'],
      ['record-20261203T024501Z-1-3.smtp', 'second\n'],
      ['record-20261203T024501Z-1.smtp', 'an earlier run\n'],
      ['record-20261203T024501Z-2.smtp', 'other\n'],
    ]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a folder that takes files passes the check and is left empty; one that takes none is said, by name', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'smtp-recordings-'));
  try {
    assert.equal(await unwritableFolderProblem(folder), undefined);
    assert.deepEqual(readdirSync(folder), []);
    assert.equal(await unwritableFolderProblem(join(folder, 'missing')), `cannot write files in ${join(folder, 'missing')}: no such file or directory`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
