// "SMTP: Copy Session as...": the session at the cursor as a swaks command, an openssl s_client recipe, Python
// smtplib or Nodemailer code, on the clipboard (the export itself is the engine's `exportSession`).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXPORT_TARGET_LABELS, EXPORT_TARGETS, exportSession, parseTranscript, sessionIndexAt, type ExportTarget } from '../../server/src/engine';

export async function copySessionAs(target?: unknown): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'smtp') {
    void vscode.window.showInformationMessage('Open a .smtp transcript and put the cursor in the session to copy.');
    return;
  }
  const chosen = EXPORT_TARGETS.includes(target as ExportTarget) ? (target as ExportTarget) : await pickTarget();
  if (!chosen) return;
  const transcript = parseTranscript(editor.document.getText());
  const index = sessionIndexAt(transcript, editor.selection.active.line);
  const text = exportSession(transcript, index, chosen, {
    fileName: path.basename(editor.document.fileName),
    folder: editor.document.uri.scheme === 'file' ? path.dirname(editor.document.uri.fsPath) : undefined,
  });
  await vscode.env.clipboard.writeText(text);
  const notes = text.split('\n').filter((line) => /^(#|\/\/) note: /.test(line)).length;
  void vscode.window.showInformationMessage(`Copied session ${index + 1} as ${EXPORT_TARGET_LABELS[chosen]}${notes ? ` (${notes} note${notes === 1 ? '' : 's'} in comments)` : ''}.`);
}

async function pickTarget(): Promise<ExportTarget | undefined> {
  const picked = await vscode.window.showQuickPick(
    EXPORT_TARGETS.map((target) => ({ label: target, description: EXPORT_TARGET_LABELS[target], target })),
    { title: 'Copy Session as...', placeHolder: 'What to run by hand to reproduce this session' },
  );
  return picked?.target;
}
