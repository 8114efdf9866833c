// The workspace's current replay target, for transcripts without `@server` when `smtp.replay.server` is not set:
// chosen once (the picker appears only while none is chosen), shown in the status bar, switched from there.
import * as vscode from 'vscode';
import { forgetRecent, LOCAL_TARGET, pickTarget, targetFromText, type PickedTarget, type TargetText } from './targetPicker';

const CURRENT_KEY = 'smtp.currentTarget';
export const CHOOSE_TARGET_COMMAND = 'smtp.chooseTarget';

export class WorkspaceTarget implements vscode.Disposable {
  private readonly status = vscode.window.createStatusBarItem('smtp.target', vscode.StatusBarAlignment.Left, 11);

  constructor(
    private readonly workspaceState: vscode.Memento,
    private readonly recentState: vscode.Memento,
  ) {
    this.status.name = 'SMTP target';
    this.status.command = CHOOSE_TARGET_COMMAND;
    this.render();
  }

  /** The remembered text (`local`, `host:port`, `mx:domain`), if any. */
  get text(): TargetText | undefined {
    return this.workspaceState.get<string>(CURRENT_KEY);
  }

  /** What the status bar says now (for the end-to-end tests). */
  get statusText(): string {
    return this.status.text;
  }

  /** The current target, asking (and remembering the answer) when none is chosen. */
  async currentOrAsk(): Promise<{ target: PickedTarget; text: TargetText } | undefined> {
    const remembered = this.text;
    const target = remembered === undefined ? undefined : targetFromText(remembered);
    if (remembered !== undefined && target) return { target, text: remembered };
    const chosen = await this.choose();
    const picked = chosen === undefined ? undefined : targetFromText(chosen);
    return chosen !== undefined && picked ? { target: picked, text: chosen } : undefined;
  }

  /** The picker, from the status bar or the palette; the choice holds for this workspace until changed. */
  async choose(): Promise<TargetText | undefined> {
    const chosen = await pickTarget(this.recentState, 'SMTP target for this workspace (transcripts without @server)');
    if (chosen !== undefined) await this.set(chosen);
    return chosen;
  }

  async set(text: TargetText | undefined): Promise<void> {
    await this.workspaceState.update(CURRENT_KEY, text);
    this.render();
  }

  /** The target could not be reached (refused, unknown name): it is neither current nor recent any more. */
  async unreachable(text: TargetText): Promise<void> {
    await forgetRecent(this.recentState, text);
    if (this.text === text) await this.set(undefined);
  }

  /** Shown only where SMTP transcripts are edited; the picker stays one click away. */
  showFor(editor: vscode.TextEditor | undefined): void {
    if (editor?.document.languageId === 'smtp') this.status.show();
    else this.status.hide();
  }

  private render(): void {
    const text = this.text;
    this.status.text = text === undefined ? '$(server) SMTP target: choose' : `$(server) SMTP: ${text === LOCAL_TARGET ? 'local test server' : text}`;
    this.status.tooltip =
      text === undefined
        ? 'Where transcripts without @server are replayed: click to choose'
        : `Transcripts without @server replay against ${text === LOCAL_TARGET ? 'the built-in local test server' : text}. Click to change.`;
  }

  dispose(): void {
    this.status.dispose();
  }
}
