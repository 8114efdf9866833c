// Expected vs actual as a diff of two transcripts; "update expectations" applies the server's replies as one edit.
import { type ReplayResult } from '../../../server/src/engine';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { replayEngine } from '../replayEngine';

/** Opens the actual transcript (a normal, savable `.smtp` document) beside the file, as a diff. */
export async function showExpectedVsActual(document: vscode.TextDocument, result: ReplayResult): Promise<vscode.TextDocument> {
  const actual = await vscode.workspace.openTextDocument({ language: 'smtp', content: replayEngine().actualTranscript(document.getText(), result) });
  const name = path.basename(document.fileName);
  await vscode.commands.executeCommand('vscode.diff', document.uri, actual.uri, `${name}: expected ↔ actual (from the server)`, { preview: true });
  return actual;
}

export type UpdateOutcome = 'applied' | 'unchanged' | 'declined';

/**
 * Shows what the server's replies would change and applies them, as one undoable edit, only when accepted.
 * `confirm` is replaced in tests that cannot click a notification.
 */
export async function updateExpectations(
  document: vscode.TextDocument,
  result: ReplayResult,
  confirm: (file: string) => Thenable<boolean> = askToApply,
): Promise<UpdateOutcome> {
  const current = document.getText();
  const proposed = replayEngine().actualTranscript(current, result);
  if (proposed === current) {
    void vscode.window.showInformationMessage(`${path.basename(document.fileName)}: the expectations already match the server.`);
    return 'unchanged';
  }
  await showExpectedVsActual(document, result);
  if (!(await confirm(path.basename(document.fileName)))) return 'declined';
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(current.length)), proposed);
  return (await vscode.workspace.applyEdit(edit)) ? 'applied' : 'declined';
}

async function askToApply(file: string): Promise<boolean> {
  const choice = await vscode.window.showInformationMessage(
    `Replace the S: lines of ${file} with what the server replied? (Shown in the diff; undo with Ctrl+Z.)`,
    'Apply',
    'Discard',
  );
  return choice === 'Apply';
}
