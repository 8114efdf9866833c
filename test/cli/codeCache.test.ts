// The CLI's code cache (server/src/io/bundleCodeCache.ts): a lint prints the same with no cache, a fresh one, a
// damaged one or an unwritable folder, and the cache is written once, then used as it is.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';

const root = mkdtempSync(path.join(tmpdir(), 'smtp-cli-code-cache-'));
after(() => rmSync(root, { recursive: true, force: true }));
const scratch = () => mkdtempSync(path.join(root, 'case-'));
const transcript = path.join(scratch(), 'cached.smtp');
writeFileSync(transcript, 'S: 220 ready\nC: EHLO client.test\nS: 250 ok\nEHLO again\n');
const lint = (cacheFolder: string) => runCli(['lint', transcript], { env: { SMTP_TRANSCRIPTS_CODE_CACHE: cacheFolder } });

test('lint prints the same whatever the code cache folder holds, and writes the cache once', async () => {
  const uncached = await lint('off');
  assert.equal(uncached.code, 1);
  assert.match(uncached.stdout, /unknown-line/);

  const folder = scratch();
  assert.deepEqual(await lint(folder), uncached);
  assert.deepEqual(readdirSync(folder), ['cliMain.v8cache']);
  const written = readFileSync(path.join(folder, 'cliMain.v8cache'));
  assert.deepEqual(await lint(folder), uncached);
  assert.deepEqual(readFileSync(path.join(folder, 'cliMain.v8cache')), written);

  // Flipped bytes inside V8's data (they would crash the process if V8 were given them), then a folder under a file.
  writeFileSync(path.join(folder, 'cliMain.v8cache'), Buffer.from(written.map((byte, at) => (at > written.length / 2 ? byte ^ 0x5a : byte))));
  assert.deepEqual(await lint(folder), uncached);
  assert.deepEqual(readFileSync(path.join(folder, 'cliMain.v8cache')).subarray(0, 40), written.subarray(0, 40));
  assert.deepEqual(await lint(path.join(transcript, 'cache')), uncached);
});
