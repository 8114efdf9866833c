// A folder the user names for the built-in servers to write into (received messages, recorded sessions): made when
// missing, and when it cannot be, one line that says why, for the CLI (`--mail-dir`) and the editor
// (`smtp.localServer.mailDirectory`) alike.
import type { Stats } from 'node:fs';
import { mkdir, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describeError, notRegularFile } from './regularFiles';

/**
 * Makes `dir` and its missing parents, one at a time; undefined once it is a folder, else why it is not. Not
 * `mkdir -p` (`recursive: true`): Node 20's never returns for a path under /proc, and it would not say which folder
 * failed (`/proc/nonexistent` of `/proc/nonexistent/x`).
 */
export async function makeFolder(dir: string): Promise<string | undefined> {
  const found = await stat(dir).catch((error: NodeJS.ErrnoException) => error);
  if (!(found instanceof Error)) return found.isDirectory() ? undefined : whatStandsThere(found);
  // ENOTDIR: a file stands where a parent folder should be; the parent says which.
  if (found.code !== 'ENOENT' && found.code !== 'ENOTDIR') return `cannot use the folder ${dir}: ${describeError(found)}`;
  const parent = dirname(dir);
  const parentProblem = parent === dir ? undefined : await makeFolder(parent);
  if (parentProblem) return parentProblem;
  try {
    await mkdir(dir);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code !== 'EEXIST') return `cannot create the folder ${dir}: ${describeError(e)}`;
    // Made meanwhile (another start), or a symbolic link to nothing: what is there now decides.
    const now = await stat(dir).catch(() => undefined);
    if (!now) return 'is a symbolic link to nothing, not a directory';
    return now.isDirectory() ? undefined : whatStandsThere(now);
  }
  return undefined;
}

/** What is in the way of a folder: a file, a FIFO, a device (`notRegularFile` names all but a plain file). */
function whatStandsThere(info: Stats): string {
  const kind = notRegularFile(info);
  return `${kind ? kind.replace(/, not a regular file$/, '') : 'is a file'}, not a directory`;
}

/**
 * Why no file can be made in the folder `dir` (no permission, a read-only file system), found by making one and
 * removing it; undefined when one can. Asked at start by what writes there later, where a file it cannot write is lost.
 */
export async function unwritableFolderProblem(dir: string): Promise<string | undefined> {
  const probe = join(dir, `.smtp-transcripts-write-check-${process.pid}-${Date.now()}`);
  try {
    await writeFile(probe, '', { flag: 'wx' });
  } catch (error) {
    return `cannot write files in ${dir}: ${describeError(error as NodeJS.ErrnoException)}`;
  }
  await unlink(probe).catch(() => undefined);
  return undefined;
}
