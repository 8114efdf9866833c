// "Accept the actual reply": the quick fix on a failed replay line (source smtp-replay). It writes what the server
// said in place of that exchange's S: lines, as Update Expectations would for the whole file, and nothing else.
import type { ExchangeResult } from '../../../server/src/engine';
import * as vscode from 'vscode';
import { replayEngine } from '../replayEngine';
import { actualTranscriptSettings } from '../settings';
import type { ReplayPresenter } from './replayPresenter';

export class AcceptActualReply implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly presenter: ReplayPresenter) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const result = this.presenter.lastResult(document.uri);
    if (!result) return [];
    const failed = result.sessions.flatMap((s) => s.exchanges).filter((e) => e.status === 'fail' && e.expectedLines.length > 0);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics.filter((d) => d.source === 'smtp-replay')) {
      const exchange = failed.find((e) => e.expectedLines.includes(diagnostic.range.start.line));
      if (exchange) actions.push(acceptAction(document, exchange, diagnostic));
    }
    return actions;
  }
}

function acceptAction(document: vscode.TextDocument, exchange: ExchangeResult, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  // `S: <closed>` that did not happen is removed; any other failed reply becomes what the server said (its volatile
  // text as `*`, as Update Expectations writes it).
  const lines = replayEngine().actualReplyLines(exchange, actualTranscriptSettings(document.uri));
  const first = exchange.expectedLines[0];
  const last = exchange.expectedLines[exchange.expectedLines.length - 1];
  const range = new vscode.Range(first, 0, last + 1, 0);
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const shown = lines.length === 0 ? 'remove the expectation' : lines.length === 1 ? lines[0] : `${lines[0]} (+${lines.length - 1} lines)`;
  const action = new vscode.CodeAction(`Accept the actual reply: ${shown}`, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  action.edit = new vscode.WorkspaceEdit();
  action.edit.replace(document.uri, range, lines.map((l) => l + eol).join(''));
  return action;
}
