// `lint --format github` (workflow commands for annotations on a pull request), run as a CI job runs it: from the
// repository's folder, with the paths it names.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';

const dir = mkdtempSync(path.join(tmpdir(), 'smtp-lint-ci-'));
mkdirSync(path.join(dir, 'sub dir'));
const file = (name: string, text: string): string => {
  writeFileSync(path.join(dir, name), text);
  return name;
};
const lint = (args: string[]) => runCli(['lint', ...args], { cwd: dir });

// A hint (HELO), two warnings and an info on the MAIL line (columns after the emoji count its two UTF-16 code
// units), and an error whose message holds a `%`.
const FINDINGS = 'S: 220 ready\nC: HELO a\nS: 250 ok\nC: MAIL FROM:<😀@b.example> FOO=1\nS: 250 ok\nC: QUIT\nS: 221 bye\n221 100% bye\n';
const CLEAN = 'S: 220 ready\nC: EHLO a\nS: 250 ok\nC: QUIT\nS: 221 bye\n';

describe('smtp-transcript lint --format github', () => {
  test('one workflow command per finding on stdout, its path and message escaped; the summary on stderr; exit 1 on an error', async () => {
    const name = file('sub dir/a,b:c.smtp', FINDINGS);
    const where = 'file=sub dir/a%2Cb%3Ac.smtp';
    const run = await lint(['--format', 'github', name]);
    assert.deepEqual(run, {
      code: 1,
      stdout:
        `::notice ${where},line=2,col=4,endLine=2,endColumn=8,title=helo-instead-of-ehlo::HELO opens a session without service extensions (no STARTTLS, AUTH, SIZE, PIPELINING, ...): send EHLO unless the test is about HELO (RFC 5321 §4.1.1.1, Appendix F.3).\n` +
        `::warning ${where},line=4,col=14,endLine=4,endColumn=28,title=address-needs-smtputf8::This address holds non-ASCII characters: the transaction's MAIL FROM must carry \`SMTPUTF8\` (RFC 6531 §3.4), or the server refuses it (553, or 501 5.1.3). Add \` SMTPUTF8\` to line 4, or expect the refusal.\n` +
        `::warning ${where},line=4,col=29,endLine=4,endColumn=34,title=extension-without-ehlo::FOO=1 is a MAIL parameter, but the session was opened with HELO and a server answering HELO offers no service extensions (RFC 5321 §4.1.1.1): send EHLO instead, remove the parameter, or expect the refusal.\n` +
        `::notice ${where},line=4,col=29,endLine=4,endColumn=34,title=parameter-unknown::No registered SMTP extension defines the MAIL parameter FOO; servers that don't know it refuse the command with 555 (RFC 5321 §4.1.1.11). Check the spelling.\n` +
        `::error ${where},line=8,col=1,endLine=8,endColumn=13,title=unknown-line::Expected a line prefix: did you mean \`S: 221 100%25 bye\`?\n`,
      stderr: '1 file checked: 1 error, 2 warnings, 1 info, 1 hint\n',
    });
  });

  test('--quiet lists the errors only; without errors the exit code is 0, as for text; --max-warnings still counts', async () => {
    const name = file('quiet.smtp', FINDINGS);
    assert.deepEqual(await lint(['--format', 'github', '--quiet', name]), {
      code: 1,
      stdout: '::error file=quiet.smtp,line=8,col=1,endLine=8,endColumn=13,title=unknown-line::Expected a line prefix: did you mean `S: 221 100%25 bye`?\n',
      stderr: '1 file checked: 1 error, 2 warnings, 1 info, 1 hint (only errors listed: --quiet)\n',
    });
    const clean = file('clean.smtp', CLEAN);
    assert.deepEqual(await lint(['--format', 'github', clean]), { code: 0, stdout: '', stderr: '1 file checked: 0 errors, 0 warnings, 0 info, 0 hints\n' });
    const warned = file('warned.smtp', FINDINGS.replace('221 100% bye\n', ''));
    assert.deepEqual(await lint(['--format', 'github', '--quiet', '--max-warnings', '1', warned]), {
      code: 1,
      stdout: '',
      stderr: '1 file checked: 0 errors, 2 warnings, 1 info, 1 hint (only errors listed: --quiet)\nsmtp-transcript lint: 2 warnings, more than --max-warnings 1\n',
    });
  });
});
