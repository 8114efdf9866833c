// "SMTP: New Transcript from swaks/smtplib Output...": the selection (or the clipboard) through the importer, into
// a new untitled `.smtp` document. The import itself is the editor-independent server/src/import.
import { importTranscript, type ImportProblem } from '../../server/src/engine';
import * as vscode from 'vscode';

/** At most this many problems are spelled out in the message; the rest are counted. */
const problemsShown = 3;

/**
 * Imports `text` when given (the command's argument), else the active editor's selection, else the clipboard.
 * Resolves to the new document, or undefined when there was nothing to import.
 */
export async function newTranscriptFromOutput(text?: string): Promise<vscode.TextDocument | undefined> {
  const editor = vscode.window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : undefined;
  const source = text ?? selected ?? (await vscode.env.clipboard.readText());
  const origin = text !== undefined ? 'the given text' : selected !== undefined ? 'the selection' : 'the clipboard';
  if (source.trim() === '') {
    void vscode.window.showInformationMessage(
      'Select the output of swaks, Python smtplib (set_debuglevel) or a telnet/openssl s_client session, or copy it to the clipboard, then run this command again.',
    );
    return undefined;
  }
  const result = importTranscript(source);
  if (result.text === '') {
    void vscode.window.showErrorMessage(`Nothing to import from ${origin}: ${describe(result.problems)}`);
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'smtp', content: result.text });
  await vscode.window.showTextDocument(document, { preview: false });
  if (result.problems.length > 0) void vscode.window.showInformationMessage(`Imported from ${origin}: ${describe(result.problems)}`);
  return document;
}

/** `line 35: AUTH failed ...; line 40: ...; and 2 more`: the line numbers are those of the imported text. */
function describe(problems: ImportProblem[]): string {
  const shown = problems.slice(0, problemsShown).map((p) => (p.line === undefined ? p.message : `line ${p.line}: ${p.message}`));
  const more = problems.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`;
}
