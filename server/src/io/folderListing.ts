// A folder's entries for completing file names: names and whether each is a folder (a symbolic link counts as what
// it leads to). Bounded: a folder of a million files gives, of the names starting with what was typed, the first
// ones by name, and says it is not whole, so that the editor asks again as more is typed.
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { FolderListing, WantedNames } from '../features/completion/fileCompletions';

export const LISTED_ENTRIES = 1000;

/** The entries of `folder` that are wanted, at most LISTED_ENTRIES; undefined when it cannot be read (none, not a folder, no access). */
export function listFolder(folder: string, wanted: WantedNames): FolderListing | undefined {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return undefined;
  }
  entries = entries.filter((entry) => wanted.shown(entry.name));
  const complete = entries.length <= LISTED_ENTRIES;
  if (!complete) {
    const typed = wanted.startingWith.toLowerCase();
    entries = entries
      .filter((entry) => entry.name.toLowerCase().startsWith(typed))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .slice(0, LISTED_ENTRIES);
  }
  return { entries: entries.map((entry) => ({ name: entry.name, folder: isFolder(folder, entry) })), complete };
}

function isFolder(folder: string, entry: Dirent): boolean {
  if (!entry.isSymbolicLink()) return entry.isDirectory();
  try {
    return statSync(join(folder, entry.name)).isDirectory();
  } catch {
    return false;
  }
}
