import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../support/cli';

test('JSON gives each session and exchange its 1-based lineNumber next to the 0-based line', async () => {
  const run = await runCli(['replay', '--local', '--reporter', 'json', 'examples/plain.smtp']);
  assert.equal(run.code, 0, run.stderr);
  const [{ result }] = JSON.parse(run.stdout) as Array<{ result: { sessions: Array<Record<string, unknown> & { exchanges: Array<Record<string, unknown>> }> } }>;
  const [session] = result.sessions;
  assert.deepEqual([session.line, session.lineNumber], [3, 4]);
  assert.deepEqual(
    session.exchanges.map((e) => [e.kind, e.lineNumber]),
    [['greeting', 4], ['command', 5], ['command', 15], ['command', 17], ['command', 19], ['message', 21], ['command', 32]],
  );
  const keys = Object.keys(session.exchanges[0]);
  assert.equal(keys[keys.indexOf('line') + 1], 'lineNumber');
});
