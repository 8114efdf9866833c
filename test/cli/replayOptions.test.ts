import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';

const dir = mkdtempSync(path.join(tmpdir(), 'smtp-options-'));
const session = (name: string) => `### ${name}\nS: 220 *\nC: NOOP\nS: 250 *\nC: QUIT\nS: 221 *\n`;

describe('replay options', () => {
  test('--session over a directory replays the files that have it; a name no file has lists the names there are', async () => {
    const sessions = path.join(dir, 'sessions');
    mkdirSync(sessions);
    writeFileSync(path.join(sessions, 'a.smtp'), session('alpha'));
    writeFileSync(path.join(sessions, 'b.smtp'), session('beta') + '\n' + session('gamma'));
    const found = await runCli(['replay', '--local', '--session', 'beta', sessions]);
    assert.equal(found.code, 0, found.stdout + found.stderr);
    assert.match(found.stdout, /^replay: 1 passed, 0 failed, 0 skipped$/m);
    assert.doesNotMatch(found.stdout + found.stderr, /alpha/);
    const missing = await runCli(['replay', '--local', '--session', 'delta', sessions]);
    assert.deepEqual(
      [missing.code, missing.stdout, missing.stderr],
      [2, '', `smtp-transcript replay: no session named 'delta' in any of the 2 files (sessions: "alpha", "beta", "gamma"; or a number from 1 to 2)\n`],
    );
  });

  test('a duration longer than a timer can wait is refused with the limit', async () => {
    for (const [option, value] of [['--timeout', '99999999s'], ['--connect-timeout', '2147484s']]) {
      const run = await runCli(['replay', '--local', option, value, 'examples/plain.smtp']);
      assert.deepEqual([run.code, run.stderr], [2, `smtp-transcript replay: ${option} can be at most 2147483647ms (about 24 days), not '${value}'\n`]);
    }
    assert.equal((await runCli(['replay', '--local', '--timeout', '2147483s', 'examples/plain.smtp'])).code, 0);
  });

  test('--local leaves no temporary mail directory behind; --mail-dir keeps the messages', async () => {
    const temp = mkdtempSync(path.join(dir, 'tmp-'));
    const run = await runCli(['replay', '--local', 'examples/plain.smtp'], { env: { TMPDIR: temp } });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(readdirSync(temp), []);
    const mail = path.join(dir, 'kept-mail');
    const kept = await runCli(['replay', '--local', '--mail-dir', mail, 'examples/plain.smtp'], { env: { TMPDIR: temp } });
    assert.equal(kept.code, 0, kept.stdout + kept.stderr);
    assert.match(kept.stderr, new RegExp(`messages in ${mail.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n$`));
    assert.equal(readdirSync(mail).filter((name) => name.endsWith('.eml')).length, 1);
    assert.deepEqual(readdirSync(temp), []);
  });

  test('--mail-dir: only with --local, and it must be able to be a directory', async () => {
    const aFile = path.join(dir, 'a-file');
    writeFileSync(aFile, 'x');
    const cases: Array<[string[], string]> = [
      [['--mail-dir', dir], '--mail-dir is where --local stores messages: use it with --local'],
      [['--local', '--mail-dir', aFile], `--mail-dir ${aFile}: is a file, not a directory`],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(['replay', ...args, 'examples/plain.smtp']);
      assert.deepEqual([run.code, run.stderr], [2, `smtp-transcript replay: ${message}\n`]);
    }
  });

  test('--local takes its AUTH password from SMTP_LOCAL_PASSWORD, as serve does', async () => {
    const same = await runCli(['replay', '--local', 'examples/starttls-auth.smtp'], { env: { SMTP_LOCAL_PASSWORD: 'other-secret', SMTP_PASSWORD: 'other-secret' } });
    assert.equal(same.code, 0, same.stdout + same.stderr);
    const differs = await runCli(['replay', '--local', 'examples/starttls-auth.smtp'], { env: { SMTP_LOCAL_PASSWORD: 'other-secret', SMTP_PASSWORD: 'testpass' } });
    assert.equal(differs.code, 1);
    assert.match(differs.stdout, /actual: {3}535 /);
  });
});
