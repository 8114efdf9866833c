// Evaluating one of our CommonJS bundles (dist/serverMain.js, dist/nodeEngine.js) with
// V8's code cache: Node 20 has no module.enableCompileCache (22.1+), so the bundle is compiled as a vm.Script with the
// cachedData a previous run left in a cache folder, which spares the parse and compile of every function that run
// used (most of a start's own CPU). The cache is an optimisation only: missing, stale, corrupt or unwritable, the
// bundle is compiled from source as Node would, and nothing is printed.
//
// A cache file is named by what it caches, `<cache name>-<key>.v8cache`: installs and worktrees of different builds
// share the user's cache folder, and one file for all of them was rewritten at every switch. The key is the start of
// the identity: sha256 of the runtime, the bundle's sha256 (computed by esbuild.mjs and built into the launcher, so a
// start does not hash 700 KB; hashed here when run unbundled), its size and its mtime (a bundle rebuilt or edited
// without its launcher gets a new identity). A folder keeps the CACHES_KEPT newest files of a cache name.
// The file is `MAGIC`, the whole identity, the sha256 of V8's data, then the data. V8 checks only the source's length
// and its own version and flags, and data damaged inside crashes the process instead of being rejected: so a file is
// handed to V8 only when both hashes hold.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Script } from 'node:vm';

/** What the adapter tells about its process: where caches go (undefined: nowhere) and when the process ends. */
export interface CodeCacheHost {
  folder: string | undefined;
  /** Node's and V8's versions and the architecture: V8's data belongs to one build of Node. */
  runtime: string;
  /** Runs `task` once as the process exits (synchronously, as Node's 'exit' event does). */
  atExit(task: () => void): void;
}

export interface RunBundleOptions {
  /** Names the cache files (default: the bundle's name): readers running different parts of one bundle keep a cache each. */
  cacheName?: string;
  /** The bundle's sha256 in hex; default: the one esbuild.mjs built in (SMTP_BUNDLE_DIGESTS), else hashed at start. */
  digest?: string;
}

/** Caches of one name a folder keeps: the one just written and the newest others (a release, two worktrees in turn). */
export const CACHES_KEPT = 3;
// A temporary file this old is a writer's that died before renaming it; a live writer's is a few milliseconds old.
const ABANDONED_TEMPORARY_MS = 60 * 60 * 1000;
const MAGIC = Buffer.from('SMTPV8C2');
const HASH_BYTES = 32;
const KEY_BYTES = 8;
const HEADER_BYTES = MAGIC.length + 2 * HASH_BYTES;
// The CommonJS wrapper Node puts around a module; the column offset keeps line 1's columns in stack traces as in the file.
const WRAPPER_START = '(function (exports, require, module, __filename, __dirname) { ';
const WRAPPER_END = '\n});';

// esbuild.mjs defines it in the launchers: each bundle they evaluate, by file name, with its sha256 in hex.
declare const SMTP_BUNDLE_DIGESTS: Readonly<Record<string, string>> | undefined;
const builtDigest = (bundle: string): string | undefined => (typeof SMTP_BUNDLE_DIGESTS === 'undefined' ? undefined : SMTP_BUNDLE_DIGESTS[bundle]);

const sha256 = (data: string | Buffer): Buffer => createHash('sha256').update(data).digest();

/** What a cache must have been made for: this runtime and this bundle (its digest, size and mtime). */
export function cacheIdentity(runtime: string, digest: string, size: number, mtimeMs: number): Buffer {
  return sha256(`${runtime}\n${digest}\n${size}\n${mtimeMs}`);
}

/** The cache file of `cacheName` made for `identity`. */
export function cacheFileName(cacheName: string, identity: Buffer): string {
  return `${cacheName}-${identity.subarray(0, KEY_BYTES).toString('hex')}.v8cache`;
}

/**
 * Evaluates the CommonJS bundle `file` as Node's `require` would and returns its `module.exports`. When the cache
 * was missing or not usable, a new one is written as the process exits: by then V8 has compiled the functions this
 * run used, and the cache holds them too.
 */
export function runBundle(file: string, host: CodeCacheHost, options: RunBundleOptions = {}): unknown {
  const cacheName = options.cacheName ?? path.basename(file, '.js');
  const { bytes, identity } = readBundle(file, host, options.digest);
  const cache = host.folder !== undefined && identity ? { file: path.join(host.folder, cacheFileName(cacheName, identity)), identity } : undefined;
  const cachedData = cache && readCache(cache.file, cache.identity);
  const script = new Script(WRAPPER_START + bytes.toString('utf8') + WRAPPER_END, { filename: file, columnOffset: -WRAPPER_START.length, cachedData });
  if (cache && (cachedData === undefined || script.cachedDataRejected)) {
    host.atExit(() => {
      if (writeCache(cache.file, cache.identity, script)) removeOldCaches(path.dirname(cache.file), cacheName, path.basename(cache.file));
    });
  }
  const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  return module.exports;
}

