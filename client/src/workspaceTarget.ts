// The workspace's current replay target, for transcripts without `@server` when `smtp.replay.server` is not set:
// chosen once (the picker appears only while none is chosen), shown in the status bar, switched from there. While
// the setting names a target, replays go there whatever the choice: the status bar shows the setting's target then.
import { REPLAY_SERVER_KEY as SERVER_KEY } from '../../server/src/engine';
import * as vscode from 'vscode';
import { forgetRecent, LOCAL_TARGET, pickTarget, targetFromText, type PickedTarget, type TargetText } from './targetPicker';

const CURRENT_KEY = 'smtp.currentTarget';
export const CHOOSE_TARGET_COMMAND = 'smtp.chooseTarget';

/** `local test server` (`the built-in local test server` in a sentence), or the target as written. */
function targetName(text: TargetText, inSentence = false): string {
  if (text !== LOCAL_TARGET) return text;
  return inSentence ? 'the built-in local test server' : 'local test server';
}

export class WorkspaceTarget implements vscode.Disposable {
  private readonly status = vscode.window.createStatusBarItem('smtp.target', vscode.StatusBarAlignment.Left, 11);
  private readonly configurationChanges: vscode.Disposable;
  /** The transcript shown: the setting is read for it, as a replay of it reads it. */
  private document?: vscode.Uri;

  constructor(
    private readonly workspaceState: vscode.Memento,
    private readonly recentState: vscode.Memento,
  ) {
    this.status.name = 'SMTP target';
    this.configurationChanges = vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(SERVER_KEY) && this.render());
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

  get statusTooltip(): string {
    return typeof this.status.tooltip === 'string' ? this.status.tooltip : (this.status.tooltip?.value ?? '');
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
    if (editor?.document.languageId === 'smtp') {
      this.document = editor.document.uri;
      this.render();
      this.status.show();
    } else this.status.hide();
  }

  private render(): void {
    const configured = vscode.workspace.getConfiguration(undefined, this.document).get<unknown>(SERVER_KEY);
    const named = typeof configured === 'string' ? configured.trim() : configured;
    if (named !== undefined && named !== null && named !== '') {
      this.renderSetting(named);
      return;
    }
    const text = this.text;
    this.status.command = CHOOSE_TARGET_COMMAND;
    this.status.text = text === undefined ? '$(server) SMTP target: choose' : `$(server) SMTP: ${targetName(text)}`;
    this.status.tooltip =
      text === undefined
        ? 'Where transcripts without @server are replayed: click to choose'
        : `Transcripts without @server replay against ${targetName(text, true)}. Click to change.`;
  }

  /** `smtp.replay.server` names the target, whatever the workspace's choice: a click opens the setting. */
  private renderSetting(configured: unknown): void {
    this.status.command = { title: 'Open the setting', command: 'workbench.action.openSettings', arguments: [SERVER_KEY] };
    if (typeof configured !== 'string' || !targetFromText(configured)) {
      this.status.text = `$(warning) SMTP target: ${SERVER_KEY} is not valid`;
      this.status.tooltip = `${SERVER_KEY} names no target: replays refuse it until it is local, host, host:port, [ipv6]:port, mx:domain or unix:/path. Click to open the setting.`;
      return;
    }
    this.status.text = `$(server) SMTP: ${targetName(configured)} (setting)`;
    this.status.tooltip = `Transcripts without @server replay against ${targetName(configured, true)}: ${SERVER_KEY} says so, whatever the workspace's choice. Click to open the setting.`;
  }

  dispose(): void {
    this.configurationChanges.dispose();
    this.status.dispose();
  }
}
