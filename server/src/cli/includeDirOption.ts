// `--allow-include-dir DIR` (lint and replay, repeatable): folders besides the transcript's own tree whose files
// includes and `@ca` may read. Each must be an existing directory, so that a typo does not silently allow nothing.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeError } from '../io/regularFiles';
import { UsageError } from './io';

export async function allowedIncludeDirs(given: readonly string[] | undefined, cwd: string): Promise<string[]> {
  const dirs: string[] = [];
  for (const dir of given ?? []) {
    if (dir.trim() === '') throw new UsageError('--allow-include-dir needs a directory name');
    const path = resolve(cwd, dir);
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => describeError(error));
    if (typeof info === 'string') throw new UsageError(`--allow-include-dir ${dir}: ${info}`);
    if (!info.isDirectory()) throw new UsageError(`--allow-include-dir ${dir}: not a directory`);
    dirs.push(path);
  }
  return dirs;
}
