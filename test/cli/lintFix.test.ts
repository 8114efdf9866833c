// `smtp-transcript lint --fix`: the files rewritten with their safe fixes, byte for byte as read apart from the fixes
// (line ends, byte order mark, encoding), and the report is what is left.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runAs65534, runCli, runCliThrough } from '../support/cli';

const dir = mkdtempSync(path.join(tmpdir(), 'smtp-lint-fix-'));
const file = (name: string, bytes: string | Buffer): string => {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
};

const UNFIXED = ['S: 220 mx', 'C: ehlo client.test', 'S: 250 mx', 'C: MAIL FROM: <a@example.org>', 'S: 250 ok', 'C: quit', 'S: 221 bye', ''];
const FIXED = ['S: 220 mx', 'C: EHLO client.test', 'S: 250 mx', 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', 'C: QUIT', 'S: 221 bye', ''];

describe('smtp-transcript lint --fix', () => {
  test('the safe fixes are written to the file; the report lists what is left and how many were fixed', async () => {
    const fixable = file('fixable.smtp', [...UNFIXED.slice(0, -1), 'C: HELO again.test', 'S: 250 mx', ''].join('\n'));
    const run = await runCli(['lint', '--fix', fixable]);
    // The error left (HELO after QUIT has no safe fix) fails the run.
    assert.equal(run.code, 1, run.stderr);
    assert.equal(readFileSync(fixable, 'utf8'), [...FIXED.slice(0, -1), 'C: HELO again.test', 'S: 250 mx', ''].join('\n'));
    const report = run.stdout.split('\n').map((line) => line.replace(/ {2}\S.* {2}\[/, ' … ['));
    assert.deepEqual(report, [
      `${fixable}: 3 problems fixed`,
      `${fixable}:8:4 … [command-after-quit]`,
      `${fixable}:8:4 … [helo-instead-of-ehlo]`,
      '1 file checked: 1 error, 0 warnings, 0 info, 1 hint, 3 problems fixed',
      '',
    ]);
  });

  test('with --format json the report keeps its shape (what is left) and the count of fixes goes to stderr', async () => {
    const fixable = file('fixable-json.smtp', UNFIXED.join('\n'));
    const run = await runCli(['lint', '--fix', '--format', 'json', fixable]);
    assert.deepEqual([run.code, JSON.parse(run.stdout), run.stderr], [0, [], `smtp-transcript lint: ${fixable}: 3 problems fixed\n`]);
    assert.equal(readFileSync(fixable, 'utf8'), FIXED.join('\n'));
  });

  test('fourteen header fixes in one BDAT chunk (each rewriting its count) are all made in one run, the count made once', async () => {
    const names = ['From', 'Date', 'Subject', 'To', 'Cc', 'Reply-To', 'Message-ID', 'X-1', 'X-2', 'X-3', 'X-4', 'X-5', 'X-6', 'X-7'];
    const values = ['<a@example.org>', 'Thu, 1 Jan 2026 00:00:00 +0000', 'hi', '<b@example.org>', '<c@example.org>', '<a@example.org>', '<1@example.org>', '1', '2', '3', '4', '5', '6', '7'];
    const chunk = (separator: string) => [...names.map((name, i) => `${name}${separator}${values[i]}`), '', 'Hi'];
    const transcript = (separator: string) => {
      const content = chunk(separator);
      const octets = content.reduce((sum, line) => sum + Buffer.byteLength(line) + 2, 0);
      return ['S: 220 mx', 'C: EHLO c.test', 'S: 250-mx', 'S: 250 CHUNKING', 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', 'C: RCPT TO:<b@example.org>', 'S: 250 ok', `C: BDAT ${octets} LAST`, ...content.map((line) => (line === '' ? 'C:' : `C: ${line}`)), 'S: 250 ok', 'C: QUIT', 'S: 221 bye', ''].join('\n');
    };
    const chunked = file('chunked.smtp', transcript(' : '));
    assert.match(readFileSync(chunked, 'utf8'), /^C: BDAT 248 LAST$/m);
    const run = await runCli(['lint', '--fix', chunked]);
    assert.deepEqual([run.code, run.stdout], [0, `${chunked}: 14 problems fixed\n1 file checked: 0 errors, 0 warnings, 0 info, 0 hints, 14 problems fixed\n`]);
    assert.equal(readFileSync(chunked, 'utf8'), transcript(': '));
    // One blank taken from each of the 14 lines.
    assert.match(readFileSync(chunked, 'utf8'), /^C: BDAT 234 LAST$/m);
  });

  test('a file with nothing to fix is left as it is (not written)', async () => {
    const clean = file('clean.smtp', FIXED.join('\n'));
    const before = readFileSync(clean);
    const run = await runCli(['lint', '--fix', clean]);
    assert.deepEqual([run.code, run.stdout], [0, '1 file checked: 0 errors, 0 warnings, 0 info, 0 hints\n']);
    assert.deepEqual(readFileSync(clean), before);
  });

  test('CRLF line ends, a UTF-8 byte order mark and UTF-16 stay as they were', async () => {
    const crlf = file('crlf.smtp', `\ufeff${UNFIXED.join('\r\n')}`);
    const le = file('utf16.smtp', Buffer.from(`\ufeff${UNFIXED.join('\n')}`, 'utf16le'));
    const run = await runCli(['lint', '--fix', crlf, le]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(readFileSync(crlf, 'utf8'), `\ufeff${FIXED.join('\r\n')}`);
    assert.deepEqual(readFileSync(le), Buffer.from(`\ufeff${FIXED.join('\n')}`, 'utf16le'));
  });

  test('a file holding bytes that are not UTF-8 is reported, not rewritten', async () => {
    const bytes = Buffer.concat([Buffer.from(UNFIXED.join('\n')), Buffer.from([0xff, 0x0a])]);
    const invalid = file('invalid.smtp', bytes);
    const run = await runCli(['lint', '--fix', invalid]);
    assert.equal(run.stderr, `smtp-transcript lint: ${invalid}: not fixed: line 8 holds bytes that are not UTF-8, which writing the file back would replace\n`);
    assert.deepEqual(readFileSync(invalid), bytes);
    assert.match(run.stdout, /invalid\.smtp:8:1 {2}error {2}.*\[invalid-utf8\]/);
    assert.equal(run.code, 1);
  });

  test('a symbolic link stays a link, its target fixed; a file named twice, or by a link and its target, is fixed and counted once', async () => {
    const target = file('target.smtp', UNFIXED.join('\n'));
    const link = path.join(dir, 'link.smtp');
    symlinkSync('target.smtp', link);
    const run = await runCli(['lint', '--fix', link, target, link], { cwd: dir });
    assert.deepEqual([run.code, run.stdout], [0, `${link}: 3 problems fixed\n1 file checked: 0 errors, 0 warnings, 0 info, 0 hints, 3 problems fixed\n`]);
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readFileSync(target, 'utf8'), FIXED.join('\n'));
  });

  test("the file keeps its mode and its hard links; nothing is left beside it", async () => {
    const sub = path.join(dir, 'kept');
    mkdirSync(sub);
    const fixable = path.join(sub, 'mode.smtp');
    writeFileSync(fixable, UNFIXED.join('\n'));
    chmodSync(fixable, 0o640);
    const linked = path.join(sub, 'linked.smtp');
    writeFileSync(linked, UNFIXED.join('\n'));
    linkSync(linked, path.join(sub, 'second-name.txt'));
    const run = await runCli(['lint', '--fix', fixable, linked]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(statSync(fixable).mode & 0o777, 0o640);
    assert.equal(readFileSync(path.join(sub, 'second-name.txt'), 'utf8'), FIXED.join('\n'));
    assert.deepEqual(readdirSync(sub).sort(), ['linked.smtp', 'mode.smtp', 'second-name.txt']);
  });

  test('a read-only file is refused in one line, exit 2, and left as it was; the next file is fixed all the same (run as uid 65534)', async (t) => {
    const sub = path.join(dir, 'read-only');
    mkdirSync(sub);
    chmodSync(dir, 0o755);
    // The folder takes new files: the fix must not replace a file its owner made read-only.
    chmodSync(sub, 0o777);
    const locked = path.join(sub, 'locked.smtp');
    writeFileSync(locked, UNFIXED.join('\n'));
    chmodSync(locked, 0o444);
    const writable = path.join(sub, 'writable.smtp');
    writeFileSync(writable, UNFIXED.join('\n'));
    chmodSync(writable, 0o666);
    const run = await runAs65534(['lint', '--fix', locked, writable], sub);
    if (!run) {
      t.skip('SKIPPED LOUDLY: setpriv cannot drop to uid 65534 here, so permissions cannot be tested honestly');
      return;
    }
    assert.deepEqual([run.code, run.stderr], [2, `smtp-transcript lint: cannot write ${locked}: permission denied; the file is left as it was\n`]);
    assert.equal(readFileSync(locked, 'utf8'), UNFIXED.join('\n'));
    assert.equal(readFileSync(writable, 'utf8'), FIXED.join('\n'));
    // The file left as it was is reported with its findings; the fixed one has none left.
    assert.match(run.stdout, /locked\.smtp:2:4 {2}hint {2}.*\[lowercase-verb\]/);
    assert.match(run.stdout, /writable\.smtp: 3 problems fixed/);
    assert.deepEqual(readdirSync(sub).sort(), ['locked.smtp', 'writable.smtp']);
  });

  test('a writable file in a folder that takes no new file is fixed where it is (run as uid 65534)', async (t) => {
    const sub = path.join(dir, 'closed-folder');
    mkdirSync(sub);
    chmodSync(dir, 0o755);
    const open = path.join(sub, 'open.smtp');
    writeFileSync(open, UNFIXED.join('\n'));
    chmodSync(open, 0o666);
    chmodSync(sub, 0o555);
    const run = await runAs65534(['lint', '--fix', open], sub);
    if (!run) {
      t.skip('SKIPPED LOUDLY: setpriv cannot drop to uid 65534 here, so permissions cannot be tested honestly');
      return;
    }
    assert.equal(run.code, 0, run.stderr);
    assert.equal(readFileSync(open, 'utf8'), FIXED.join('\n'));
  });

  test('a write that fails midway (the file size limit) leaves the file whole as it was, and nothing beside it', async (t) => {
    const sub = path.join(dir, 'size-limit');
    mkdirSync(sub);
    // Each bracketed path makes the file longer than the limit, which is its size now.
    const before = ['S: 220 mx', 'C: EHLO c.test', 'S: 250 mx', ...Array.from({ length: 300 }, (_, i) => [`C: MAIL FROM:a${i}@example.org`, 'S: 250 ok', 'C: RSET', 'S: 250 ok']).flat(), ''].join('\n');
    const growing = path.join(sub, 'growing.smtp');
    writeFileSync(growing, before);
    const run = await runCliThrough(['prlimit', `--fsize=${before.length}`], ['lint', '--fix', growing], sub);
    if (!run) {
      t.skip('SKIPPED LOUDLY: prlimit cannot run here, so a write cut short cannot be made');
      return;
    }
    assert.deepEqual([run.code, run.stderr], [2, `smtp-transcript lint: cannot write ${growing}: the file would be larger than the system allows; the file is left as it was\n`]);
    assert.equal(readFileSync(growing, 'utf8'), before);
    assert.deepEqual(readdirSync(sub), ['growing.smtp']);
  });
});
