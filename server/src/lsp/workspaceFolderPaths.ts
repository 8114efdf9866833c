// The workspace folders as local paths: from `initialize`, then kept as the client adds and removes folders
// (workspace/didChangeWorkspaceFolders). Lint's include roots and the environment-file search read them, so a folder
// added to a running editor counts as replay counts it. An entry without a URI (a client's mistake) is left out.
import type { InitializeParams, WorkspaceFoldersChangeEvent } from 'vscode-languageserver';
import type { FileAccess } from './fileAccess';

export class WorkspaceFolderPaths {
  private uris: string[] = [];
  private local: string[] = [];

  constructor(private readonly files: FileAccess | undefined) {}

  configure(params: InitializeParams): void {
    this.set(params.workspaceFolders ? params.workspaceFolders.map((f) => f?.uri) : [params.rootUri]);
  }

  changed(event: WorkspaceFoldersChangeEvent): void {
    const removed = new Set(event.removed.map((f) => f?.uri));
    this.set([...this.uris.filter((uri) => !removed.has(uri)), ...event.added.map((f) => f?.uri)]);
  }

  /** The folders on this machine's disk, in the client's order. */
  get paths(): readonly string[] {
    return this.local;
  }

  private set(uris: ReadonlyArray<string | null | undefined>): void {
    this.uris = [...new Set(uris.filter((uri): uri is string => typeof uri === 'string'))];
    this.local = this.uris.flatMap((uri) => this.files?.localPath(uri) ?? []);
  }
}
