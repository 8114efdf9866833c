// The first five minutes: "SMTP: New Transcript..." from a template, "SMTP: Open Example...", and a hint in an
// empty transcript. Templates and examples ship in the extension (examples/), the same files the CLI's users read.
import * as vscode from 'vscode';

interface Template {
  file: string;
  label: string;
  detail: string;
}

export const TEMPLATES: readonly Template[] = [
  { file: 'delivery.smtp', label: 'Plain delivery', detail: 'greeting, EHLO, one message, QUIT' },
  { file: 'submission.smtp', label: 'Submission with STARTTLS and AUTH', detail: 'TLS upgrade, AUTH PLAIN with the password from the environment' },
  { file: 'error-paths.smtp', label: 'Error paths', detail: 'a refused recipient and a command out of order, each expected' },
  { file: 'mock-server.smtp', label: 'Scripted server for testing a mail client', detail: 'smtp-transcript mock: S: lines sent, C: lines checked' },
];

/** Opens a new untitled transcript from the chosen template (or the one named), with the cursor at its end. */
export async function newTranscript(extensionUri: vscode.Uri, templateFile?: string): Promise<vscode.TextDocument | undefined> {
  const template =
    TEMPLATES.find((t) => t.file === templateFile) ??
    (await vscode.window.showQuickPick(
      TEMPLATES.map((t) => ({ ...t, label: `$(new-file) ${t.label}` })),
      { title: 'New SMTP transcript', placeHolder: 'Start from a template' },
    ));
  if (!template) return undefined;
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'examples', 'templates', template.file));
  const document = await vscode.workspace.openTextDocument({ language: 'smtp', content: new TextDecoder().decode(bytes) });
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** The examples shipped with the extension; opened in place, so their includes (examples/files) resolve. */
export async function openExample(extensionUri: vscode.Uri): Promise<vscode.TextEditor | undefined> {
  const folder = vscode.Uri.joinPath(extensionUri, 'examples');
  const entries: Array<{ label: string; description: string; uri: vscode.Uri }> = [];
  for (const sub of ['', 'mock']) {
    const dir = sub ? vscode.Uri.joinPath(folder, sub) : folder;
    for (const [name, type] of await vscode.workspace.fs.readDirectory(dir)) {
      if (type === vscode.FileType.File && name.endsWith('.smtp')) {
        const uri = vscode.Uri.joinPath(dir, name);
        entries.push({ label: `$(mail) ${sub ? `${sub}/` : ''}${name}`, description: await firstComment(uri), uri });
      }
    }
  }
  const picked = await vscode.window.showQuickPick(entries, { title: 'Open an SMTP transcript example', matchOnDescription: true });
  return picked && vscode.window.showTextDocument(picked.uri, { preview: false });
}

async function firstComment(uri: vscode.Uri): Promise<string> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  return /^#\s*(.*)$/m.exec(text)?.[1] ?? '';
}

const HINT = 'Type S: 220 or C: EHLO (Ctrl+Space suggests), or run "SMTP: New Transcript..." for a template';

/** A faint line in an empty transcript saying how to begin; gone with the first character. */
export class EmptyTranscriptHint implements vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    after: { contentText: HINT, color: new vscode.ThemeColor('editorGhostText.foreground'), fontStyle: 'italic' },
  });
  private readonly subscriptions = [
    vscode.window.onDidChangeActiveTextEditor((editor) => this.update(editor)),
    vscode.workspace.onDidChangeTextDocument((event) => {
      const editor = vscode.window.activeTextEditor;
      if (editor?.document === event.document) this.update(editor);
    }),
  ];

  constructor() {
    this.update(vscode.window.activeTextEditor);
  }

  /** Whether the hint shows in `editor` now (for the end-to-end tests). */
  showsIn(editor: vscode.TextEditor | undefined): boolean {
    // Asked on every keystroke: the first line read, not the whole text (a large transcript's is megabytes).
    return editor !== undefined && editor.document.languageId === 'smtp' && editor.document.lineCount === 1 && editor.document.lineAt(0).text === '';
  }

  private update(editor: vscode.TextEditor | undefined): void {
    if (!editor) return;
    editor.setDecorations(this.decoration, this.showsIn(editor) ? [new vscode.Range(0, 0, 0, 0)] : []);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.decoration.dispose();
  }
}
