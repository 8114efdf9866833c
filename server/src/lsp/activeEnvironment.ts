// The environment chosen in the editor's status bar (`smtp/activeEnvironment` from the client), read for each
// document from its nearest smtp-environments.json: lint and hover get it as input. One object per file and choice,
// so the lint cache can tell when it changed.
import type { Connection } from 'vscode-languageserver';
import { environmentVariables, type ActiveEnvironment } from '../model/environments';
import type { FileAccess } from './fileAccess';
import { showWarning } from './showWarning';
import type { WorkspaceFolderPaths } from './workspaceFolderPaths';

export class ActiveEnvironments {
  private name: string | undefined;
  private readonly byFolder = new Map<string, Promise<ActiveEnvironment | undefined>>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly connection: Connection,
    /** The web worker has no disk: no environment file is read there. */
    private readonly files: FileAccess | undefined,
    /** The search for smtp-environments.json stops at the workspace folder holding the transcript. */
    private readonly folders: WorkspaceFolderPaths,
  ) {}

  choose(name: string | null): void {
    this.name = name ?? undefined;
    this.byFolder.clear();
  }

  /** smtp-environments.json changed somewhere: read again. */
  changed(): void {
    this.byFolder.clear();
  }

  environmentFor(uri: string): Promise<ActiveEnvironment | undefined> {
    const path = this.files?.localPath(uri);
    if (this.name === undefined || path === undefined || !this.files) return Promise.resolve(undefined);
    const folder = this.files.folderOf(path);
    let environment = this.byFolder.get(folder);
    if (!environment) {
      environment = this.load(folder, this.name);
      this.byFolder.set(folder, environment);
    }
    return environment;
  }

  private async load(folder: string, name: string): Promise<ActiveEnvironment | undefined> {
    const found = await this.files!.findEnvironmentFile(folder, this.folders.paths);
    for (const problem of found.problems) this.warnOnce(problem);
    const variables = environmentVariables(found.file, name);
    return variables ? { name, variables } : undefined;
  }

  private warnOnce(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    showWarning(this.connection, message);
  }
}
