// `--mail-dir DIR` of `serve` and `replay --local` (and `serve --record DIR`): made when missing, refused clearly when it cannot be one.
import { mkdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeError, notRegularFile } from '../io/regularFiles';
import { UsageError } from './io';

export async function prepareMailDir(given: string, cwd: string, option = '--mail-dir'): Promise<string> {
  if (given.trim() === '') throw new UsageError(`${option} needs a directory name`);
  const dir = resolve(cwd, given);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    // EEXIST: the path is a file; ENOTDIR: a file stands where a parent directory should be.
    const why = e.code === 'EEXIST' || e.code === 'ENOTDIR' ? await whatStandsThere(dir) : describeError(e);
    throw new UsageError(`${option} ${given}: ${why}`);
  }
  return dir;
}

/** What is in the way of a directory: a file, a FIFO, a device (`notRegularFile` names all but a plain file). */
async function whatStandsThere(dir: string): Promise<string> {
  const info = await stat(dir).catch(() => undefined);
  const kind = info && notRegularFile(info);
  return `${kind ? kind.replace(/, not a regular file$/, '') : 'is a file'}, not a directory`;
}
