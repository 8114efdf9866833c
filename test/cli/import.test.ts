import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CLI, REPO, runCli } from '../support/cli';

const FIXTURES = path.join(REPO, 'test/unit/import/fixtures');
const fixture = (name: string): string => path.join(FIXTURES, name);
const dir = mkdtempSync(path.join(tmpdir(), 'smtp-import-'));

/** The command on a terminal (NO_COLOR set: no colour, still a terminal): util-linux's `script` gives it a pseudo-terminal; its output comes back with CRLFs. */
async function onTerminal(args: string[]): Promise<string> {
  const command = [process.execPath, CLI, ...args].map((word) => `'${word}'`).join(' ');
  const { stdout } = await promisify(execFile)('script', ['-qec', command, '/dev/null'], { env: { ...process.env, NO_COLOR: '1' } });
  return stdout.replace(/\r\n/g, '\n');
}

describe('smtp-transcript import', () => {
  test("a client's escape sequence in a command: kept in the file and through a pipe, shown as \\x1b on a terminal (import and export)", async () => {
    const capture = path.join(dir, 'escape.txt');
    writeFileSync(capture, '<-  220 mx\n -> EHLO c\x1b[2J.test\n<-  250 mx\n -> QUIT\n<-  221 bye\n');
    const piped = await runCli(['import', capture]);
    assert.match(piped.stdout, /^C: EHLO c\x1b\[2J\.test$/m);
    const shown = await onTerminal(['import', capture]);
    assert.doesNotMatch(shown, /\x1b/);
    assert.match(shown, /^C: EHLO c\\x1b\[2J\.test$/m);
    assert.match(shown, /^smtp-transcript import: the output holds control characters, shown here as \\xHH so that the terminal does not act on them; redirect the output or give --out FILE for the exact text$/m);
    const transcript = path.join(dir, 'escape.smtp');
    writeFileSync(transcript, piped.stdout);
    assert.match((await runCli(['export', '--as', 'swaks', transcript])).stdout, /--ehlo 'c\x1b\[2J\.test'/);
    const exported = await onTerminal(['export', '--as', 'swaks', transcript]);
    assert.doesNotMatch(exported, /\x1b/);
    assert.match(exported, /--ehlo 'c\\x1b\[2J\.test'/);
  });

  test('a swaks capture from a file: the transcript on stdout, exit 0', async () => {
    const run = await runCli(['import', fixture('swaks-postfix-auth-login.txt')]);
    assert.deepEqual(run, { code: 0, stdout: readFileSync(fixture('swaks-postfix-auth-login.expected.smtp'), 'utf8'), stderr: '' });
  });

  test('standard input, as - or with no FILE; information goes to stderr and keeps exit 0', async () => {
    const input = readFileSync(fixture('telnet-postfix.txt'), 'utf8');
    const expected = readFileSync(fixture('telnet-postfix.expected.smtp'), 'utf8');
    const note =
      '<stdin>: info: read as a plain log, a heuristic: lines starting with a three-digit code are server replies, the others client lines, and everything between a 354 reply and the "." line, or in the octets a BDAT command declares, is message content\n';
    assert.deepEqual(await runCli(['import', '-'], { input }), { code: 0, stdout: expected, stderr: note });
    assert.deepEqual(await runCli(['import'], { input }), { code: 0, stdout: expected, stderr: note });
  });

  test('a capture saved as UTF-16 (PowerShell\'s > and |) imports as its UTF-8 text does, from a file and from stdin', async () => {
    const utf16 = Buffer.from('\ufeff' + readFileSync(fixture('swaks-postfix-auth-login.txt'), 'utf8'), 'utf16le');
    const expected = { code: 0, stdout: readFileSync(fixture('swaks-postfix-auth-login.expected.smtp'), 'utf8'), stderr: '' };
    const saved = path.join(dir, 'powershell.txt');
    writeFileSync(saved, utf16);
    assert.deepEqual(await runCli(['import', saved]), expected);
    assert.deepEqual(await runCli(['import', '-'], { input: utf16 }), expected);
  });

  test('bytes of the capture that are not UTF-8 are a warning naming their line (file and stdin), not a silent U+FFFD', async () => {
    const capture = Buffer.concat([
      Buffer.from('<-  220 mx\n -> DATA\n<-  354 go\n ~> caf\xc3\xa9\r\n -> raw ', 'latin1'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('\r\n -> .\n<-  250 ok\n', 'latin1'),
    ]);
    const saved = path.join(dir, 'eight-bit.txt');
    writeFileSync(saved, capture);
    const warning = ':5: warning: this line holds bytes that are not UTF-8, each read as U+FFFD: a transcript is UTF-8 text, so replay sends U+FFFD there, not the captured bytes\n';
    const run = await runCli(['import', saved]);
    assert.equal(run.code, 1);
    assert.deepEqual(run.stdout.split('\n').slice(5, 7), ['C: caf\u00e9', 'C: raw \ufffd\ufffd']);
    assert.equal(run.stderr.split('\n')[0] + '\n', `${saved}${warning}`);
    assert.equal((await runCli(['import', '-'], { input: capture })).stderr.split('\n')[0] + '\n', `<stdin>${warning}`);
  });

  test('-o writes the file; warnings name INPUT:LINE and make exit 1', async () => {
    const out = path.join(dir, 'failed.smtp');
    const given = path.relative(REPO, fixture('swaks-postfix-auth-failed.txt'));
    const run = await runCli(['import', given, '-o', out]);
    assert.deepEqual(run, {
      code: 1,
      stdout: '',
      stderr: `${given}:35: warning: AUTH failed in the capture (535); the transcript sends {{password}} from SMTP_PASSWORD, so with the right password a replay gets 235 instead\n`,
    });
    assert.equal(readFileSync(out, 'utf8'), readFileSync(fixture('swaks-postfix-auth-failed.expected.smtp'), 'utf8'));
  });

  test('-o keeps a file already there unless --overwrite, and never writes over the input, even through a link', async () => {
    const capture = fixture('swaks-postfix-auth-login.txt');
    const expected = readFileSync(fixture('swaks-postfix-auth-login.expected.smtp'), 'utf8');
    const out = path.join(dir, 'kept.smtp');
    writeFileSync(out, 'precious\n');
    assert.deepEqual(await runCli(['import', capture, '-o', out]), { code: 2, stdout: '', stderr: `smtp-transcript import: ${out}: the file exists; give --overwrite to replace it, or another name\n` });
    assert.equal(readFileSync(out, 'utf8'), 'precious\n');
    assert.deepEqual(await runCli(['import', capture, '-o', out, '--overwrite']), { code: 0, stdout: '', stderr: '' });
    assert.equal(readFileSync(out, 'utf8'), expected);
    const input = path.join(dir, 'capture.txt');
    writeFileSync(input, readFileSync(capture));
    symlinkSync(input, path.join(dir, 'capture-link.txt'));
    for (const output of [input, path.join(dir, 'capture-link.txt')]) {
      assert.deepEqual(await runCli(['import', input, '-o', output, '--overwrite']), {
        code: 2,
        stdout: '',
        stderr: `smtp-transcript import: -o ${output} is the input: the capture would be lost; write the transcript to another file\n`,
      });
    }
    assert.deepEqual(readFileSync(input), readFileSync(capture));
  });

  test('what it writes lints without errors', async () => {
    const out = path.join(dir, 'cram.smtp');
    assert.equal((await runCli(['import', '--from', 'smtplib', fixture('smtplib-postfix-implicit-tls.txt'), '--output', out])).code, 0);
    const lint = await runCli(['lint', '--format', 'json', out], { env: { SMTP_PASSWORD: 'x' } });
    const rows = JSON.parse(lint.stdout) as Array<{ severity: string; code: string }>;
    // smtplib sends its verbs in lower case: hints only.
    assert.deepEqual([lint.code, rows.map((r) => `${r.severity} ${r.code}`)], [0, ['hint lowercase-verb', 'hint lowercase-verb']]);
  });

  test('nothing to import: the reason, no output, no file, exit 2', async () => {
    const out = path.join(dir, 'never.smtp');
    const run = await runCli(['import', '-o', out], { input: 'Lorem ipsum\n' });
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^<stdin>: error: no SMTP session recognized: /);
    assert.throws(() => readFileSync(out), { code: 'ENOENT' });

    const refused = await runCli(['import', fixture('swaks-connection-refused.txt')]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /:3: info: swaks: IO::Socket::INET: connect: Connection refused\n.*: error: no SMTP exchange found in the text read as swaks output\n$/);
  });

  test('bad usage and unreadable files: one clear line, exit 2, no stack trace', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['import', '--from', 'mutt', 'x.txt'], /^smtp-transcript import: --from must be one of swaks, smtplib, curl, plain, not 'mutt'\n$/],
      [['import', 'a.txt', 'b.txt'], /^smtp-transcript import: one input at a time, not 2\n/],
      [['import', '--frob'], /^smtp-transcript import: unknown option --frob: did you mean --from\? \(--help lists the options\)$/m],
      [['import', 'no/such/capture.txt'], /^smtp-transcript import: no\/such\/capture.txt: no such file or directory\n$/],
      [['import', fixture('telnet-postfix.txt'), '-o', path.join(dir, 'no/such/dir/out.smtp')], /: no such file or directory\n$/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    }
  });

  test('--help, and the command list names it', async () => {
    const help = await runCli(['import', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^usage: smtp-transcript import \[options\] \[FILE\|-\]/);
    assert.match(help.stdout, /Exit code: 0 imported, 1 imported with warnings to check, 2 bad usage, unreadable input or nothing to import\./);
    assert.match((await runCli(['--help'])).stdout, /^ {2}import {3}turn swaks, Python smtplib or telnet\/openssl s_client output into a transcript$/m);
  });
});
