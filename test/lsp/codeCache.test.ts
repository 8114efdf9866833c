// The language server's code cache (server/src/io/bundleCodeCache.ts) over the real stdio server: whatever is in the
// cache folder - nothing, a cache for another bundle, damaged bytes, data V8 refuses, no way to write - the server
// answers initialize, lints, and exits cleanly with nothing on stderr.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { codeCacheName } from '../support/codeCacheNames';
import { SERVER, startClient } from './lspClient';

// The server's own bundle's cache and that of the features it loads from the Node engine bundle, each by its build.
const SERVER_MAIN = codeCacheName(path.join(path.dirname(SERVER), 'serverMain.js'), 'serverMain');
const CACHES = [codeCacheName(path.join(path.dirname(SERVER), 'nodeEngine.js'), 'nodeLanguageFeatures'), SERVER_MAIN].sort();
// A cache file: 8 bytes of magic, the sha256 of what it was made for, the sha256 of V8's data, the data.
const IDENTITY = [8, 40] as const;

const root = mkdtempSync(path.join(tmpdir(), 'smtp-code-cache-'));
after(() => rmSync(root, { recursive: true, force: true }));
const scratch = () => mkdtempSync(path.join(root, 'case-'));
const envWith = (changes: Record<string, string | undefined>): NodeJS.ProcessEnv => {
  const env = { ...process.env, ...changes };
  for (const [name, value] of Object.entries(changes)) if (value === undefined) delete env[name];
  return env;
};
const inFolder = (folder: string) => envWith({ SMTP_TRANSCRIPTS_CODE_CACHE: folder });

/** A start that answers initialize, publishes a document's diagnostics (the features' bundle loaded) and exits 0. */
async function serve(env: NodeJS.ProcessEnv, nodeOptions: string[] = []): Promise<void> {
  const client = await startClient(undefined, null, [...nodeOptions, SERVER, '--stdio'], env);
  const uri = 'file:///tmp/code-cache.smtp';
  client.open(uri, 'S: 220 ready\nC: EHLO client.test\nS: 250 ok\nEHLO again\n');
  const diagnostics = await client.diagnostics(uri);
  assert.deepEqual(diagnostics.filter((d) => d.severity === 1).map((d) => [d.range.start.line, d.code]), [[3, 'unknown-line']]);
  assert.equal(await client.close(), 0);
  assert.equal(client.stderr(), '');
}

const read = (folder: string, name: string) => readFileSync(path.join(folder, name));

test('a missing cache is written as the server exits, and the next start uses it as it is', async () => {
  const folder = path.join(scratch(), 'not-yet');
  await serve(inFolder(folder));
  assert.deepEqual(readdirSync(folder).sort(), CACHES);
  const written = CACHES.map((name) => read(folder, name));
  await serve(inFolder(folder));
  assert.deepEqual(CACHES.map((name) => read(folder, name)), written);
});

test('a cache made for another bundle or another Node, or damaged, is never handed to V8 and is made again', async () => {
  const valid = scratch();
  await serve(inFolder(valid));
  const fresh = read(valid, SERVER_MAIN);
  const damages: Record<string, (bytes: Buffer) => Buffer> = {
    'another identity': (bytes) => Buffer.concat([bytes.subarray(0, IDENTITY[0]), Buffer.alloc(32, 7), bytes.subarray(IDENTITY[1])]),
    // Flipped bytes inside V8's data: handed over, they crash the process instead of being rejected.
    'flipped data': (bytes) => Buffer.concat([bytes.subarray(0, bytes.length >> 1), Buffer.from(bytes.subarray(bytes.length >> 1).map((b) => b ^ 0x5a))]),
    truncated: (bytes) => bytes.subarray(0, bytes.length - 1000),
    'header only': (bytes) => bytes.subarray(0, 72),
    empty: () => Buffer.alloc(0),
    'not a cache': () => Buffer.from('#!/usr/bin/env node\n'.repeat(100)),
  };
  for (const [damage, damaged] of Object.entries(damages)) {
    const folder = scratch();
    writeFileSync(path.join(folder, SERVER_MAIN), damaged(fresh));
    await serve(inFolder(folder));
    const remade = read(folder, SERVER_MAIN);
    assert.deepEqual([damage, remade.subarray(...IDENTITY)], [damage, fresh.subarray(...IDENTITY)]);
    assert.notDeepEqual(remade, damaged(fresh), damage);
  }
});

test('data V8 refuses (made under other V8 flags) is replaced', async () => {
  const folder = scratch();
  await serve(inFolder(folder), ['--nolazy']);
  const underNolazy = read(folder, SERVER_MAIN);
  await serve(inFolder(folder));
  const remade = read(folder, SERVER_MAIN);
  assert.deepEqual(remade.subarray(...IDENTITY), underNolazy.subarray(...IDENTITY));
  assert.notDeepEqual(remade, underNolazy);
});

test('a cache folder that cannot be written or read costs nothing but the cache', async () => {
  const folder = scratch();
  writeFileSync(path.join(folder, 'a-file'), 'not a folder\n');
  await serve(inFolder(path.join(folder, 'a-file', 'cache')));
  // The cache file's name taken by a folder: it can be neither read nor replaced.
  mkdirSync(path.join(folder, 'taken', SERVER_MAIN), { recursive: true });
  await serve(inFolder(path.join(folder, 'taken')));
  assert.deepEqual(readdirSync(path.join(folder, 'taken')).sort(), CACHES);
});

test('without SMTP_TRANSCRIPTS_CODE_CACHE the cache goes to the user cache folder; `off` keeps none', { skip: process.platform !== 'linux' }, async () => {
  const home = scratch();
  await serve(envWith({ HOME: home, XDG_CACHE_HOME: undefined, SMTP_TRANSCRIPTS_CODE_CACHE: 'off' }));
  assert.equal(existsSync(path.join(home, '.cache')), false);
  await serve(envWith({ HOME: home, XDG_CACHE_HOME: undefined, SMTP_TRANSCRIPTS_CODE_CACHE: undefined }));
  assert.deepEqual(readdirSync(path.join(home, '.cache', 'smtp-transcripts')).sort(), CACHES);
});
