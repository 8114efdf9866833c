import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startClient } from './lspClient';

test('the language server answers initialize, publishes diagnostics per version and shuts down cleanly', async () => {
  const client = await startClient();
  const uri = 'file:///tmp/diagnostics.smtp';
  client.open(uri, 'S: 220 ready\nEHLO client.test\n', 1);
  const first = await client.diagnostics(uri, 1);
  assert.deepEqual(
    first.filter((d) => d.severity === 1).map((d) => [d.range.start.line, d.code, d.source, d.message]),
    [[1, 'unknown-line', 'smtp', 'Expected a line prefix: did you mean `C: EHLO client.test`?']],
  );
  client.change(uri, 'S: 220 ready\nC: EHLO client.test\nS: 250 ok\n', 2);
  const second = await client.diagnostics(uri, 2);
  assert.deepEqual(second.filter((d) => d.severity === 1), []);
  assert.equal(await client.close(), 0);
  assert.equal(client.stderr(), '');
});
