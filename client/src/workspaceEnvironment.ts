// The workspace's active environment of smtp-environments.json (REST Client's environments): chosen from the status
// bar or "SMTP: Choose Environment...", remembered per workspace, used by replay and told to the language server so
// that lint and hover know its variables.
import * as vscode from 'vscode';
import { ENVIRONMENT_FILE_NAME } from '../../server/src/engine';

/** The engine's reading of environment files: loaded with the command parts when first needed, not at activation. */
export type EnvironmentReading = Pick<typeof import('../../server/src/engine'), 'environmentNames' | 'environmentVariables' | 'findEnvironmentFile' | 'parseEnvironmentFile'>;

const ACTIVE_KEY = 'smtp.activeEnvironment';
export const CHOOSE_ENVIRONMENT_COMMAND = 'smtp.chooseEnvironment';
/** Files searched for environment names (a workspace rarely has more than a few). */
const MAX_ENVIRONMENT_FILES = 50;

/** What replay adds to a transcript: the entries, and whether `"server": "local"` asked for the built-in server. */
export type DocumentEnvironment = { variables: Map<string, string>; local: boolean } | { problem: string } | undefined;

export class WorkspaceEnvironment implements vscode.Disposable {
  private readonly status = vscode.window.createStatusBarItem('smtp.environment', vscode.StatusBarAlignment.Left, 10);
  private readonly changes = new vscode.EventEmitter<string | undefined>();
  /** Fires with the new name (undefined: none) after a switch. */
  readonly onDidChange = this.changes.event;

  constructor(
    private readonly workspaceState: vscode.Memento,
    private readonly engine: () => EnvironmentReading,
  ) {
    this.status.name = 'SMTP environment';
    this.status.command = CHOOSE_ENVIRONMENT_COMMAND;
    this.render();
  }

  get name(): string | undefined {
    return this.workspaceState.get<string>(ACTIVE_KEY);
  }

  /** What the status bar says now (for the end-to-end tests). */
  get statusText(): string {
    return this.status.text;
  }

  /** The names in every smtp-environments.json of the workspace, and "No environment". */
  async choose(): Promise<string | undefined | null> {
    const { environmentNames, parseEnvironmentFile } = this.engine();
    const names = new Set<string>();
    for (const uri of await vscode.workspace.findFiles(`**/${ENVIRONMENT_FILE_NAME}`, '**/node_modules/**', MAX_ENVIRONMENT_FILES)) {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      for (const name of environmentNames(parseEnvironmentFile(text, vscode.workspace.asRelativePath(uri)).file)) names.add(name);
    }
    if (names.size === 0) {
      void vscode.window.showInformationMessage(`No ${ENVIRONMENT_FILE_NAME} with environments in this workspace: add one, e.g. {"$shared": {"from": "me@example.test"}, "local": {"server": "local"}}.`);
      return null;
    }
    const current = this.name;
    const items: Array<vscode.QuickPickItem & { value: string | undefined }> = [
      ...[...names].map((name) => ({ label: name, description: name === current ? 'active' : undefined, value: name })),
      { label: 'No environment', description: current === undefined ? 'active' : undefined, value: undefined },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'SMTP environment for this workspace (smtp-environments.json)' });
    if (!picked) return null;
    await this.set(picked.value);
    return picked.value;
  }

  async set(name: string | undefined): Promise<void> {
    await this.workspaceState.update(ACTIVE_KEY, name);
    this.render();
    this.changes.fire(name);
  }

  /** The active environment as the nearest smtp-environments.json of `document` defines it. */
  async forDocument(document: vscode.TextDocument): Promise<DocumentEnvironment> {
    const name = this.name;
    if (name === undefined || document.uri.scheme !== 'file') return undefined;
    const { findEnvironmentFile, environmentVariables } = this.engine();
    const root = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
    const found = await findEnvironmentFile(document.uri.fsPath, root);
    if (found.problems.length > 0) return { problem: found.problems.join('\n') };
    const variables = environmentVariables(found.file, name);
    if (!variables) {
      const where = found.path ?? `${ENVIRONMENT_FILE_NAME} (none found in the transcript's folder or above)`;
      return { problem: `The SMTP environment "${name}" is not in ${where}: choose another from the status bar.` };
    }
    // As in the CLI: `"server": "local"` means the built-in local test server.
    const local = variables.get('server') === 'local';
    if (local) variables.delete('server');
    return { variables, local };
  }

  showFor(editor: vscode.TextEditor | undefined): void {
    if (editor?.document.languageId === 'smtp') this.status.show();
    else this.status.hide();
  }

  private render(): void {
    const name = this.name;
    this.status.text = `$(symbol-variable) SMTP env: ${name ?? 'none'}`;
    this.status.tooltip = name === undefined
      ? `No environment of ${ENVIRONMENT_FILE_NAME} is active: click to choose one`
      : `Environment "${name}" of ${ENVIRONMENT_FILE_NAME}: its variables and settings apply to every transcript (the file's own win). Click to change.`;
  }

  dispose(): void {
    this.status.dispose();
    this.changes.dispose();
  }
}
