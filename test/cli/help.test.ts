import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../support/cli';

test("every command's --help exits 0 and lists -h, --help among its options, as the others do", async () => {
  const commands = ['lint', 'replay', 'serve', 'mock', 'record', 'import', 'auth', 'export'];
  const runs = await Promise.all(commands.map((command) => runCli([command, '--help'])));
  assert.deepEqual(
    runs.map((run, i) => [commands[i], run.code, /^ {2}-h, --help +show this help$/m.test(run.stdout)]),
    commands.map((command) => [command, 0, true]),
  );
});
