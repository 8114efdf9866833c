// Shows a replay where the eye is: diagnostics on failed `S:` lines, pass/fail marks in the gutter, the wire log in an
// output channel and the outcome in the status bar. Marks are cleared as soon as the transcript's text changes.
import { type ExchangeResult, type ReplayResult, type SessionResult } from '../../../server/src/engine';
import * as vscode from 'vscode';
import type { ExtensionLog } from '../extensionLog';
import { replayEngine } from '../replayEngine';

interface Shown {
  result: ReplayResult;
  version: number;
}

export class ReplayPresenter implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('smtp-replay');
  private readonly passed: vscode.TextEditorDecorationType;
  private readonly failed: vscode.TextEditorDecorationType;
  private readonly status = vscode.window.createStatusBarItem('smtp.replayResult', vscode.StatusBarAlignment.Left, 9);
  private readonly shown = new Map<string, Shown>();
  private statusShown = false;
  private readonly subscriptions: vscode.Disposable[] = [];

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
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && this.clear(e.document.uri)),
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
  }

  private refreshEditors(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const shown = this.shown.get(editor.document.uri.toString());
      const exchanges = shown?.result.sessions.flatMap((s) => s.exchanges) ?? [];
      const mark = (status: ExchangeResult['status'][]) =>
        exchanges.filter((e) => status.includes(e.status)).map((e) => lineRange(editor.document, markLine(e)));
      editor.setDecorations(this.passed, mark(['pass']));
      editor.setDecorations(this.failed, mark(['fail', 'error']));
    }
    this.updateStatus();
  }

  private updateStatus(): void {
    // The active transcript's result; with the expected-vs-actual diff active, the transcript beside it.
    const result = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors]
      .map((editor) => editor && this.shown.get(editor.document.uri.toString())?.result)
      .find((shown) => shown !== undefined);
    this.statusShown = result !== undefined;
    if (!result) return this.status.hide();
    const exchanges = result.sessions.flatMap((s) => s.exchanges);
    const passed = exchanges.filter((e) => e.status === 'pass').length;
    const failed = exchanges.filter((e) => e.status === 'fail' || e.status === 'error').length;
    const insecure = result.sessions.some((s) => s.insecure);
    this.status.text =
      result.status === 'pass'
        ? `$(pass) SMTP ${passed}/${exchanges.length} passed`
        : result.status === 'fail'
          ? `$(error) SMTP ${failed} failed`
          : `$(warning) SMTP replay error`;
    if (insecure) this.status.text += ' $(unlock) insecure TLS';
    this.status.tooltip = `Last replay of this transcript: ${passed} passed, ${failed} failed, ${Math.round(result.durationMs)} ms. Click for the log.`;
    this.status.command = 'smtp.showLog';
    this.status.backgroundColor =
      result.status === 'pass' ? undefined : new vscode.ThemeColor('statusBarItem.errorBackground');
    this.status.show();
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.diagnostics.dispose();
    this.passed.dispose();
    this.failed.dispose();
    this.status.dispose();
  }
}

function markLine(e: ExchangeResult): number {
  return e.expectedLines[0] ?? e.line;
}

function lineRange(document: vscode.TextDocument, line: number): vscode.Range {
  return document.lineAt(Math.min(line, document.lineCount - 1)).range;
}

function sessionDiagnostics(document: vscode.TextDocument, session: SessionResult): vscode.Diagnostic[] {
  const out: vscode.Diagnostic[] = [];
  for (const e of session.exchanges) {
    if (e.status !== 'fail' && e.status !== 'error') continue;
    const lines = e.expectedLines.length > 0 ? e.expectedLines : [e.line];
    const range = new vscode.Range(lineRange(document, lines[0]).start, lineRange(document, lines[lines.length - 1]).end);
    const actual = e.actual.length > 0 ? e.actual.join('\n') : '(no reply)';
    const diagnostic = new vscode.Diagnostic(
      range,
      `${e.message}\nexpected: ${e.expected.join('\n          ') || '(nothing)'}\nactual:   ${actual.split('\n').join('\n          ')}`,
      vscode.DiagnosticSeverity.Error,
    );
    diagnostic.source = 'smtp-replay';
    diagnostic.code = e.error?.kind ?? 'expectation-failed';
    out.push(diagnostic);
  }
  if (session.error && !session.exchanges.some((e) => e.status === 'error')) {
    const diagnostic = new vscode.Diagnostic(lineRange(document, session.error.line ?? session.line), session.error.message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'smtp-replay';
    diagnostic.code = session.error.kind;
    out.push(diagnostic);
  }
  return out;
}
