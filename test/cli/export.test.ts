// `smtp-transcript export`: the session chosen by name or number, and one-line usage errors (exit 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';

const TWO_SESSIONS = ['@server = 127.0.0.1:2525', '### first', 'S: 220 *', 'C: QUIT', 'S: 221 *', '### second', 'S: 220 *', 'C: EHLO two.test', 'S: 250 *', 'C: QUIT', 'S: 221 *', ''].join('\n');

test('export --session picks the session by name or number; the default is the first', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'export-cli-'));
  try {
    await writeFile(join(dir, 'two.smtp'), TWO_SESSIONS);
    const typed = (name: string, helo: string[]) => [`# smtp-transcript export: session ${name} of two.smtp, as nc`, 'nc -C 127.0.0.1 2525', "# then type each line after the server's reply to the one before:", ...helo, 'QUIT', ''].join('\n');
    assert.deepEqual(await runCli(['export', '--as', 'openssl', '--session', 'second', 'two.smtp'], { cwd: dir }), { code: 0, stdout: typed('2 "second"', ['EHLO two.test']), stderr: '' });
    assert.deepEqual(await runCli(['export', '--as', 'openssl', '--session', '2', 'two.smtp'], { cwd: dir }), { code: 0, stdout: typed('2 "second"', ['EHLO two.test']), stderr: '' });
    assert.deepEqual(await runCli(['export', '--as', 'openssl', 'two.smtp'], { cwd: dir }), { code: 0, stdout: typed('1 "first"', []), stderr: '' });
    assert.deepEqual(await runCli(['export', '--as', 'openssl', '--session', 'third', 'two.smtp'], { cwd: dir }), {
      code: 2,
      stdout: '',
      stderr: 'smtp-transcript export: two.smtp: no session named \'third\' (sessions: "first", "second"; or a number from 1 to 2)\n',
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('export: a missing or unknown --as, a missing file and an unreadable one are one-line errors', async () => {
  assert.deepEqual(await runCli(['export', 'examples/plain.smtp']), { code: 2, stdout: '', stderr: 'smtp-transcript export: --as must be one of swaks, curl, openssl, python, nodemailer\n' });
  assert.deepEqual(await runCli(['export', '--as', 'mutt', 'examples/plain.smtp']), { code: 2, stdout: '', stderr: "smtp-transcript export: --as must be one of swaks, curl, openssl, python, nodemailer, not 'mutt'\n" });
  const missing = await runCli(['export', '--as', 'swaks', 'no-such.smtp']);
  assert.equal(missing.code, 2);
  assert.equal(missing.stdout, '');
  assert.match(missing.stderr, /^smtp-transcript export: no-such\.smtp: [^\n]+\n$/);
});

test('export: a --ca that is missing, no file or no certificate is refused as replay refuses it, exit 2, nothing printed', async () => {
  const runs = await Promise.all(['no-such.pem', 'package.json', '/dev/zero', 'examples'].map((ca) => runCli(['export', '--as', 'swaks', '--ca', ca, 'examples/starttls-auth.smtp'])));
  assert.deepEqual(runs, [
    { code: 2, stdout: '', stderr: 'smtp-transcript export: --ca no-such.pem: no such file or directory\n' },
    { code: 2, stdout: '', stderr: 'smtp-transcript export: --ca package.json holds no PEM certificate (-----BEGIN CERTIFICATE-----)\n' },
    { code: 2, stdout: '', stderr: 'smtp-transcript export: --ca /dev/zero: is a character device, not a regular file\n' },
    { code: 2, stdout: '', stderr: 'smtp-transcript export: --ca examples: is a directory, not a file\n' },
  ]);
});

test('export: a relative "ca" of the environment file (beside the transcript) and a relative --ca are written as absolute paths', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'export-ca-'));
  try {
    await mkdir(join(dir, 'envt'));
    await writeFile(join(dir, 'envt', 'smtp-environments.json'), JSON.stringify({ pf: { server: '127.0.0.1', port: '2525', tls: 'starttls', ca: '../ca.pem' } }));
    await writeFile(join(dir, 'envt', 't.smtp'), ['S: 220 *', 'C: EHLO client.test', 'S: 250 *', 'C: QUIT', 'S: 221 *', ''].join('\n'));
    const fromEnvironment = await runCli(['export', '--as', 'swaks', '--env', 'pf', 't.smtp'], { cwd: join(dir, 'envt') });
    assert.deepEqual(fromEnvironment, {
      code: 0,
      stdout: ['# smtp-transcript export: session 1 of t.smtp, as swaks', 'swaks --server 127.0.0.1:2525 --ehlo client.test \\', `  --tls --tls-verify --tls-ca-path ${join(dir, 'ca.pem')} \\`, '  --quit-after AUTH', ''].join('\n'),
      stderr: '',
    });
    await writeFile(join(dir, 'envt', 'tls.smtp'), ['@tls = starttls', 'S: 220 *', 'C: QUIT', 'S: 221 *', ''].join('\n'));
    await copyFile('test/fixtures/localhost-cert.pem', join(dir, 'my-ca.pem'));
    const option = await runCli(['export', '--as', 'python', '--ca', 'my-ca.pem', '--server', '127.0.0.1:2525', 'envt/tls.smtp'], { cwd: dir });
    assert.equal(option.stdout.split('\n').find((line) => line.startsWith('context =')), `context = ssl.create_default_context(cafile=${JSON.stringify(join(dir, 'my-ca.pem'))})`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('export: a session holding bytes that are not UTF-8 is refused at that line, exit 2; another session of the file exports', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'export-cli-'));
  try {
    const text = TWO_SESSIONS.replace('C: EHLO two.test', 'C: EHLO two\u00ff.test');
    await writeFile(join(dir, 'latin1.smtp'), Buffer.from(text, 'latin1'));
    assert.deepEqual(await runCli(['export', '--as', 'swaks', '--session', 'second', 'latin1.smtp'], { cwd: dir }), {
      code: 2,
      stdout: '',
      stderr: 'smtp-transcript export: latin1.smtp:8: this line holds bytes that are not valid UTF-8: the export would print U+FFFD in their place, so it refuses; save the file as UTF-8\n',
    });
    assert.equal((await runCli(['export', '--as', 'openssl', '--session', 'first', 'latin1.smtp'], { cwd: dir })).code, 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
