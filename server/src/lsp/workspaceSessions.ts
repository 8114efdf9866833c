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
/**
 * VS Code asks again at each character typed in Go to Symbol: within this long of the last look at the disk, the
 * files' sessions as then found answer (looking at 2,000 unchanged files again takes 100-400 ms; the names kept, none).
 * A file changed since shows at the first request after it.
 */
export const REUSE_MS = 1_000;
/** Files looked at (stat, and read when changed) at once. */
const AT_ONCE = 32;

export class WorkspaceSessions {
  private readonly kept = new Map<string, { stamp: string; sessions: NamedSession[] }>();
  private lastLook: { at: number; found: readonly FoundTranscript[] } | undefined;
  /**
   * An open document's sessions at the version they were read from (VS Code asks at each character typed). By the
   * document object: one opened again under the same URI, at the same version, is another object.
   */
  private readonly openRead = new WeakMap<TextDocument, { version: number; sessions: NamedSession[] }>();

  constructor(
    private readonly files: FileAccess | undefined,
    private readonly folders: WorkspaceFolderPaths,
    private readonly documents: TextDocuments<TextDocument>,
  ) {}

  async find(query: string): Promise<SymbolInformation[]> {
    const found = await this.lookAtDisk();
    const byPath = new Map(found.map((file) => [file.path, file]));
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
      add(sessionSymbols(document.uri, this.openSessions(document), query, shown));
    }
    for (const file of found) {
      if (symbols.length >= MAX_SYMBOLS) break;
      const sessions = open.has(file.path) ? undefined : this.kept.get(file.path)?.sessions;
      if (sessions) add(sessionSymbols(file.uri, sessions, query, file.shown));
    }
    return symbols;
  }

  /** The workspace's transcript files, each one's sessions kept up to date; the last look's within REUSE_MS. */
  private async lookAtDisk(): Promise<readonly FoundTranscript[]> {
    if (!this.files) return [];
    if (this.lastLook && Date.now() - this.lastLook.at < REUSE_MS) return this.lastLook.found;
    const found = await this.files.findTranscripts(this.folders.paths, MAX_FILES);
    const listed = new Set(found.map((file) => file.path));
    for (const path of this.kept.keys()) if (!listed.has(path)) this.kept.delete(path);
    for (let start = 0; start < found.length; start += AT_ONCE) await Promise.all(found.slice(start, start + AT_ONCE).map((file) => this.sessionsOf(file)));
    this.lastLook = { at: Date.now(), found };
    return found;
  }

  private openSessions(document: TextDocument): NamedSession[] {
    const read = this.openRead.get(document);
    if (read?.version === document.version) return read.sessions;
    const sessions = namedSessions(document.getText());
    this.openRead.set(document, { version: document.version, sessions });
    return sessions;
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
