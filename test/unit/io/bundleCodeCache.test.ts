import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CACHES_KEPT, cacheFileName, cacheIdentity, codeCacheFolder, runBundle, type CodeCacheHost, type RunBundleOptions } from '../../../server/src/io/bundleCodeCache';

test('the code cache folder: the chosen one, `off`, else the platform user cache folder', () => {
  const cases: Array<[NodeJS.ProcessEnv, NodeJS.Platform, string]> = [
    [{ SMTP_TRANSCRIPTS_CODE_CACHE: '/var/cache/smtp' }, 'linux', '/home/ann'],
    [{ SMTP_TRANSCRIPTS_CODE_CACHE: 'off', XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/ann'],
    [{}, 'linux', '/home/ann'],
    [{ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/ann'],
    [{ XDG_CACHE_HOME: 'relative' }, 'linux', '/home/ann'],
    [{ SMTP_TRANSCRIPTS_CODE_CACHE: '' }, 'freebsd', '/home/ann'],
    [{}, 'linux', ''],
    [{}, 'darwin', '/Users/ann'],
    [{ LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }, 'win32', 'C:\\Users\\ann'],
    [{}, 'win32', 'C:\\Users\\ann'],
  ];
  assert.deepEqual(
    cases.map(([env, platform, home]) => codeCacheFolder(env, platform, home)),
    [
      '/var/cache/smtp',
      undefined,
      '/home/ann/.cache/smtp-transcripts',
      '/xdg/smtp-transcripts',
      '/home/ann/.cache/smtp-transcripts',
      '/home/ann/.cache/smtp-transcripts',
      undefined,
      '/Users/ann/Library/Caches/smtp-transcripts',
      // path.join of this platform (the tests run on Linux/macOS): the separator is the host's.
      'C:\\Users\\ann\\AppData\\Local/smtp-transcripts/Cache',
      undefined,
    ],
  );
});

// runBundle over real files in a scratch folder, with a host whose exit tasks the test runs: which cache files exist,
// which are rewritten and which are used as they are.
const root = mkdtempSync(path.join(tmpdir(), 'smtp-bundle-cache-'));
after(() => rmSync(root, { recursive: true, force: true }));
let cases = 0;
const scratch = () => mkdtempSync(path.join(root, `case-${++cases}-`));
const RUNTIME = 'node v20 test';

/** A bundle like a build's, in a folder of its own (a worktree, an install), with a fixed mtime. */
function writeBundle(answer: number, mtimeSeconds = 1_700_000_000): string {
  const file = path.join(scratch(), 'engine.js');
  writeFileSync(file, `"use strict";\nfunction answer() { return ${answer}; }\nmodule.exports = { answer: answer() };\n`);
  utimesSync(file, mtimeSeconds, mtimeSeconds);
  return file;
}

class TestHost implements CodeCacheHost {
  readonly runtime = RUNTIME;
  private readonly tasks: Array<() => void> = [];
  constructor(readonly folder: string | undefined) {}
  atExit(task: () => void): void {
    this.tasks.push(task);
  }
  /** Runs a bundle as a start would, exits, and tells whether that start wrote a cache. */
  start(file: string, options?: RunBundleOptions): { exports: unknown; wroteCache: boolean } {
    const exports = runBundle(file, this, options);
    const wroteCache = this.tasks.length > 0;
    this.tasks.splice(0).forEach((task) => task());
    return { exports, wroteCache };
  }
}

const digestOf = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const cacheOf = (file: string, cacheName = 'cliMain') => cacheFileName(cacheName, cacheIdentity(RUNTIME, digestOf(file), statSync(file).size, statSync(file).mtimeMs));
const listing = (folder: string) => readdirSync(folder).sort();

test('two builds sharing a cache folder keep a cache each: used in turn, neither is rewritten', () => {
  const folder = scratch();
  const host = new TestHost(folder);
  const [older, newer] = [writeBundle(1), writeBundle(2)];
  assert.deepEqual([host.start(older, { cacheName: 'cliMain' }), host.start(newer, { cacheName: 'cliMain' })], [
    { exports: { answer: 1 }, wroteCache: true },
    { exports: { answer: 2 }, wroteCache: true },
  ]);
  assert.deepEqual(listing(folder), [cacheOf(older), cacheOf(newer)].sort());
  const written = listing(folder).map((name) => readFileSync(path.join(folder, name)));
  const turns = [older, newer, older, newer, older, newer].map((file) => host.start(file, { cacheName: 'cliMain' }));
  assert.deepEqual(turns, [1, 2, 1, 2, 1, 2].map((answer) => ({ exports: { answer }, wroteCache: false })));
  assert.deepEqual(listing(folder).map((name) => readFileSync(path.join(folder, name))), written);
});

test('the cache name: the digest built in when given (no hash of the bundle), else the bundle hashed; size and mtime count', () => {
  const folder = scratch();
  const host = new TestHost(folder);
  const bundle = writeBundle(3);
  const { size, mtimeMs } = statSync(bundle);
  host.start(bundle, { digest: 'built-in' });
  host.start(bundle);
  assert.deepEqual(listing(folder), [
    cacheFileName('engine', cacheIdentity(RUNTIME, 'built-in', size, mtimeMs)),
    cacheFileName('engine', cacheIdentity(RUNTIME, digestOf(bundle), size, mtimeMs)),
  ].sort());
  // The same text rebuilt (a new mtime) is another bundle; so is the same bundle under another Node.
  assert.notEqual(cacheIdentity(RUNTIME, 'd', size, mtimeMs).toString('hex'), cacheIdentity(RUNTIME, 'd', size, mtimeMs + 1).toString('hex'));
  assert.notEqual(cacheIdentity(RUNTIME, 'd', size, mtimeMs).toString('hex'), cacheIdentity('node v22 test', 'd', size, mtimeMs).toString('hex'));
  assert.match(cacheFileName('cliMain', cacheIdentity(RUNTIME, 'd', size, mtimeMs)), /^cliMain-[0-9a-f]{16}\.v8cache$/);
});

test('a stale or truncated cache under the name is never used: the start compiles from source and rewrites it', () => {
  const folder = scratch();
  const host = new TestHost(folder);
  const [bundle, other] = [writeBundle(4), writeBundle(5)];
  host.start(bundle, { cacheName: 'cliMain' });
  host.start(other, { cacheName: 'cliMain' });
  const cache = path.join(folder, cacheOf(bundle));
  const fresh = readFileSync(cache);
  const damages: Record<string, Buffer> = {
    // Another bundle's whole, valid cache, copied under this bundle's name.
    stale: readFileSync(path.join(folder, cacheOf(other))),
    truncated: fresh.subarray(0, fresh.length - 7),
    'header only': fresh.subarray(0, 72),
    'flipped data': Buffer.from(fresh.map((byte, at) => (at >= 72 ? byte ^ 0x5a : byte))),
    empty: Buffer.alloc(0),
  };
  for (const [damage, bytes] of Object.entries(damages)) {
    writeFileSync(cache, bytes);
    assert.deepEqual([damage, host.start(bundle, { cacheName: 'cliMain' })], [damage, { exports: { answer: 4 }, wroteCache: true }]);
    // Remade for this bundle (magic and identity as the fresh one's), and used as it is by the next start.
    assert.deepEqual([damage, readFileSync(cache).subarray(0, 40)], [damage, fresh.subarray(0, 40)]);
    assert.deepEqual([damage, host.start(bundle, { cacheName: 'cliMain' }).wroteCache], [damage, false]);
  }
});

test('the folder keeps the newest caches of a name; the unkeyed one and abandoned temporary files go', () => {
  const folder = scratch();
  const host = new TestHost(folder);
  const bundles = [1, 2, 3, 4].map((answer) => writeBundle(10 + answer));
  const ages = new Map<string, number>();
  const startAt = (bundle: string, seconds: number) => {
    host.start(bundle, { cacheName: 'cliMain' });
    utimesSync(path.join(folder, cacheOf(bundle)), seconds, seconds);
    ages.set(bundle, seconds);
  };
  const untouched = ['serverMain-0123456789abcdef.v8cache', 'cliMain-0123456789abcdef.v8cache.0123456789ab.tmp', 'notes.txt'];
  for (const name of [...untouched, 'cliMain.v8cache', 'cliMain-fedcba9876543210.v8cache.ba9876543210.tmp']) writeFileSync(path.join(folder, name), 'x');
  // A writer that died two hours ago left its temporary file; the other is a live writer's.
  utimesSync(path.join(folder, 'cliMain-fedcba9876543210.v8cache.ba9876543210.tmp'), Date.now() / 1000 - 7200, Date.now() / 1000 - 7200);
  startAt(bundles[0]!, 1000);
  startAt(bundles[1]!, 2000);
  startAt(bundles[2]!, 3000);
  assert.equal(CACHES_KEPT, 3);
  assert.deepEqual(listing(folder), [...untouched, ...bundles.slice(0, 3).map((b) => cacheOf(b))].sort());
  startAt(bundles[3]!, 4000);
  assert.deepEqual(listing(folder), [...untouched, ...bundles.slice(1).map((b) => cacheOf(b))].sort());
  // The oldest, removed, is made again when its build runs again, and the then oldest goes.
  assert.equal(host.start(bundles[0]!, { cacheName: 'cliMain' }).wroteCache, true);
  assert.deepEqual(listing(folder), [...untouched, ...[bundles[0]!, bundles[2]!, bundles[3]!].map((b) => cacheOf(b))].sort());
});

test('no folder, or one that cannot be made or written: the bundle runs and nothing is thrown or left behind', () => {
  const notAFolder = path.join(scratch(), 'a-file');
  writeFileSync(notAFolder, 'x');
  const taken = scratch();
  const bundle = writeBundle(6);
  mkdirSync(path.join(taken, cacheOf(bundle, 'engine')));
  const hosts = [new TestHost(undefined), new TestHost(path.join(notAFolder, 'cache')), new TestHost('/proc/smtp-transcripts/cache'), new TestHost(taken)];
  assert.deepEqual(
    hosts.map((host) => host.start(bundle).exports),
    hosts.map(() => ({ answer: 6 })),
  );
  assert.deepEqual([readFileSync(notAFolder, 'utf8'), listing(taken)], ['x', [cacheOf(bundle, 'engine')]]);
});
