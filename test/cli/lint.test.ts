import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';

const dir = mkdtempSync(path.join(tmpdir(), 'smtp-lint-'));
const file = (name: string, text: string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('smtp-transcript lint', () => {
  test('the classic transcript has no errors: exit 0', async () => {
    const run = await runCli(['lint', '--format', 'json', 'examples/classic.smtp']);
    assert.equal(run.code, 0, run.stderr);
    const rows = JSON.parse(run.stdout) as Array<{ severity: string }>;
    assert.deepEqual(rows.filter((r) => r.severity === 'error'), []);
  });

  test('a malformed file: each problem at its line, exit 1', async () => {
    const bad = file('bad.smtp', 'S: 220 ready\nEHLO client.test\nS: 250 ok\nC: MAIL FROM:<{{sender>\n');
    const run = await runCli(['lint', '--format', 'json', bad]);
    assert.equal(run.code, 1);
    const rows = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    const errors = rows.filter((r) => r.severity === 'error');
    assert.deepEqual(errors.map((r) => [r.line, r.column, r.code]), [
      [2, 1, 'unknown-line'],
      [3, 1, 'reply-without-command'],
      [4, 15, 'unterminated-reference'],
    ]);
    assert.deepEqual(Object.keys(errors[0]), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
    assert.equal(errors[0].file, bad);
  });

  test('text output names file:line:column and ends with a summary', async () => {
    const bad = file('text.smtp', 'S: 220 ready\n250 ok\n');
    const run = await runCli(['lint', bad]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:1  error  Expected a line prefix: did you mean \`S: 250 ok\`\\?  \\[unknown-line\\]$`, 'm'));
    assert.match(run.stdout, /^1 file checked: 1 error, /m);
  });

  test('a UTF-8 byte order mark is not part of line 1', async () => {
    const bom = file('bom.smtp', '\ufeffS: 220 x\r\nC: QUIT\r\nS: 221 bye\r\n');
    const run = await runCli(['lint', '--format', 'json', bom]);
    assert.deepEqual([run.code, JSON.parse(run.stdout)], [0, []]);
  });

  test('directories are searched for .smtp files', async () => {
    const run = await runCli(['lint', 'examples']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /files? checked: 0 errors/);
  });

  test('a quoted pattern is expanded by the CLI (test/cli/filePatterns.test.ts); a missing file is said to be missing', async () => {
    const run = await runCli(['lint', 'examples/**/*.smtp']);
    assert.deepEqual([run.code, run.stderr], [0, '']);
    const folder = await runCli(['lint', 'examples']);
    assert.equal(run.stdout, folder.stdout);
    const file = await runCli(['lint', 'no/such/file.smtp']);
    assert.deepEqual([file.code, file.stderr], [2, 'smtp-transcript lint: no/such/file.smtp: no such file or directory\n']);
  });

  test('usage problems and unreadable files: one clear line, exit 2, no stack trace', async () => {
    const missing = await runCli(['lint', 'no/such/file.smtp']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^smtp-transcript lint: no\/such\/file\.smtp: no such file or directory$/m);
    const badFormat = await runCli(['lint', '--format', 'xml', 'examples/classic.smtp']);
    assert.deepEqual([badFormat.code, badFormat.stderr], [2, "smtp-transcript lint: --format must be text, json, github or sarif, not 'xml'\n"]);
    const unknownOption = await runCli(['lint', '--frmat', 'json']);
    assert.deepEqual([unknownOption.code, unknownOption.stderr], [2, 'smtp-transcript lint: unknown option --frmat: did you mean --format? (--help lists the options)\n']);
    const farOff = await runCli(['lint', '-z', 'examples/classic.smtp']);
    assert.deepEqual([farOff.code, farOff.stderr], [2, 'smtp-transcript lint: unknown option -z (--help lists the options)\n']);
    const quoted = await runCli(['lint', "--format's", 'examples/classic.smtp']);
    assert.deepEqual([quoted.code, quoted.stderr], [2, "smtp-transcript lint: unknown option --format's: did you mean --format? (--help lists the options)\n"]);
    const unknownCommand = await runCli(['lnt']);
    assert.equal(unknownCommand.code, 2);
    for (const run of [missing, badFormat, unknownOption, farOff, quoted, unknownCommand]) assert.doesNotMatch(run.stderr, /\n\s+at /);
  });
});

describe('smtp-transcript lint settings', () => {
  const classic = 'S: 220 mx\nC: helo me\nS: 250 ok\nC: MAIL FROM: <a@b.example>\nS: 250 ok\n';

  test('--rule sets a severity or turns a rule off; a bad flag is a usage error', async () => {
    const target = file('rules.smtp', classic);
    const run = await runCli(['lint', '--format', 'json', '--rule', 'path-space-after-colon=error', '--rule', 'lowercase-verb=off', target]);
    assert.equal(run.code, 1);
    const rows = JSON.parse(run.stdout) as Array<{ code: string; severity: string }>;
    assert.equal(rows.find((r) => r.code === 'path-space-after-colon')?.severity, 'error');
    assert.equal(rows.some((r) => r.code === 'lowercase-verb'), false);
    const bad = await runCli(['lint', '--rule', 'no-such-rule=off', target]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Unknown rule id "no-such-rule"/);
  });

  test('the nearest .smtplintrc.json applies; --no-config ignores it', async () => {
    const configured = mkdtempSync(path.join(dir, 'rc-'));
    writeFileSync(path.join(configured, '.smtplintrc.json'), JSON.stringify({ rules: { 'path-space-after-colon': 'off' } }));
    const nested = path.join(configured, 'nested.smtp');
    writeFileSync(nested, classic);
    const withConfig = JSON.parse((await runCli(['lint', '--format', 'json', nested])).stdout) as Array<{ code: string }>;
    assert.equal(withConfig.some((r) => r.code === 'path-space-after-colon'), false);
    const without = JSON.parse((await runCli(['lint', '--format', 'json', '--no-config', nested])).stdout) as Array<{ code: string }>;
    assert.equal(without.some((r) => r.code === 'path-space-after-colon'), true);
  });

  test('an unset environment variable read with $env is reported', async () => {
    const target = file('env.smtp', '@password = {{$env SMTP_LINT_TEST_UNSET}}\nS: 220 mx\nC: AUTH PLAIN {{$plain me {{password}}}}\nS: 235 ok\n');
    const run = await runCli(['lint', '--format', 'json', target]);
    const rows = JSON.parse(run.stdout) as Array<{ code: string; line: number }>;
    assert.deepEqual(rows.filter((r) => r.code === 'env-unset').map((r) => r.line), [1]);
  });

  test('an include of a missing file is an error at its line; an existing one is fine', async () => {
    const folder = mkdtempSync(path.join(dir, 'inc-'));
    const text = (include: string) =>
      `S: 220 x\nC: EHLO a\nS: 250 ok\nC: MAIL FROM:<a@b.example>\nS: 250 ok\nC: RCPT TO:<c@example.com>\nS: 250 ok\nC: DATA\nS: 354 go\n< ${include}\nC: .\nS: 250 ok\n`;
    writeFileSync(path.join(folder, 'present.eml'), 'Subject: x\r\n\r\nbody\r\n');
    writeFileSync(path.join(folder, 'ok.smtp'), text('./present.eml'));
    writeFileSync(path.join(folder, 'missing.smtp'), text('./missing.eml'));
    const ok = JSON.parse((await runCli(['lint', '--format', 'json', path.join(folder, 'ok.smtp')])).stdout) as Array<{ code: string }>;
    assert.equal(ok.some((r) => r.code === 'include-missing'), false);
    const missing = await runCli(['lint', '--format', 'json', path.join(folder, 'missing.smtp')]);
    assert.equal(missing.code, 1);
    const rows = JSON.parse(missing.stdout) as Array<{ code: string; line: number }>;
    assert.deepEqual(rows.filter((r) => r.code === 'include-missing').map((r) => r.line), [10]);
  });

  test('--quiet lists errors only (the summary still counts all); --max-warnings N fails on more warnings than N', async () => {
    // A HELO session (a hint), a message without headers (three warnings), a line without a prefix (an error).
    const session = 'S: 220 ready\nC: HELO a\nS: 250 ok\nC: MAIL FROM:<a@b.c>\nS: 250 ok\nC: RCPT TO:<d@e.f>\nS: 250 ok\nC: DATA\nS: 354 go\nC: hi\nC: .\nS: 250 ok\n';
    const withError = file('quiet.smtp', `${session}250 x\n`);
    const quiet = await runCli(['lint', '--quiet', withError]);
    assert.equal(quiet.code, 1);
    assert.equal(quiet.stdout, `${withError}:13:1  error  Expected a line prefix: did you mean \`S: 250 x\`?  [unknown-line]\n1 file checked: 1 error, 3 warnings, 0 info, 1 hint (only errors listed: --quiet)\n`);
    const json = await runCli(['lint', '-q', '--format', 'json', withError]);
    assert.deepEqual((JSON.parse(json.stdout) as Array<{ code: string }>).map((r) => r.code), ['unknown-line']);

    const warningsOnly = file('warnings.smtp', session);
    const within = await runCli(['lint', '--max-warnings', '3', '--quiet', warningsOnly]);
    assert.deepEqual([within.code, within.stdout, within.stderr], [0, '1 file checked: 0 errors, 3 warnings, 0 info, 1 hint (only errors listed: --quiet)\n', '']);
    const over = await runCli(['lint', '--max-warnings', '2', warningsOnly]);
    assert.deepEqual([over.code, over.stderr], [1, 'smtp-transcript lint: 3 warnings, more than --max-warnings 2\n']);
    const bad = await runCli(['lint', '--max-warnings=-1', warningsOnly]);
    assert.deepEqual([bad.code, bad.stderr], [2, "smtp-transcript lint: --max-warnings takes a number of warnings (0 or more), not '-1'\n"]);
  });

  test('--list-rules prints every rule id with its default severity', async () => {
    const run = await runCli(['lint', '--list-rules']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^path-space-after-colon +warning /m);
    assert.match(run.stdout, /^rcpt-before-mail +error /m);
  });
});
