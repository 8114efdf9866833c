// The `.smtp` files below a folder, for the CLI (a folder named on its command line) and the language server (the
// workspace's sessions, for Go to Symbol in Workspace). Hidden folders and node_modules are left out.
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeError, notRegularFile, readRegularFile } from './regularFiles';

/**
 * The `.smtp` files below `dir`, added to `found` until it holds `limit`. A directory that cannot be read and a
 * `.smtp` entry that is no regular file (a FIFO, a socket) are reported and skipped; symbolic links are not followed
 * into directories (no cycles).
 */
export async function findSmtpFiles(dir: string, found: string[], report: (path: string, why: string) => void, limit = Infinity): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => describeError(error));
  if (typeof entries === 'string') return report(dir, `cannot read this directory: ${entries}`);
  for (const entry of entries) {
    if (found.length >= limit) return;
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await findSmtpFiles(path, found, report, limit);
    else if (!entry.name.endsWith('.smtp')) continue;
    else if (entry.isFile()) found.push(path);
    else if (entry.isSymbolicLink()) {
      // A link whose target is gone is said to be one: "no such file" named a file the listing had just shown.
      const target = await stat(path).catch((error: NodeJS.ErrnoException) => error);
      if (target instanceof Error && target.code === 'ENOENT') report(path, 'skipped: a symbolic link to a file that does not exist');
      else found.push(path);
    }
    else report(path, `skipped: it ${notRegularFile(entry)}`);
  }
}

/** A transcript file found in a workspace folder. */
export interface FoundTranscript {
  path: string;
  uri: string;
  /** Its path relative to the workspace folder it was found in. */
  shown: string;
}

/**
 * The `.smtp` files below each folder, at most `limit` in all, with their `file:` URIs and their paths relative to the
 * folder; folders that cannot be read are passed over.
 */
export async function findTranscripts(folders: readonly string[], limit: number): Promise<FoundTranscript[]> {
  const found: FoundTranscript[] = [];
  for (const folder of folders) {
    const paths: string[] = [];
    await findSmtpFiles(folder, paths, () => undefined, limit - found.length);
    for (const path of paths) found.push({ path, uri: pathToFileURL(path).href, shown: relative(folder, path) });
  }
  return found;
}

/**
 * A transcript's stamp (modification time and size) and, unless the stamp is `known`, its text (UTF-8, as the editor
 * opens it); undefined when the file cannot be read or is no regular file.
 */
export async function readTranscriptText(path: string, known?: string): Promise<{ stamp: string; text?: string } | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  const stamp = `${info.mtimeMs}:${info.size}`;
  if (stamp === known) return { stamp };
  const content = await readRegularFile(path).catch(() => undefined);
  return content && { stamp, text: content.toString('utf8') };
}
