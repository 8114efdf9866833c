// The result view beside the editor (REST Client's response pane, for SMTP): the last replay of a transcript with
// its exchanges, TLS, wire log and failures, actions, and the file's run history, any two runs diffable. The page is
// built by resultViewHtml from the engine's masked result: no raw environment value ever reaches it.
import * as path from 'node:path';
import { SHOW_RESULT_VIEW_SETTING, type ReplayResult, type ResultViewWhen } from '../../../server/src/engine';
import * as vscode from 'vscode';
import { replayEngine } from '../replayEngine';
import { resultViewHtml, type ResultViewMessage } from './resultViewHtml';
import { resultViewModel, type ResultViewModel } from './resultViewModel';
import { RunHistory, type Run } from './runHistory';

/** Read-only virtual documents of past runs' actual transcripts (no save prompt on closing their diff). */
export const RUN_SCHEME = 'smtp-run';

interface Shown {
  document: vscode.TextDocument;
  result: ReplayResult;
  stale: boolean;
  lines: readonly string[];
}

export class ResultView implements vscode.TextDocumentContentProvider, vscode.Disposable {
  readonly history = new RunHistory();
  private panel: vscode.WebviewPanel | undefined;
  /** What the panel shows (or would): the last replayed file's result. */
  private shown: Shown | undefined;
  /** Each file's last result, for "show" from another transcript's status bar item. */
  private readonly lastOf = new Map<string, Shown>();
  /** The model the panel shows (read by the end-to-end tests). */
  state: ResultViewModel | undefined;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(RUN_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = Number(/^\/run-(\d+)\//.exec(uri.path)?.[1]);
    return this.history.find(uri.query, id)?.actual ?? '';
  }

  /** After every replay: keeps the run, refreshes an open panel, opens one as `smtp.replay.showResultView` says. */
  replayed(document: vscode.TextDocument, result: ReplayResult): void {
    this.history.add(document.uri.toString(), result, replayEngine().actualTranscript(document.getText(), result), new Date());
    const when = vscode.workspace.getConfiguration(undefined, document.uri).get<ResultViewWhen>(SHOW_RESULT_VIEW_SETTING.editor!.key, 'onFailure');
    const open = when === 'always' || (when === 'onFailure' && result.status !== 'pass');
    this.shown = { document, result, stale: false, lines: document.getText().split(/\r?\n/) };
    this.lastOf.set(document.uri.toString(), this.shown);
    if (this.panel || open) this.render();
  }

  /** Shows the active transcript's last result (else the last replayed file's), beside the editor. */
  show(): ResultViewModel | undefined {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    this.shown = (active && this.lastOf.get(active)) || this.shown;
    if (!this.shown) {
      void vscode.window.showInformationMessage('Replay a transcript first: there is no result to show.');
      return undefined;
    }
    return this.render();
  }

  private render(): ResultViewModel | undefined {
    if (!this.shown) return undefined;
    const { document, result, stale } = this.shown;
    const file = path.basename(document.fileName);
    this.state = resultViewModel(file, result, {
      history: [...this.history.of(document.uri.toString())],
      stale,
      // The lines as replayed: after an edit the rows keep naming what was run.
      lines: this.shown.lines,
    });
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('smtp.resultView', `SMTP Result: ${file}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        localResourceRoots: [],
      });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.state = undefined;
      });
      this.panel.webview.onDidReceiveMessage((message: ResultViewMessage) => this.act(message));
    }
    this.panel.title = `SMTP Result: ${file}`;
    const nonce = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
    this.panel.webview.html = resultViewHtml(this.state, { nonce });
    return this.state;
  }

  /** The file's text changed: the panel stays (with its history) but says its result is old. */
  clear(uri: vscode.Uri): void {
    const entry = this.lastOf.get(uri.toString());
    if (!entry || entry.stale) return;
    entry.stale = true;
    if (this.panel && this.shown === entry) this.render();
  }

  /** Opens the actual transcripts of two runs of `file` side by side; resolves to whether both runs exist. */
  async diffRuns(file: vscode.Uri, older: number, newer: number): Promise<boolean> {
    const runs = [this.history.find(file.toString(), older), this.history.find(file.toString(), newer)];
    if (!runs[0] || !runs[1]) return false;
    const [a, b] = runs.map((run) => this.runUri(file, run!));
    const name = path.basename(file.path);
    await vscode.commands.executeCommand('vscode.diff', a, b, `${name}: run #${older} ↔ run #${newer}`, { preview: true });
    return true;
  }

  runUri(file: vscode.Uri, run: Run): vscode.Uri {
    // The path ends in the file's name, so the document gets the smtp language; the query names the file.
    return vscode.Uri.from({ scheme: RUN_SCHEME, path: `/run-${run.id}/${path.basename(file.path)}`, query: file.toString() });
  }

  private async act(message: ResultViewMessage): Promise<unknown> {
    const document = this.shown?.document;
    if (!document) return undefined;
    switch (message.command) {
      case 'rerun':
        return vscode.commands.executeCommand('smtp.replay', document.uri);
      case 'update':
        return vscode.commands.executeCommand('smtp.updateExpectations', document.uri);
      case 'expectedVsActual':
        return vscode.commands.executeCommand('smtp.showActualTranscript', document.uri);
      case 'copy': {
        // "Copy as" reads the active editor's session at the cursor: bring the transcript back first, and with one
        // session replayed, put the cursor in it.
        const column = vscode.window.visibleTextEditors.find((e) => e.document === document)?.viewColumn ?? vscode.ViewColumn.One;
        const editor = await vscode.window.showTextDocument(document, { preserveFocus: false, viewColumn: column });
        const sessions = this.shown?.result.sessions ?? [];
        if (sessions.length === 1 && !this.shown?.stale) editor.selection = new vscode.Selection(sessions[0].line, 0, sessions[0].line, 0);
        return vscode.commands.executeCommand('smtp.copySessionAs');
      }
      case 'diffRuns':
        return this.diffRuns(document.uri, message.older, message.newer);
    }
  }

  dispose(): void {
    this.panel?.dispose();
    this.registration.dispose();
  }
}
