// Evaluating one of our CommonJS bundles (dist/serverMain.js, dist/nodeEngine.js) with
// V8's code cache: Node 20 has no module.enableCompileCache (22.1+), so the bundle is compiled as a vm.Script with the
// cachedData a previous run left in a cache folder, which spares the parse and compile of every function that run
// used (most of a start's own CPU). The cache is an optimisation only: missing, stale, corrupt or unwritable, the
// bundle is compiled from source as Node would, and nothing is printed.
//
// A cache file is `MAGIC`, the identity of what it was made for (sha256 of the runtime and the bundle's text), the
// sha256 of V8's data, then the data. V8 checks only the source's length and its own version and flags, and data
// damaged inside crashes the process instead of being rejected: so a file is handed to V8 only when both hashes hold.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

const MAGIC = Buffer.from('SMTPV8C1');
const HASH_BYTES = 32;
const HEADER_BYTES = MAGIC.length + 2 * HASH_BYTES;
// The CommonJS wrapper Node puts around a module; the column offset keeps line 1's columns in stack traces as in the file.
const WRAPPER_START = '(function (exports, require, module, __filename, __dirname) { ';
const WRAPPER_END = '\n});';

const sha256 = (data: string | Buffer): Buffer => createHash('sha256').update(data).digest();

/**
 * Evaluates the CommonJS bundle `file` as Node's `require` would and returns its `module.exports`. When the cache
 * was missing or not usable, a new one is written as the process exits: by then V8 has compiled the functions this
 * run used, and the cache holds them too. `cacheName` names the cache file: readers of one bundle that run different
 * parts of it (the CLI, the language server) keep a cache each.
 */
export function runBundle(file: string, host: CodeCacheHost, cacheName = path.basename(file, '.js')): unknown {
  const bytes = readFileSync(file);
  const source = bytes.toString('utf8');
  const cacheFile = host.folder === undefined ? undefined : path.join(host.folder, `${cacheName}.v8cache`);
  const identity = createHash('sha256').update(`${host.runtime}\n`).update(bytes).digest();
  const cachedData = cacheFile === undefined ? undefined : readCache(cacheFile, identity);
  const script = new Script(WRAPPER_START + source + WRAPPER_END, { filename: file, columnOffset: -WRAPPER_START.length, cachedData });
  if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected)) {
    host.atExit(() => writeCache(cacheFile, identity, script));
  }
  const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  return module.exports;
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
function writeCache(cacheFile: string, identity: Buffer, script: Script): void {
  const temporary = `${cacheFile}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const data = script.createCachedData();
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    writeFileSync(temporary, Buffer.concat([MAGIC, identity, sha256(data), data]));
    renameSync(temporary, cacheFile);
  } catch {
    // An unwritable folder costs the next start its speed, nothing else.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // nothing was written
    }
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
