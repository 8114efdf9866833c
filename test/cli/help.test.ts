import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO, runCli } from '../support/cli';

test("every command's --help exits 0 and lists -h, --help among its options, as the others do", async () => {
  const commands = ['lint', 'replay', 'serve', 'mock', 'record', 'import', 'auth', 'export'];
  const runs = await Promise.all(commands.map((command) => runCli([command, '--help'])));
  assert.deepEqual(
    runs.map((run, i) => [commands[i], run.code, /^ {2}-h, --help +show this help$/m.test(run.stdout)]),
    commands.map((command) => [command, 0, true]),
  );
});

test("--version prints package.json's version, the one `lint --format sarif` names", async () => {
  const { version } = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
  assert.deepEqual(await runCli(['--version']), { code: 0, stdout: `smtp-transcript ${version}\n`, stderr: '' });
});

test('`help COMMAND` prints the command\'s help, as `COMMAND --help` does; a misspelt command is answered with the likely one', async () => {
  const [help, mockHelp, typo, unknown] = await Promise.all([runCli(['help', 'mock']), runCli(['mock', '--help']), runCli(['mokc', 'x.smtp']), runCli(['frobnicate'])]);
  assert.deepEqual([help.code, help.stdout === mockHelp.stdout, help.stdout.split('\n')[0]], [0, true, 'usage: smtp-transcript mock [options] FILE']);
  assert.deepEqual(
    [typo.code, typo.stderr.split('\n')[0], unknown.code, unknown.stderr.split('\n')[0]],
    [2, "smtp-transcript: unknown command 'mokc': did you mean 'mock'?", 2, "smtp-transcript: unknown command 'frobnicate'"],
  );
});

test('replay, lint, import, export and auth show examples in --help, and the first of replay, lint, export and auth runs as written', async () => {
  const commands = ['replay', 'lint', 'import', 'export', 'auth'];
  const helps = await Promise.all(commands.map((command) => runCli([command, '--help'])));
  const examples = helps.map((run) => run.stdout.split('\nExamples:\n')[1]?.split('\n\n')[0].split('\n').map((line) => line.trim()) ?? []);
  assert.deepEqual(
    examples.map((lines, i) => [commands[i], lines.length >= 2 && lines.every((line) => line.includes(`smtp-transcript ${commands[i]} `))]),
    commands.map((command) => [command, true]),
  );
  // `NAME=value smtp-transcript COMMAND ARGS [> FILE]`: run against the repository's examples/, output kept.
  const runnable = [examples[0][0], examples[1][0], examples[2 + 1][0], examples[4][0]];
  const runs = await Promise.all(runnable.map((line) => {
    const words = line.replace(/ > \S+$/, '').split(' ');
    const env = Object.fromEntries(words.filter((w) => /^[A-Z_]+=/.test(w)).map((w) => w.split('=')));
    return runCli(words.slice(words.indexOf('smtp-transcript') + 1), { env });
  }));
  assert.deepEqual(runs.map((run, i) => [runnable[i], run.code]), runnable.map((line) => [line, 0]));
  assert.match(runs[0].stdout, /^replay: 16 passed, 0 failed, 5 skipped$/m);
  assert.match(runs[3].stdout, /^A strict receiver accepts it\.$/m);
  assert.match(runs[2].stdout, /^with smtplib\.SMTP\("127\.0\.0\.1", 2525, local_hostname="client\.test"\) as smtp:$/m);
});
