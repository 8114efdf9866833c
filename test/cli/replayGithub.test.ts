// `replay --reporter github`: the text reporter's log with GitHub Actions annotations after each file's sessions.
// A failed expectation against real MTAs is in test/integration/replay-github.test.ts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { startScriptedServer } from './scriptedServer';

const dir = mkdtempSync(path.join(tmpdir(), 'smtp-replay-github-'));
const file = (name: string, text: string): string => {
  writeFileSync(path.join(dir, name), text);
  return name;
};
const replay = (args: string[]) => runCli(['replay', ...args], { cwd: dir });
/** The lines GitHub reads as workflow commands: it trims leading blanks before looking for `::`. */
const commands = (stdout: string) => stdout.split('\n').filter((line) => line.trimStart().startsWith('::'));

describe('smtp-transcript replay --reporter github', () => {
  test('an unverified certificate is a warning at its session, a skipped session a notice, an unreadable transcript an error at its line', async () => {
    const sessions = file(
      'sessions.smtp',
      '@tls = starttls\n\n### over TLS\nS: 220 *\nC: EHLO client.test\nS: 250 *\nC: STARTTLS\nS: 220 *\nC: EHLO client.test\nS: 250 *\nC: QUIT\nS: 221 *\n\n' +
        '### dropped\nS: 220 *\nC: EHLO client.test\nS: <reset>\n',
    );
    const broken = file('broken.smtp', 'S: 220 *\nC: MAIL FROM:<{{sender>\nS: 250 *\n');
    const run = await replay(['--local', '--insecure-tls', '--reporter', 'github', sessions, broken]);
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.deepEqual(commands(run.stdout), [
      '::warning file=sessions.smtp,line=3,title=replay session 1 "over TLS"::TLS certificate verification was not enforced for this server (insecure): a certificate that fails it is accepted.',
      '::notice file=sessions.smtp,line=14,title=replay session 2 "dropped"::skipped: line 17 scripts a server fault (`S: <reset>`) that only `smtp-transcript mock` plays',
      '::error file=broken.smtp,line=2,title=replay::`{{` is never closed: expected `}}` (write `\\{{` for literal braces).',
    ]);
    // The text reporter's log is all there too, its summary last.
    assert.match(run.stdout, /^ {2}✓ {4}7 STARTTLS → 220 2\.0\.0 Ready to start TLS /m);
    assert.match(run.stdout, /\nreplay: 1 passed, 1 failed, 1 skipped; TLS NOT VERIFIED in 1 session \(insecure\)\n$/);
  });

  test('--quiet: only the failing session and its annotation; what a server sends never starts a line, so it cannot forge one', async () => {
    const server = await startScriptedServer('220 hi\r\n', (line) => {
      if (line.startsWith('EHLO')) return '250-srv\r\n250 ::error file=forged.smtp,line=1::forged\r\n';
      return line === 'QUIT' ? '221 bye\r\n' : '250 ok\r\n';
    });
    const name = file('fails.smtp', '### passes\nS: 220 *\nC: NOOP\nS: 250 *\nC: QUIT\nS: 221 *\n\n### fails\nS: 220 *\nC: EHLO c.test\nS: 251 *\nC: QUIT\nS: 221 *\n');
    const run = await replay(['--server', `127.0.0.1:${server.port}`, '--reporter', 'github', '--quiet', name]);
    await server.close();
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.deepEqual(run.stdout.replace(/\b\d+ ms\b/g, 'N ms').split('\n'), [
      'fails.smtp session 2 "fails"',
      `  connected to 127.0.0.1:${server.port}, TLS none`,
      '  ✗   10 EHLO c.test → 250-srv (+1 line) N ms',
      '      fails.smtp:11: expected reply code 251, got 250: 250-srv (2 lines)',
      '      expected: 251 *',
      '      actual:   250-srv',
      '                250 ::error file=forged.smtp,line=1::forged',
      '  session 2 "fails" failed in N ms',
      '::error file=fails.smtp,line=11,title=replay session 2 "fails"::expected reply code 251, got 250: 250-srv (2 lines)%0Aexpected: 251 *%0Aactual:   250-srv%0A          250 ::error file=forged.smtp,line=1::forged',
      'replay: 1 passed, 1 failed, 0 skipped',
      '',
    ]);
    assert.equal(commands(run.stdout).length, 1);
  });

  test('a note on an exchange that passed is a notice at its line (not with --quiet); a file that cannot be read an error on it', async () => {
    // `@match = code`: the reply text may differ, and the text's `note:` line says how.
    const noted = file('noted.smtp', '@match = code\nS: 220 *\nC: NOOP\nS: 250 2.0.0 Fine thanks\nC: QUIT\nS: 221 *\n');
    const run = await replay(['--local', '--reporter', 'github', noted, 'gone.smtp']);
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.deepEqual(commands(run.stdout), [
      '::error file=gone.smtp,title=smtp-transcript replay::gone.smtp: no such file or directory',
      '::notice file=noted.smtp,line=3,title=replay session 1::note: expected text `Fine thanks`, got `OK`',
    ]);
    assert.match(run.stdout, /^ {2}✓ {4}3 NOOP → 250 2\.0\.0 OK \d+ ms\n {6}note: expected text `Fine thanks`, got `OK`$/m);
    assert.match(run.stderr, /^smtp-transcript replay: gone\.smtp: no such file or directory$/m);
    const quiet = await replay(['--local', '--reporter', 'github', '--quiet', noted]);
    assert.deepEqual([quiet.code, commands(quiet.stdout)], [0, []]);
  });

  test('a usage mistake is an ::error about the run; a file named like a command cannot start a log line with `::`', async () => {
    const usage = await replay(['--reporter', 'github', '--timeout', 'soon', '--local', 'x.smtp']);
    assert.deepEqual([usage.code, commands(usage.stdout)], [2, [`::error title=smtp-transcript replay::${usage.stderr.replace(/^smtp-transcript replay: |\n$/g, '')}`]]);
    const forged = file('::error file=forged.smtp::x.smtp', 'S: 220 *\nC: NOOP\nS: 251 *\nC: QUIT\nS: 221 *\n');
    const run = await replay(['--local', '--reporter', 'github', forged]);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    // The one command is the failure's own, its file property escaped (a `=` needs no escape: a property ends at `,`).
    assert.deepEqual(commands(run.stdout), [
      '::error file=%3A%3Aerror file=forged.smtp%3A%3Ax.smtp,line=3,title=replay session 1::expected reply code 251, got 250: 250 2.0.0 OK%0Aexpected: 251 *%0Aactual:   250 2.0.0 OK',
    ]);
    assert.match(run.stdout, /^:\u200b:error file=forged\.smtp::x\.smtp session 1$/m);
    assert.match(run.stdout, /^ {6}:\u200b:error file=forged\.smtp::x\.smtp:3: expected reply code 251, got 250/m);
  });

  test('--update and load mode report as text: with github they are usage errors', async () => {
    const name = file('usage.smtp', 'S: 220 *\nC: QUIT\nS: 221 *\n');
    const update = await replay(['--local', '--update', '--reporter', 'github', name]);
    assert.deepEqual([update.code, update.stderr], [2, 'smtp-transcript replay: --update shows its changes as text: use it with --reporter text\n']);
    const load = await replay(['--local', '--repeat', '2', '--reporter', 'github', name]);
    assert.deepEqual([load.code, load.stderr], [2, 'smtp-transcript replay: load mode (--repeat, --concurrency) reports as text or json, not github\n']);
  });
});

describe('smtp-transcript mock --reporter github', () => {
  test('a transcript that cannot be read, or with errors, is an ::error on it (at each error line) before anything listens', async () => {
    const mock = (args: string[]) => runCli(['mock', '--port', '0', '--reporter', 'github', ...args], { cwd: dir });
    assert.deepEqual(await mock(['gone.smtp']), {
      code: 2,
      stdout: '::error file=gone.smtp,title=smtp-transcript mock::gone.smtp: no such file or directory\n',
      stderr: 'smtp-transcript mock: gone.smtp: no such file or directory\n',
    });
    const broken = file('mock-broken.smtp', 'S: 220 *\nC: MAIL FROM:<{{x>\nS: 250 *\n');
    assert.deepEqual(await mock([broken]), {
      code: 2,
      stdout: '::error file=mock-broken.smtp,line=2,title=smtp-transcript mock::`{{` is never closed: expected `}}` (write `\\{{` for literal braces).\n',
      stderr:
        'mock-broken.smtp:2: `{{` is never closed: expected `}}` (write `\\{{` for literal braces).\n' +
        "smtp-transcript mock: mock-broken.smtp: fix the transcript's errors first (smtp-transcript lint mock-broken.smtp)\n",
    });
  });
});
