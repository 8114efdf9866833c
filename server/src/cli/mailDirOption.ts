// `--mail-dir DIR` of `serve` and `replay --local`: made when missing, refused clearly when it cannot be one.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeError } from './files';
import { UsageError } from './io';

export async function prepareMailDir(given: string, cwd: string): Promise<string> {
  if (given.trim() === '') throw new UsageError('--mail-dir needs a directory name');
  const dir = resolve(cwd, given);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    // EEXIST: the path is a file; ENOTDIR: a file stands where a parent directory should be.
    const why = e.code === 'EEXIST' || e.code === 'ENOTDIR' ? 'is a file, not a directory' : describeError(e);
    throw new UsageError(`--mail-dir ${given}: ${why}`);
  }
  return dir;
}
