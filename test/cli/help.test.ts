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
