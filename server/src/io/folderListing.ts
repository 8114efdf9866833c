// A folder's entries for completing file names: names and whether each is a folder (a symbolic link counts as what
// it leads to). Bounded: a folder of a million files gives the first ones, not a million items.
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

export const LISTED_ENTRIES = 1000;

export interface ListedEntry {
  name: string;
  folder: boolean;
}

/** The entries of `folder`, at most LISTED_ENTRIES; undefined when it cannot be read (none, not a folder, no access). */
export function listFolder(folder: string): ListedEntry[] | undefined {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return undefined;
  }
  return entries.slice(0, LISTED_ENTRIES).map((entry) => ({ name: entry.name, folder: isFolder(folder, entry) }));
}

function isFolder(folder: string, entry: Dirent): boolean {
  if (!entry.isSymbolicLink()) return entry.isDirectory();
  try {
    return statSync(join(folder, entry.name)).isDirectory();
  } catch {
    return false;
  }
}
