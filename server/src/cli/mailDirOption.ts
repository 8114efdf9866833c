// `--mail-dir DIR` of `serve` and `replay --local` (and `serve --record DIR`): made when missing, refused clearly when it cannot be one.
import { resolve } from 'node:path';
import { makeFolder } from '../io/folders';
import { UsageError } from './io';

export async function prepareMailDir(given: string, cwd: string, option = '--mail-dir'): Promise<string> {
  if (given.trim() === '') throw new UsageError(`${option} needs a directory name`);
  const dir = resolve(cwd, given);
  const problem = await makeFolder(dir);
  if (problem) throw new UsageError(`${option} ${given}: ${problem}`);
  return dir;
}
