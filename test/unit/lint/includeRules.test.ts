import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LintContext } from '../../../server/src/features/lint/rule';
import { brief, diagnostic, lint } from './lintHarness';
import { lines } from '../../support/text';

/** File access as the CLI and the language server give it, over a fixed set of files. */
const files = (sizes: Record<string, number>): LintContext => ({
  readInclude: (path) => (path in sizes ? { kind: 'file', size: sizes[path] } : { kind: 'missing' }),
});

const GREET = ['S: 220 mx', 'C: EHLO c.test', 'S: 250-mx', 'S: 250 CHUNKING', 'C: MAIL FROM:<a@example.com>', 'S: 250 ok', 'C: RCPT TO:<b@example.com>', 'S: 250 ok'];
const ids = ['include-missing', 'bdat-size-mismatch', 'setting-value'];

describe('include-missing', () => {
  const text = lines(...GREET, 'C: DATA', 'S: 354 go', '< ./missing.eml', '< ./present.eml', '< ./{{name}}.eml', 'C: .', 'S: 250 ok');
  test('an include of a file that does not exist: error on the path', () => {
    const context = files({ './present.eml': 10 });
    assert.deepEqual(brief(lines('@name = x', text), ids, { context }), [{ line: 12, code: 'include-missing', severity: 'error' }]);
    const d = diagnostic(text, 'include-missing', { context });
    assert.deepEqual(d.range, { start: { line: 10, character: 2 }, end: { line: 10, character: 15 } });
    assert.equal(d.message, '`./missing.eml` does not exist (include paths are relative to the transcript): replay cannot send this content.');
  });
  test('without file access nothing is checked', () => {
    assert.deepEqual(brief(text, ids), []);
  });
  test('@ca naming a file that does not exist', () => {
    const ca = lines('@ca = ./ca.pem', 'S: 220 mx', 'C: QUIT', 'S: 221 bye');
    assert.deepEqual(brief(ca, ids, { context: files({}) }), [{ line: 1, code: 'setting-value', severity: 'error' }]);
    assert.deepEqual(brief(ca, ids, { context: files({ './ca.pem': 1200 }) }), []);
  });
  test('@dkim-key naming a file that does not exist; the PEM itself, or an environment variable holding it, names none', () => {
    const signing = (key: string) => lines('@dkim-domain = example.com', '@dkim-selector = s1', `@dkim-key = ${key}`, 'S: 220 mx', 'C: QUIT', 'S: 221 bye');
    assert.deepEqual(
      lint(signing('./keys/dkim.pem'), { context: files({}) }).filter((d) => ids.includes(d.code)).map((d) => [d.range.start.line, d.message]),
      [[2, '`@dkim-key = ./keys/dkim.pem`: no such file (the path is relative to the transcript).']],
    );
    assert.deepEqual(brief(signing('./keys/dkim.pem'), ids, { context: files({ './keys/dkim.pem': 300 }) }), []);
    const pem = { env: { DKIM_KEY: '-----BEGIN PRIVATE KEY-----\nMC4=\n-----END PRIVATE KEY-----' }, ...files({}) };
    assert.deepEqual(brief(signing('{{$env DKIM_KEY}}'), ids, { context: pem }), []);
  });
});

describe('BDAT with an include', () => {
  const chunk = (count: number) => lines(...GREET, `C: BDAT ${count} LAST`, 'C: Subject: x', '< ./body.eml', 'S: 250 ok');
  test('a count below the written lines plus the included file: error on the count', () => {
    const context = files({ './body.eml': 100 });
    assert.deepEqual(brief(chunk(50), ids, { context }), [{ line: 9, code: 'bdat-size-mismatch', severity: 'error' }]);
    assert.equal(
      diagnostic(chunk(50), 'bdat-size-mismatch', { context }).message,
      'BDAT declares 50 octets but the chunk below holds at least 112 (its included files alone are 100 octets; RFC 3030 §2). Use `BDAT * LAST` to have the count computed.',
    );
  });
  test('a count the chunk may reach (line ends may grow the file): nothing', () => {
    assert.deepEqual(brief(chunk(112), ids, { context: files({ './body.eml': 100 }) }), []);
    assert.deepEqual(brief(chunk(120), ids, { context: files({ './body.eml': 100 }) }), []);
  });
});

