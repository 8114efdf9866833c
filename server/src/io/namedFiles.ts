// The files a transcript names (`< path` includes, `@ca`) and where they may be: after symbolic links are followed,
// inside the transcript's own folder tree, a workspace folder, or a folder the user allowed. A transcript from a
// cloned repository must not read `/etc/passwd` or `~/.ssh/id_rsa` and send it to the server it names. One rule, used
// by lint (CLI and language server) and replay (CLI and editor).
import { readlinkSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { describeError, FileProblem, MAX_FILE_BYTES, readRegularFile, statRegularFile } from './regularFiles';

export interface NamedFilePolicy {
  /** The transcript file; its folder and everything below it may be read. */
  transcriptPath: string;
  /** Further folders whose trees may be read: workspace folders, `--allow-include-dir`, `smtp.includes.allowedFolders`. */
  allowedFolders?: readonly string[];
}

/** How to allow more, for messages: the CLI flag and the editor setting. */
export const ALLOW_FOLDER_HINT = '--allow-include-dir DIR on the command line, the smtp.includes.allowedFolders setting in the editor';

export type NamedFileLookup =
  | { kind: 'file'; resolved: string; size: number }
  | { kind: 'missing'; resolved: string }
  // Where a refused path leads is not told (its real location is none of the transcript's business): only whether a
  // symbolic link took it out of the allowed folders, the one thing that explains a refusal of a path that looks inside.
  | { kind: 'outside'; throughLink: boolean }
  | { kind: 'unreadable'; resolved: string; problem: string };

/** True when `path` is `folder` or below it (both absolute, already free of symbolic links). */
export function isInsideFolder(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/** The real (symlink-free) folders whose trees the transcript may read. */
export function allowedRoots(policy: NamedFilePolicy): string[] {
  return [dirname(policy.transcriptPath), ...(policy.allowedFolders ?? [])].map((folder) => realOrResolved(resolve(folder)));
}

/** Where a written path leads, and whether the policy lets it be read. Synchronous stats only, never an open. */
export function lookUpNamedFile(written: string, policy: NamedFilePolicy): NamedFileLookup {
  const lexical = resolve(dirname(policy.transcriptPath), written);
  let real: string;
  try {
    real = realpathSync(lexical);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing', resolved: lexical };
    return { kind: 'unreadable', resolved: lexical, problem: describeError(error as NodeJS.ErrnoException) };
  }
  const roots = allowedRoots(policy);
  if (!roots.some((root) => isInsideFolder(real, root))) return { kind: 'outside', throughLink: leadsInside(lexical, policy, roots) };
  const file = statRegularFile(real);
  if (file === 'missing') return { kind: 'missing', resolved: real };
  if ('problem' in file) return { kind: 'unreadable', resolved: real, problem: file.problem };
  return { kind: 'file', resolved: real, size: file.size };
}

/** Whether the path, as written and before any link is followed, lies inside the allowed folders. */
function leadsInside(lexical: string, policy: NamedFilePolicy, roots: readonly string[]): boolean {
  const written = [dirname(policy.transcriptPath), ...(policy.allowedFolders ?? [])].map((folder) => resolve(folder));
  return [...written, ...roots].some((root) => isInsideFolder(lexical, root));
}

/** The one-line refusal for a path outside the allowed folders: named as written, never where it leads. */
export function outsideMessage(written: string, throughLink: boolean, policy: NamedFilePolicy): string {
  const where = throughLink ? 'it leads, through a symbolic link,' : 'it is';
  const also = policy.allowedFolders?.length ? ' and the allowed folders' : '';
  return `cannot read ${written}: ${where} outside the transcript's folder ${dirname(resolve(policy.transcriptPath))}${also}, and a transcript may read only files there; to allow another folder use ${ALLOW_FOLDER_HINT}`;
}

/**
 * Reads a file the transcript names, if the policy allows it. Throws a `FileProblem` with a one-line reason. The real
 * path is what is opened, and the opened handle is checked again (its kind, and on Linux where it really is), so a
 * path swapped for a FIFO, a device or a link out after the check is refused rather than read.
 */
export async function readNamedFile(written: string, policy: NamedFilePolicy): Promise<Buffer> {
  const found = lookUpNamedFile(written, policy);
  switch (found.kind) {
    case 'outside':
      throw new FileProblem(outsideMessage(written, found.throughLink, policy));
    case 'missing':
      throw new FileProblem(`cannot read ${written}: no such file (paths are relative to the transcript)`);
    case 'unreadable':
      throw new FileProblem(`cannot read ${written}: ${itProblem(found.problem)}`);
    case 'file':
      try {
        return await readRegularFile(found.resolved, MAX_FILE_BYTES, (fd) => openedOutside(fd, written, policy));
      } catch (error) {
        throw new FileProblem(`cannot read ${written}: ${itProblem((error as Error).message)}`);
      }
  }
}

/** "is a FIFO ..." reads as "it is a FIFO ..."; an errno text stays as it is. */
function itProblem(problem: string): string {
  return problem.startsWith('is ') ? `it ${problem}` : problem;
}

/**
 * Where the opened file really is, on Linux (/proc/self/fd): a folder on the path swapped for a link between the check
 * and the open would lead outside unnoticed otherwise. Elsewhere the check before the open stands alone.
 */
function openedOutside(fd: number, written: string, policy: NamedFilePolicy): string | undefined {
  let opened: string;
  try {
    opened = readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return undefined;
  }
  if (!isAbsolute(opened) || allowedRoots(policy).some((root) => isInsideFolder(opened, root))) return undefined;
  return outsideMessage(written, true, policy);
}

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
