// File names where a transcript names a file: a `< path` include (after its MIME form and media type) and the path
// settings (`@ca = `, `@dkim-key = `), relative to the transcript as replay reads them. The caller lists the folder
// (the language server reads the disk; the browser has none to read, and offers none).
import type { CompletionItem, Position } from 'vscode-languageserver-types';
import { markdown, snippetText } from '../markdown';
import { CompletionItemKind, completionItems, lineRange, type ItemSpec } from './completionItems';

export interface FolderEntry {
  name: string;
  folder: boolean;
}

/** The entries of `folder` as written (`./`, `../shared/`, `/etc/ssl/`; `` is the transcript's own); undefined when unreadable. */
export type ListFolder = (folder: string) => readonly FolderEntry[] | undefined;

/** The entries of the folder typed so far at `pathStart`, replacing the name after its last `/`. */
export function fileCompletions(lineText: string, position: Position, pathStart: number, listFolder: ListFolder): CompletionItem[] {
  const typed = lineText.slice(pathStart, position.character);
  // `{{...}}` is known only at replay; a blank ends the path (the cursor is past it).
  if (typed.includes('{{') || /\s/.test(typed)) return [];
  const slash = typed.lastIndexOf('/');
  const entries = listFolder(typed.slice(0, slash + 1));
  if (!entries) return [];
  const name = typed.slice(slash + 1);
  const end = position.character + (/^[^\s]*/.exec(lineText.slice(position.character))?.[0].length ?? 0);
  // Hidden entries only once a name starting with `.` is typed, as shells complete them.
  const shown = entries.filter((entry) => !entry.name.startsWith('.') || name.startsWith('.'));
  const specs: ItemSpec[] = shown.map((entry) => ({
    label: entry.folder ? `${entry.name}/` : entry.name,
    kind: entry.folder ? CompletionItemKind.Folder : CompletionItemKind.File,
    insert: snippetText(entry.folder ? `${entry.name}/` : entry.name),
    documentation: markdown(entry.folder ? 'A folder: its entries come next.' : 'A file, relative to the transcript.'),
    // Folders first, then files, each by name.
    tier: entry.folder ? 0 : 1,
    retrigger: entry.folder,
  }));
  specs.sort((a, b) => (a.tier ?? 0) - (b.tier ?? 0) || a.label.localeCompare(b.label));
  return completionItems(lineRange(position.line, pathStart + slash + 1, end), specs);
}
