// File names where a transcript names a file: a `< path` include (after its MIME form and media type) and the path
// settings (`@ca = `, `@dkim-key = `), relative to the transcript as replay reads them. The caller lists the folder
// (the language server reads the disk; the browser has none to read, and offers none).
import type { CompletionItem, Position } from 'vscode-languageserver-types';
import { markdown, snippetText } from '../markdown';
import { withSlashes } from '../writtenPaths';
import { CompletionItemKind, completionItems, lineRange, type ItemSpec } from './completionItems';

export interface FolderEntry {
  name: string;
  folder: boolean;
}

/** Which of a folder's names to list. */
export interface WantedNames {
  /** The names completion may offer at all. */
  shown(name: string): boolean;
  /** What was typed of the name: a folder too large to list whole gives those that start with it (in any case). */
  startingWith: string;
}

export interface FolderListing {
  entries: readonly FolderEntry[];
  /** False when the folder was too large to list whole: typing more of the name lists others. */
  complete: boolean;
}

/**
 * The entries of `folder` as written, `/` between its names (`./`, `../shared/`, `/etc/ssl/`, `C:/certs/`; `` is the
 * transcript's own); undefined when unreadable.
 */
export type ListFolder = (folder: string, wanted: WantedNames) => FolderListing | undefined;

/** Where file names come from: the folder lister, and whether the document reads `\` as `/` (writtenPaths.ts). */
export interface FileFolders {
  list: ListFolder;
  windows: boolean;
}

/**
 * The entries of the folder typed so far at `pathStart`, replacing the name after its last separator: `/`, and on a
 * Windows document `\` too; elsewhere a `\` is part of a name, as replay reads it there.
 */
export function fileCompletions(lineText: string, position: Position, pathStart: number, folders: FileFolders): CompletionItem[] {
  const { list: listFolder, windows } = folders;
  const typed = lineText.slice(pathStart, position.character);
  // `{{...}}` is known only at replay.
  if (typed.includes('{{')) return [];
  const written = withSlashes(typed, windows);
  const slash = written.lastIndexOf('/');
  const name = written.slice(slash + 1);
  // A folder chosen goes on with the separator the path was typed with.
  const separator = slash >= 0 ? typed[slash] : '/';
  const listing = listFolder(written.slice(0, slash + 1), { shown: (entry) => shownName(entry, name), startingWith: name });
  if (!listing) return [];
  // The path is the rest of the line (model/classifyLine.ts): a name may hold blanks, and the one chosen replaces
  // what follows the cursor up to the line's end.
  const end = Math.max(position.character, lineText.trimEnd().length);
  const specs: ItemSpec[] = listing.entries.map((entry) => ({
    label: entry.folder ? `${entry.name}${separator}` : entry.name,
    kind: entry.folder ? CompletionItemKind.Folder : CompletionItemKind.File,
    insert: snippetText(entry.folder ? `${entry.name}${separator}` : entry.name),
    documentation: markdown(entry.folder ? 'A folder: its entries come next.' : 'A file, relative to the transcript.'),
    // Folders first, then files, each by name.
    tier: entry.folder ? 0 : 1,
    retrigger: entry.folder,
  }));
  specs.sort((a, b) => (a.tier ?? 0) - (b.tier ?? 0) || a.label.localeCompare(b.label));
  return completionItems(lineRange(position.line, pathStart + slash + 1, end), specs);
}

/**
 * A name a transcript line can hold as a path: no line break or other control character, no blank at either end (the
 * path is read trimmed). Hidden names only once one starting with `.` is typed, as shells complete them.
 */
function shownName(name: string, typed: string): boolean {
  return !UNWRITABLE_NAME.test(name) && (!name.startsWith('.') || typed.startsWith('.'));
}

const UNWRITABLE_NAME = /[\x00-\x1f\x7f]|^\s|\s$/;
