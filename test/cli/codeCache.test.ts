// The CLI's code cache (server/src/io/bundleCodeCache.ts): a lint prints the same with no cache, a fresh one, a
// damaged one or an unwritable folder, and the cache is written once, then used as it is; another build of the CLI
// (another worktree, another installed version) sharing the folder keeps a cache of its own; each command has its own,
// and a help or an unknown command writes none.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CLI, REPO, runCli } from '../support/cli';
import { codeCacheName } from '../support/codeCacheNames';

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
  const cache = codeCacheName(path.join(REPO, 'dist', 'nodeEngine.js'), 'cli-lint');
  assert.deepEqual(await lint(folder), uncached);
  assert.deepEqual(readdirSync(folder), [cache]);
  const written = readFileSync(path.join(folder, cache));
  assert.deepEqual(await lint(folder), uncached);
  assert.deepEqual(readFileSync(path.join(folder, cache)), written);

  // Flipped bytes inside V8's data (they would crash the process if V8 were given them), then a folder under a file.
  writeFileSync(path.join(folder, cache), Buffer.from(written.map((byte, at) => (at > written.length / 2 ? byte ^ 0x5a : byte))));
  assert.deepEqual(await lint(folder), uncached);
  assert.deepEqual(readFileSync(path.join(folder, cache)).subarray(0, 40), written.subarray(0, 40));
  assert.deepEqual(await lint(path.join(transcript, 'cache')), uncached);
  // A folder that exists but takes no new entry (Node 20's recursive mkdirSync never returned there).
  assert.deepEqual(await lint('/proc/smtp-transcripts/cache'), uncached);
});

test('two builds of the CLI used in turn with one cache folder keep a cache each and rewrite neither', async () => {
  const uncached = await lint('off');
  // Another build: the same bundles copied (as a second worktree or install has them), so another mtime.
  const otherBuild = path.join(scratch(), 'dist');
  cpSync(path.join(REPO, 'dist'), otherBuild, { recursive: true });
  const folder = scratch();
  const env = { ...process.env, NO_COLOR: '1', SMTP_TRANSCRIPTS_CODE_CACHE: folder };
  const lintWith = (cli: string) => {
    const run = spawnSync(process.execPath, [cli, 'lint', transcript], { cwd: REPO, env, encoding: 'utf8' });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  };
  const builds = [CLI, path.join(otherBuild, 'cli.js')];
  assert.deepEqual(builds.map(lintWith), [uncached, uncached]);
  const caches = [codeCacheName(path.join(REPO, 'dist', 'nodeEngine.js'), 'cli-lint'), codeCacheName(path.join(otherBuild, 'nodeEngine.js'), 'cli-lint')];
  assert.deepEqual(readdirSync(folder).sort(), [...caches].sort());
  const written = caches.map((name) => readFileSync(path.join(folder, name)));
  assert.deepEqual([...builds, ...builds, ...builds].map(lintWith), Array(6).fill(uncached));
  assert.deepEqual(caches.map((name) => readFileSync(path.join(folder, name))), written);
});

test('a help, a version or an unknown command leaves no cache; each command writes its own on its first run', async () => {
  const folder = scratch();
  const run = (args: string[]) => runCli(args, { env: { SMTP_TRANSCRIPTS_CODE_CACHE: folder } });
  const quiet = await Promise.all([run(['--help']), run(['lint', '--help']), run(['-v']), run(['lnit', transcript]), run(['constructor'])]);
  assert.deepEqual(
    quiet.map((r) => [r.code, r.stdout.split('\n')[0], r.stderr.split('\n')[0]]),
    [
      [0, 'usage: smtp-transcript <command> [options] FILE...', ''],
      [0, 'usage: smtp-transcript lint [options] FILE|DIR...', ''],
      [0, 'smtp-transcript 0.1.0', ''],
      [2, '', "smtp-transcript: unknown command 'lnit': did you mean 'lint'?"],
      [2, '', "smtp-transcript: unknown command 'constructor'"],
    ],
  );
  assert.deepEqual(readdirSync(folder), []);
  await run(['lint', transcript]);
  await run(['export', '--as', 'swaks', transcript]);
  const engine = path.join(REPO, 'dist', 'nodeEngine.js');
  assert.deepEqual(readdirSync(folder).sort(), [codeCacheName(engine, 'cli-export'), codeCacheName(engine, 'cli-lint')].sort());
});
