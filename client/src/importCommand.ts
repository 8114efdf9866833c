// "SMTP: New Transcript from swaks/smtplib/curl Output...": the selection (or the clipboard) through the importer, into
// a new untitled `.smtp` document. The import itself is the editor-independent server/src/import.
import { importTranscript, type ImportProblem } from '../../server/src/engine';
import * as vscode from 'vscode';

/** At most this many problems are spelled out in the message; the rest are counted. */
const problemsShown = 3;

/** The first line of the paste box: a document the command opens when it finds nothing to import. */
export const PASTE_BOX_HINT =
  '# Paste the output of swaks, Python smtplib (set_debuglevel), curl (-v or --trace-ascii) or a telnet/openssl s_client session below this line, then run "SMTP: New Transcript from swaks/smtplib/curl Output..." again.';

/**
 * Imports `text` when given (the command's argument), else the active editor's selection, else the paste box's text
 * when it is the active editor, else the clipboard. With nothing to import, opens the paste box.
 * Resolves to the new document, or undefined when there was nothing to import.
 */
export async function newTranscriptFromOutput(text?: string): Promise<vscode.TextDocument | undefined> {
  const editor = vscode.window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : undefined;
  const pasted = editor && selected === undefined ? pasteBoxText(editor.document) : undefined;
  const [source, origin] =
    text !== undefined
      ? [text, 'the given text']
      : selected !== undefined
        ? [selected, 'the selection']
        : pasted !== undefined
          ? [pasted, 'the paste box']
          : [await clipboardText(), 'the clipboard'];
  if (source.trim() === '') {
    await openPasteBox();
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

/** The clipboard's text; '' when the browser or the OS does not let the editor read it (vscode.dev, no focus). */
async function clipboardText(): Promise<string> {
  try {
    return await vscode.env.clipboard.readText();
  } catch {
    return '';
  }
}

/** The text below the hint when `document` is a paste box; undefined for any other document. */
function pasteBoxText(document: vscode.TextDocument): string | undefined {
  if (!document.isUntitled || document.lineAt(0).text !== PASTE_BOX_HINT) return undefined;
  return document.lineCount > 1 ? document.getText(new vscode.Range(1, 0, document.lineCount, 0)) : '';
}

/** An untitled plain-text document to paste into, with the cursor below the hint. */
async function openPasteBox(): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `${PASTE_BOX_HINT}\n` });
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const below = new vscode.Position(1, 0);
  editor.selection = new vscode.Selection(below, below);
  void vscode.window.showInformationMessage('Nothing selected and nothing readable on the clipboard: paste the session output into the new document, then run the command again.');
}

/** `line 35: AUTH failed ...; line 40: ...; and 2 more`: the line numbers are those of the imported text. */
function describe(problems: ImportProblem[]): string {
  const shown = problems.slice(0, problemsShown).map((p) => (p.line === undefined ? p.message : `line ${p.line}: ${p.message}`));
  const more = problems.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`;
}
