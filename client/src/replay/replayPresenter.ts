// Shows a replay where the eye is: diagnostics on failed `S:` lines, pass/fail marks in the gutter, the wire log in an
// output channel and the outcome in the status bar. Marks are cleared as soon as the transcript's text changes or a
// new replay of it starts; exchanges the engine did not check (after a failure) get a "not run" mark.
import { type ExchangeResult, type ReplayResult, type SessionResult } from '../../../server/src/engine';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionLog } from '../extensionLog';
import { replayEngine } from '../replayEngine';
import { statusBarText } from '../results/resultViewModel';

interface Shown {
  result: ReplayResult;
  version: number;
}

export class ReplayPresenter implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('smtp-replay');
  private readonly passed: vscode.TextEditorDecorationType;
  private readonly failed: vscode.TextEditorDecorationType;
  private readonly notRun: vscode.TextEditorDecorationType;
  private readonly deletions = vscode.workspace.createFileSystemWatcher('**/*.smtp', true, true, false);
  private readonly status = vscode.window.createStatusBarItem('smtp.replayResult', vscode.StatusBarAlignment.Left, 9);
  private readonly shown = new Map<string, Shown>();
  private statusShown = false;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly cleared = new vscode.EventEmitter<vscode.Uri>();
  /** Fires when a document's result is cleared (its text changed, or a new replay of it started). */
  readonly onDidClear = this.cleared.event;

  constructor(
    media: vscode.Uri,
    readonly log: ExtensionLog,
  ) {
    this.status.name = 'SMTP Replay Result';
    this.passed = vscode.window.createTextEditorDecorationType({
      gutterIconPath: vscode.Uri.joinPath(media, 'pass.svg'),
      gutterIconSize: 'contain',
      overviewRulerColor: new vscode.ThemeColor('testing.iconPassed'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
    });
    this.failed = vscode.window.createTextEditorDecorationType({
      gutterIconPath: vscode.Uri.joinPath(media, 'fail.svg'),
      gutterIconSize: 'contain',
      overviewRulerColor: new vscode.ThemeColor('testing.iconFailed'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
    });
    this.notRun = vscode.window.createTextEditorDecorationType({
      gutterIconPath: vscode.Uri.joinPath(media, 'notrun.svg'),
      gutterIconSize: 'contain',
      after: { contentText: '  not run', color: new vscode.ThemeColor('disabledForeground'), fontStyle: 'italic' },
    });
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && this.clear(e.document.uri)),
      // A deleted transcript's result goes with it: Problems would list a file that is gone.
      this.deletions.onDidDelete((uri) => this.clear(uri)),
      vscode.window.onDidChangeActiveTextEditor(() => this.refreshEditors()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshEditors()),
    );
  }

  /** What the status bar item says, or undefined while it is hidden (read by the end-to-end tests). */
  get statusBarText(): string | undefined {
    return this.statusShown ? this.status.text : undefined;
  }

  /** The last result shown for a document, while its text is unchanged. */
  lastResult(uri: vscode.Uri): ReplayResult | undefined {
    return this.shown.get(uri.toString())?.result;
  }

  show(document: vscode.TextDocument, result: ReplayResult): void {
    this.shown.set(document.uri.toString(), { result, version: document.version });
    this.diagnostics.set(document.uri, result.sessions.flatMap((s) => sessionDiagnostics(document, s)));
    this.refreshEditors();
    for (const session of result.sessions) this.log.info(replayEngine().formatSessionLog(session, document.uri.fsPath));
  }

  clear(uri: vscode.Uri): void {
    if (!this.shown.delete(uri.toString())) return;
    this.diagnostics.delete(uri);
    this.refreshEditors();
    this.cleared.fire(uri);
  }

  private refreshEditors(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const shown = this.shown.get(editor.document.uri.toString());
      const marks = shown?.result.sessions.flatMap((s) => s.exchanges.flatMap(replayEngine().replyMarks)) ?? [];
      const mark = (status: ExchangeResult['status'][]) =>
        marks.filter((m) => status.includes(m.status)).map((m) => lineRange(editor.document, m.line));
      editor.setDecorations(this.passed, mark(['pass']));
      editor.setDecorations(this.failed, mark(['fail', 'error']));
      editor.setDecorations(this.notRun, mark(['skipped']));
    }
    this.updateStatus();
  }

  private updateStatus(): void {
    // The active transcript's result; with the expected-vs-actual diff active, the transcript beside it.
    const editor = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors].find(
      (e) => e !== undefined && this.shown.has(e.document.uri.toString()),
    );
    const result = editor && this.shown.get(editor.document.uri.toString())?.result;
    this.statusShown = result !== undefined;
    if (!editor || !result) return this.status.hide();
    const exchanges = result.sessions.flatMap((s) => s.exchanges);
    const count = (status: ExchangeResult['status'][]) => exchanges.filter((e) => status.includes(e.status)).length;
    this.status.text = statusBarText(path.basename(editor.document.fileName), result);
    this.status.tooltip = `Last replay of ${path.basename(editor.document.fileName)}: ${count(['pass'])} passed, ${count(['fail', 'error'])} failed, ${count(['skipped'])} not run, ${Math.round(result.durationMs)} ms. Click for the result view.`;
    this.status.command = 'smtp.showResultView';
    this.status.backgroundColor =
      result.status === 'pass' ? undefined : new vscode.ThemeColor('statusBarItem.errorBackground');
    this.status.show();
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.deletions.dispose();
    this.diagnostics.dispose();
    this.passed.dispose();
    this.failed.dispose();
    this.notRun.dispose();
    this.cleared.dispose();
    this.status.dispose();
  }
}

function lineRange(document: vscode.TextDocument, line: number): vscode.Range {
  return document.lineAt(Math.min(line, document.lineCount - 1)).range;
}

function sessionDiagnostics(document: vscode.TextDocument, session: SessionResult): vscode.Diagnostic[] {
  const out: vscode.Diagnostic[] = [];
  for (const e of session.exchanges) {
    if (e.status !== 'fail' && e.status !== 'error') continue;
    // A wrong reply at its `S:` lines (in LMTP, each recipient's reply that failed); an exchange that broke off at its line.
    for (const reply of replayEngine().failedReplies(e)) {
      const lines = reply.lines.length > 0 ? reply.lines : [e.line];
      const range = new vscode.Range(lineRange(document, lines[0]).start, lineRange(document, lines[lines.length - 1]).end);
      const actual = reply.actual.length > 0 ? reply.actual.join('\n') : '(no reply)';
      const diagnostic = new vscode.Diagnostic(
        range,
        `${reply.message}\nexpected: ${reply.expected.join('\n          ') || '(nothing)'}\nactual:   ${actual.split('\n').join('\n          ')}`,
        vscode.DiagnosticSeverity.Error,
      );
      diagnostic.source = 'smtp-replay';
      diagnostic.code = e.error?.kind ?? 'expectation-failed';
      out.push(diagnostic);
    }
  }
  if (session.error && !session.exchanges.some((e) => e.status === 'error')) {
    const diagnostic = new vscode.Diagnostic(lineRange(document, session.error.line ?? session.line), session.error.message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'smtp-replay';
    diagnostic.code = session.error.kind;
    out.push(diagnostic);
  }
  return out;
}