/** The bundle's bytes and, when there is a cache folder, its identity: one descriptor, so a bundle replaced meanwhile cannot mix two. */
function readBundle(file: string, host: CodeCacheHost, digest: string | undefined): { bytes: Buffer; identity: Buffer | undefined } {
  const fd = openSync(file, 'r');
  try {
    const bytes = readFileSync(fd);
    if (host.folder === undefined) return { bytes, identity: undefined };
    const { size, mtimeMs } = fstatSync(fd);
    const known = digest ?? builtDigest(path.basename(file)) ?? createHash('sha256').update(bytes).digest('hex');
    return { bytes, identity: cacheIdentity(host.runtime, known, size, mtimeMs) };
  } finally {
    closeSync(fd);
  }
}

/** V8's data from `cacheFile` when it was made for `identity` and is whole; undefined otherwise. */
function readCache(cacheFile: string, identity: Buffer): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  if (bytes.length <= HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  if (!bytes.subarray(MAGIC.length, MAGIC.length + HASH_BYTES).equals(identity)) return undefined;
  const data = bytes.subarray(HEADER_BYTES);
  return bytes.subarray(MAGIC.length + HASH_BYTES, HEADER_BYTES).equals(sha256(data)) ? data : undefined;
}

/** Written beside and renamed over: a reader sees the old file or the new one, never half of one. */
function writeCache(cacheFile: string, identity: Buffer, script: Script): boolean {
  const temporary = `${cacheFile}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const data = script.createCachedData();
    makeFolder(path.dirname(cacheFile));
    writeFileSync(temporary, Buffer.concat([MAGIC, identity, sha256(data), data]));
    renameSync(temporary, cacheFile);
    return true;
  } catch {
    // An unwritable folder costs the next start its speed, nothing else.
    removeQuietly(temporary);
    return false;
  }
}

/**
 * Keeps `folder` bounded after `written` was: of the other caches named `cacheName`, the CACHES_KEPT - 1 newest stay;
 * an unkeyed one (the name before caches had keys) and temporary files left by a writer that died go. Another process
 * removing the same files meanwhile, or a file that will not go, changes nothing: at worst a cache is made again.
 */
function removeOldCaches(folder: string, cacheName: string, written: string): void {
  const name = cacheName.replace(/[^\w-]/g, '\\$&');
  const keyed = new RegExp(`^${name}-[0-9a-f]{${2 * KEY_BYTES}}\\.v8cache$`);
  const temporary = new RegExp(`^${name}(-[0-9a-f]{${2 * KEY_BYTES}})?\\.v8cache\\.[0-9a-f]{12}\\.tmp$`);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  const others: Array<{ name: string; mtimeMs: number }> = [];
  for (const entry of names) {
    if (entry === written) continue;
    if (entry === `${cacheName}.v8cache`) removeQuietly(path.join(folder, entry));
    else if (keyed.test(entry) || temporary.test(entry)) {
      const mtimeMs = modifiedAt(path.join(folder, entry));
      if (mtimeMs === undefined) continue;
      if (keyed.test(entry)) others.push({ name: entry, mtimeMs });
      else if (Date.now() - mtimeMs > ABANDONED_TEMPORARY_MS) removeQuietly(path.join(folder, entry));
    }
  }
  others.sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const old of others.slice(CACHES_KEPT - 1)) removeQuietly(path.join(folder, old.name));
}

/**
 * mkdir -p one level at a time. Node 20's `mkdirSync(folder, { recursive: true })` never returns when a folder that
 * exists refuses a new entry with ENOENT (SMTP_TRANSCRIPTS_CODE_CACHE=/proc/cache hung the CLI at exit).
 */
function makeFolder(folder: string): void {
  const missing: string[] = [];
  for (let at = path.resolve(folder); !existsSync(at) && path.dirname(at) !== at; at = path.dirname(at)) missing.unshift(at);
  for (const at of missing) {
    try {
      mkdirSync(at);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

function modifiedAt(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // a folder by that name, or no right to remove it: it stays
  }
}

/**
 * The folder for code caches: SMTP_TRANSCRIPTS_CODE_CACHE when set (`off`: none; the VS Code client sets it to the
 * extension's global storage), else the user's cache folder for the platform; undefined when there is none.
 */
export function codeCacheFolder(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string | undefined {
  const chosen = env.SMTP_TRANSCRIPTS_CODE_CACHE;
  if (chosen === 'off') return undefined;
  if (chosen) return path.resolve(chosen);
  if (platform === 'win32') return env.LOCALAPPDATA ? path.join(env.LOCALAPPDATA, 'smtp-transcripts', 'Cache') : undefined;
  if (!home) return undefined;
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'smtp-transcripts');
  // XDG Base Directory: a relative XDG_CACHE_HOME is invalid and ignored.
  const xdg = env.XDG_CACHE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.cache'), 'smtp-transcripts');
}

/** The host of a Node process (the adapters pass theirs): its cache folder, its runtime, its 'exit' event. */
export function processCodeCacheHost(owner: Pick<NodeJS.Process, 'env' | 'platform' | 'version' | 'versions' | 'arch' | 'once'>, home: string): CodeCacheHost {
  return {
    folder: codeCacheFolder(owner.env, owner.platform, home),
    runtime: `node ${owner.version} v8 ${owner.versions.v8} ${owner.arch}`,
    atExit: (task) => owner.once('exit', task),
  };
}