describe('include-outside-folder and include-unreadable', () => {
  const context: LintContext = {
    env: { HOME: '/home/alice' },
    readInclude: (path) =>
      path === '/etc/passwd' || path === '/home/alice/.bashrc'
        ? { kind: 'outside', throughLink: false }
        : path === '/dev/zero'
          ? { kind: 'unreadable', problem: 'is a character device, not a regular file' }
          : { kind: 'file', size: 5 },
  };
  const text = lines(...GREET, 'C: DATA', 'S: 354 go', '< /etc/passwd', '< {{$env HOME}}/.bashrc', '< /dev/zero', '< ./{{name}}', 'C: .', 'S: 250 ok');
  const codes = ['include-missing', 'include-outside-folder', 'include-unreadable'];
  test('each path the policy refuses, at the path, as written; a path with a user variable is left to replay', () => {
    assert.deepEqual(
      lint(lines('@name = x', text), { context }).filter((d) => codes.includes(d.code)).map((d) => [d.range.start.line, d.code, d.severity, d.message]),
      [
        [11, 'include-outside-folder', 'error', "`/etc/passwd` is outside the transcript's folder, the workspace and the allowed folders: replay will not read this include. Move the file next to the transcript, or allow its folder (`--allow-include-dir DIR`, the `smtp.includes.allowedFolders` setting)."],
        [12, 'include-outside-folder', 'error', "`{{$env HOME}}/.bashrc` (/home/alice/.bashrc) is outside the transcript's folder, the workspace and the allowed folders: replay will not read this include. Move the file next to the transcript, or allow its folder (`--allow-include-dir DIR`, the `smtp.includes.allowedFolders` setting)."],
        [13, 'include-unreadable', 'error', '`/dev/zero` is a character device, not a regular file: replay cannot read this include.'],
      ],
    );
  });
  test('without the environment (the editor) an $env path is not guessed', () => {
    assert.deepEqual(brief(text, codes, { context: { readInclude: context.readInclude } }).map((b) => b.line), [11, 13]);
  });
  test('@dkim-key outside the folder, through a symbolic link: said so, where it leads is not', () => {
    const key = lines('@dkim-domain = example.com', '@dkim-selector = s1', '@dkim-key = rsa.pem', 'S: 220 mx', 'C: QUIT', 'S: 221 bye');
    assert.deepEqual(
      lint(key, { context: { readInclude: () => ({ kind: 'outside', throughLink: true }) } }).filter((d) => [...codes, 'setting-value'].includes(d.code)).map((d) => [d.range.start.line, d.code, d.message]),
      [[2, 'include-outside-folder', "`@dkim-key = rsa.pem` leads, through a symbolic link, outside the transcript's folder, the workspace and the allowed folders: replay will not read this DKIM key file. Move the file next to the transcript, or allow its folder (`--allow-include-dir DIR`, the `smtp.includes.allowedFolders` setting)."]],
    );
  });
  test('@ca outside the folder', () => {
    const ca = lines('@ca = /etc/ssl/private/key.pem', 'S: 220 mx', 'C: QUIT', 'S: 221 bye');
    assert.deepEqual(brief(ca, [...codes, 'setting-value'], { context: { readInclude: () => ({ kind: 'outside', throughLink: false }) } }), [
      { line: 1, code: 'include-outside-folder', severity: 'error' },
    ]);
  });
});

describe('invalid-utf8', () => {
  const text = lines('S: 220 mx', 'C: EHLO caf\ufffd.test', 'S: 250 ok');
  test('where the bytes are known (the CLI): an error on each line the caller names', () => {
    assert.deepEqual(
      lint(text, { context: { invalidUtf8Lines: [1] } }).filter((d) => d.code === 'invalid-utf8').map((d) => [d.range, d.severity, d.message]),
      [[{ start: { line: 1, character: 0 }, end: { line: 1, character: 17 } }, 'error', 'This line holds bytes that are not valid UTF-8 (shown as U+FFFD): replay would send U+FFFD instead of them, so it refuses. Save the file as UTF-8.']],
    );
  });
  test('in the editor (text already decoded): a warning at the U+FFFD that says it may stand for such bytes', () => {
    assert.deepEqual(
      lint(text).filter((d) => d.code === 'invalid-utf8').map((d) => [d.range, d.severity, d.message]),
      [[{ start: { line: 1, character: 11 }, end: { line: 1, character: 12 } }, 'warning', "U+FFFD (the replacement character) may stand for bytes that are not valid UTF-8, which the editor could not decode: replay sends U+FFFD itself. Check the file's encoding (the CLI's lint tells for sure)."]],
    );
  });
  test('a clean file, with or without byte knowledge: nothing', () => {
    assert.deepEqual(brief(lines('S: 220 mx', 'C: QUIT', 'S: 221 bye'), ['invalid-utf8'], { context: { invalidUtf8Lines: [] } }), []);
  });
});
