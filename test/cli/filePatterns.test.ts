// File patterns the shell did not expand (quoted, or cmd.exe and PowerShell, which never expand them), through the
// bundled CLI: each argument reaches the process as written (no shell between), as it does from an npm script on
// Windows. A pattern finds what a folder's search finds.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';

const root = mkdtempSync(join(tmpdir(), 'smtp-patterns-'));
after(() => rmSync(root, { recursive: true, force: true }));

const CLEAN = 'S: 220 x\nC: QUIT\nS: 221 bye\n';
const BROKEN = 'S: 220 x\nQUIT\n';
function write(name: string, text: string): void {
  mkdirSync(join(root, name, '..'), { recursive: true });
  writeFileSync(join(root, name), text);
}
write('tests/a.smtp', CLEAN);
write('tests/deep/b.smtp', BROKEN);
write('tests/notes.txt', 'not a transcript\n');
write('tests/.drafts/c.smtp', BROKEN);
write('tests/node_modules/d.smtp', BROKEN);
write('elsewhere/e.smtp', BROKEN);
symlinkSync(join(root, 'elsewhere'), join(root, 'tests/linked'));

/** The files a JSON lint report names, in its order. */
const filesOf = (stdout: string): string[] => [...new Set((JSON.parse(stdout) as Array<{ file: string }>).map((row) => row.file))];

describe('file patterns', () => {
  test('`**/*.smtp` finds the .smtp files below, as a folder does: not in dot folders, node_modules or linked folders', async () => {
    const run = await runCli(['lint', '--format', 'json', 'tests/**/*.smtp'], { cwd: root });
    assert.deepEqual([run.code, run.stderr, filesOf(run.stdout)], [1, '', ['tests/deep/b.smtp']]);
    const text = await runCli(['lint', 'tests/**/*.smtp'], { cwd: root });
    assert.match(text.stdout, /^2 files checked: 1 error, /m);
    const folder = await runCli(['lint', 'tests'], { cwd: root });
    assert.equal(folder.stdout.split('\n').at(-2), text.stdout.split('\n').at(-2));
  });

  test('`*` stays in its folder; a file named twice, by a pattern and by name, is checked once', async () => {
    const run = await runCli(['lint', 'tests/*.smtp', 'tests/a.smtp', 'tests/*'], { cwd: root });
    assert.deepEqual([run.code, run.stdout, run.stderr], [0, '1 file checked: 0 errors, 0 warnings, 0 info, 0 hints\n', '']);
  });

  test('a pattern that matches nothing, or no .smtp file, is one line each; the other arguments are still checked', async () => {
    const run = await runCli(['lint', 'tests/*.eml', 'tests/*.txt', 'tests/deep/*.smtp'], { cwd: root });
    assert.deepEqual([run.code, run.stderr], [2, [
      'smtp-transcript lint: tests/*.eml: no file matches this pattern',
      'smtp-transcript lint: tests/*.txt: the pattern matches no .smtp file (only tests/notes.txt)',
      '',
    ].join('\n')]);
    assert.match(run.stdout, /^tests\/deep\/b\.smtp:2:1 {2}error {2}/m);
  });

  test('a pattern that starts in another folder (`../`, an absolute path) searches from there by the same rules', async () => {
    const deep = join(root, 'tests/deep');
    const up = await runCli(['lint', '--format', 'json', '../**/*.smtp', `${root}/tests/**/*.smtp`], { cwd: deep });
    assert.deepEqual([up.code, up.stderr, filesOf(up.stdout)], [1, '', ['b.smtp']]);
    const text = await runCli(['lint', '../**/*.smtp'], { cwd: deep });
    assert.match(text.stdout, /^2 files checked: 1 error, /m);
    // A `{...}` holding a `/` is no one folder's pattern: searched whole, from the working directory.
    const braces = await runCli(['lint', 'tests/{a,deep/b}.smtp'], { cwd: root });
    assert.deepEqual([braces.code, braces.stdout.split('\n').at(-2)], [1, '2 files checked: 1 error, 0 warnings, 0 info, 0 hints']);
  });

  test('a file whose name holds pattern characters is read as named, not matched', async () => {
    write('odd/[1].smtp', BROKEN);
    write('odd/1.smtp', CLEAN);
    const run = await runCli(['lint', '--format', 'json', 'odd/[1].smtp'], { cwd: root });
    assert.deepEqual([run.code, filesOf(run.stdout)], [1, ['odd/[1].smtp']]);
  });

  test('lint --fix through a pattern writes the files it matched, and only those', async () => {
    write('fixes/one.smtp', 'S: 220 x\nC: quit\nS: 221 bye\n');
    write('fixes/keep/two.smtp', 'S: 220 x\nC: quit\nS: 221 bye\n');
    const run = await runCli(['lint', '--fix', 'fixes/*.smtp'], { cwd: root });
    assert.deepEqual([run.code, run.stderr], [0, '']);
    assert.deepEqual([readFileSync(join(root, 'fixes/one.smtp'), 'utf8'), readFileSync(join(root, 'fixes/keep/two.smtp'), 'utf8')], ['S: 220 x\nC: QUIT\nS: 221 bye\n', 'S: 220 x\nC: quit\nS: 221 bye\n']);
  });

  test('replay takes patterns too', async () => {
    const run = await runCli(['replay', '--local', 'tests/*.smtp'], { cwd: root });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^tests\/a\.smtp session 1$/m);
    assert.match(run.stdout, /^replay: 1 passed, 0 failed, 0 skipped$/m);
  });
});
