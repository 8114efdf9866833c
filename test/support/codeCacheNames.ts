// The name a bundle's code cache gets in the cache folder (server/src/io/bundleCodeCache.ts) when the bundle is run by
// this Node: its sha256 as esbuild.mjs builds it into the launcher, its size and mtime.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { cacheFileName, cacheIdentity, processCodeCacheHost } from '../../server/src/io/bundleCodeCache';

export function codeCacheName(bundle: string, cacheName: string): string {
  const { size, mtimeMs } = statSync(bundle);
  const digest = createHash('sha256').update(readFileSync(bundle)).digest('hex');
  return cacheFileName(cacheName, cacheIdentity(processCodeCacheHost(process, '').runtime, digest, size, mtimeMs));
}
