// The named sessions of the workspace's transcripts, for `workspace/symbol`: the open documents as the editor holds
// them, the other `.smtp` files of the workspace folders from the disk. A file's sessions are kept with its stamp,
// so a request reads again only what changed since the last one. The web worker has no disk: open documents only.
import type { SymbolInformation, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { namedSessions, sessionSymbols, type NamedSession } from '../features/workspaceSymbols';
import type { FileAccess, FoundTranscript } from './fileAccess';
import type { WorkspaceFolderPaths } from './workspaceFolderPaths';

/** Files read at most: a workspace folder that is a whole disk must not be read whole. */
const MAX_FILES = 5_000;
/** Symbols answered at most; VS Code shows a list, not all of them. */
const MAX_SYMBOLS = 1_000;

export class WorkspaceSessions {
  private readonly kept = new Map<string, { stamp: string; sessions: NamedSession[] }>();

  constructor(
    private readonly files: FileAccess | undefined,
    private readonly folders: WorkspaceFolderPaths,
    private readonly documents: TextDocuments<TextDocument>,
  ) {}

  async find(query: string): Promise<SymbolInformation[]> {
    const found = this.files ? await this.files.findTranscripts(this.folders.paths, MAX_FILES) : [];
    const byPath = new Map(found.map((file) => [file.path, file]));
    for (const path of this.kept.keys()) if (!byPath.has(path)) this.kept.delete(path);
    const symbols: SymbolInformation[] = [];
    const add = (more: SymbolInformation[]): void => {
      for (const symbol of more) if (symbols.length < MAX_SYMBOLS) symbols.push(symbol);
    };
    // An open document as the editor holds it, unsaved edits and all.
    const open = new Set<string>();
    for (const document of this.documents.all()) {
      if (document.languageId !== 'smtp') continue;
      const path = this.files?.localPath(document.uri);
      if (path !== undefined) open.add(path);
      const shown = (path !== undefined && byPath.get(path)?.shown) || lastSegment(document.uri);
      add(sessionSymbols(document.uri, namedSessions(document.getText()), query, shown));
    }
    for (const file of found) {
      if (symbols.length >= MAX_SYMBOLS) break;
      if (open.has(file.path)) continue;
      const sessions = await this.sessionsOf(file);
      if (sessions) add(sessionSymbols(file.uri, sessions, query, file.shown));
    }
    return symbols;
  }

  private async sessionsOf(file: FoundTranscript): Promise<NamedSession[] | undefined> {
    const before = this.kept.get(file.path);
    const read = await this.files!.readTranscript(file.path, before?.stamp);
    if (!read) {
      this.kept.delete(file.path);
      return undefined;
    }
    if (read.text === undefined && before) return before.sessions;
    const sessions = namedSessions(read.text ?? '');
    this.kept.set(file.path, { stamp: read.stamp, sessions });
    return sessions;
  }
}

/** A URI's last segment, decoded where it can be (`untitled:Untitled-1`, `file:///x/a%20b.smtp`: `a b.smtp`). */
function lastSegment(uri: string): string {
  const segment = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
