// Expected vs actual as a diff: the file on the left, the actual transcript (the server's replies in place of the
// S: lines) on the right as a read-only virtual document, so closing the diff never asks to save. "Update
// expectations" proposes that text; Apply and Discard sit in the diff editor's title (and in a notification), and
// Apply replaces the file's text as one undoable edit.
import { type ReplayResult } from '../../../server/src/engine';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { replayEngine } from '../replayEngine';
import { actualTranscriptSettings } from '../settings';

export const ACTUAL_SCHEME = 'smtp-actual';
export const APPLY_COMMAND = 'smtp.applyActualReplies';
export const DISCARD_COMMAND = 'smtp.discardActualReplies';

export type UpdateOutcome = 'applied' | 'unchanged' | 'declined';

interface Proposal {
  document: vscode.TextDocument;
  /** The document's version the proposal was computed from: applying over later edits would lose them. */
  version: number;
  text: string;
  settle: (outcome: UpdateOutcome) => void;
}

export class ExpectationsView implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly proposals = new Map<string, Proposal>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(ACTUAL_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Opens the actual transcript beside the file, as a diff; resolves to the (read-only) actual document. */
  async show(document: vscode.TextDocument, result: ReplayResult): Promise<vscode.TextDocument> {
    return vscode.workspace.openTextDocument(await this.showText(document, replayEngine().actualTranscript(document.getText(), result, actualTranscriptSettings(document.uri))));
  }

  /**
   * Shows what the server's replies would change and applies them only when accepted: from the diff editor's title,
   * the command palette, or the notification. `confirm` replaces the notification in tests that cannot click one.
   */
  async update(document: vscode.TextDocument, result: ReplayResult, confirm?: (file: string) => Thenable<boolean | undefined>): Promise<UpdateOutcome> {
    const current = document.getText();
    const proposed = replayEngine().actualTranscript(current, result, actualTranscriptSettings(document.uri));
    const file = path.basename(document.fileName);
    if (proposed === current) {
      void vscode.window.showInformationMessage(`${file}: the expectations already match the server.`);
      return 'unchanged';
    }
    this.proposals.get(document.uri.toString())?.settle('declined');
    const outcome = new Promise<UpdateOutcome>((settle) => {
      this.proposals.set(document.uri.toString(), { document, version: document.version, text: proposed, settle });
    });
    await this.showText(document, proposed);
    void vscode.commands.executeCommand('setContext', 'smtp.actualRepliesPending', true);
    const ask = confirm ?? askToApply;
    // A notification closed without a choice leaves the proposal to the diff's title buttons.
    void Promise.resolve(ask(file)).then((yes) => (yes === undefined ? undefined : yes ? this.apply(document.uri) : this.discard(document.uri)));
    return outcome;
  }

  /** Applies the pending proposal for `source` (the diff's file when none is given). */
  async apply(source = this.sourceInView()): Promise<UpdateOutcome> {
    const proposal = source && this.take(source);
    if (!proposal) return this.nothingPending();
    const { document, text, settle } = proposal;
    if (document.version !== proposal.version) {
      void vscode.window.showWarningMessage(`${path.basename(document.fileName)} changed since the replay: replay it again to update its expectations.`);
      settle('declined');
      return 'declined';
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
    const outcome = (await vscode.workspace.applyEdit(edit)) ? 'applied' : 'declined';
    settle(outcome);
    return outcome;
  }

  discard(source = this.sourceInView()): UpdateOutcome {
    const proposal = source && this.take(source);
    if (!proposal) return this.nothingPending();
    proposal.settle('declined');
    return 'declined';
  }

  private take(source: vscode.Uri): Proposal | undefined {
    const proposal = this.proposals.get(source.toString());
    this.proposals.delete(source.toString());
    if (this.proposals.size === 0) void vscode.commands.executeCommand('setContext', 'smtp.actualRepliesPending', false);
    return proposal;
  }

  private nothingPending(): UpdateOutcome {
    void vscode.window.showInformationMessage('No update of expectations is waiting: run "SMTP: Update Expectations from Server" first.');
    return 'declined';
  }

  /** The file whose proposal is shown: the active diff's actual side names it, else the active editor's file. */
  private sourceInView(): vscode.Uri | undefined {
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (tab instanceof vscode.TabInputTextDiff && tab.modified.scheme === ACTUAL_SCHEME) return vscode.Uri.parse(tab.modified.query);
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active?.scheme === ACTUAL_SCHEME) return vscode.Uri.parse(active.query);
    return active;
  }

  private async showText(document: vscode.TextDocument, text: string): Promise<vscode.Uri> {
    const name = path.basename(document.fileName);
    // The path ends in .smtp (the file's name, or an untitled one's with .smtp added), so the virtual document gets
    // the smtp language; the query names the file.
    const actual = vscode.Uri.from({ scheme: ACTUAL_SCHEME, path: `/actual/${name.endsWith('.smtp') ? name : `${name}.smtp`}`, query: document.uri.toString() });
    this.texts.set(actual.toString(), text);
    this.changed.fire(actual);
    await vscode.commands.executeCommand('vscode.diff', document.uri, actual, `${name}: expected ↔ actual (from the server)`, { preview: true });
    return actual;
  }

  dispose(): void {
    for (const proposal of this.proposals.values()) proposal.settle('declined');
    this.proposals.clear();
    this.registration.dispose();
    this.changed.dispose();
  }
}

/** true: Apply, false: Discard, undefined: closed without a choice. */
async function askToApply(file: string): Promise<boolean | undefined> {
  const choice = await vscode.window.showInformationMessage(
    `Replace the S: lines of ${file} with what the server replied? (Shown in the diff, whose title also has Apply and Discard; undo with Ctrl+Z.)`,
    'Apply',
    'Discard',
  );
  return choice === undefined ? undefined : choice === 'Apply';
}
