// What the end-to-end tests share: the extension's API, the run's workspace and waiting on VS Code's events with
// deadlines (never fixed sleeps).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import type { SmtpTranscriptsApi } from '../../../client/src/extension';
import { waitUntil } from '../e2e-runner';
import { performOnPage } from '../screenshot-requests';

export const EXTENSION_ID = 'smtp-transcripts.smtp-transcripts';
const DEADLINE_MS = 20_000;

/** The activated extension's API, once its language server answers. */
export async function extensionApi(): Promise<SmtpTranscriptsApi> {
  const extension = vscode.extensions.getExtension<SmtpTranscriptsApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  await withDeadline(api.languageServerReady, 'the language server is ready');
  return api;
}

export function workspaceFile(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'VS Code was started without the test workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** Writes a file into the run's workspace (a scratch copy, never the repository). */
export async function writeWorkspaceFile(name: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceFile(name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}

export async function showTranscript(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  assert.equal(document.languageId, 'smtp', `${uri.fsPath} did not get the smtp language`);
  return vscode.window.showTextDocument(document);
}

/**
 * Resolves with the document's diagnostics once `accept` holds for them (now or after a change), or rejects at the
 * deadline with what was there. `action` (opening the file, running a command) runs after the listener is in place.
 */
export async function diagnosticsWhen(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  action?: () => Thenable<unknown>,
  timeoutMs = DEADLINE_MS,
): Promise<vscode.Diagnostic[]> {
  let listener: vscode.Disposable | undefined;
  const seen = new Promise<vscode.Diagnostic[]>((resolve) => {
    listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (accept(diagnostics)) resolve(diagnostics);
    });
  });
  try {
    await action?.();
    const now = vscode.languages.getDiagnostics(uri);
    if (accept(now)) return now;
    return await withDeadline(seen, what, timeoutMs, () => describeDiagnostics(vscode.languages.getDiagnostics(uri)));
  } finally {
    listener?.dispose();
  }
}

/** The first event `accept`s, or a rejection at the deadline. `action` runs once the listener is in place. */
export async function nextEvent<T>(
  event: vscode.Event<T>,
  accept: (value: T) => boolean,
  what: string,
  action?: () => Thenable<unknown>,
  timeoutMs = DEADLINE_MS,
): Promise<T> {
  let listener: vscode.Disposable | undefined;
  const seen = new Promise<T>((resolve) => {
    listener = event((value) => accept(value) && resolve(value));
  });
  try {
    await action?.();
    return await withDeadline(seen, what, timeoutMs);
  } finally {
    listener?.dispose();
  }
}

export async function withDeadline<T>(promise: Thenable<T>, what: string, timeoutMs = DEADLINE_MS, detail?: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting until ${what}${detail ? `; ${detail()}` : ''}`)), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve(promise), late]);
  } finally {
    clearTimeout(timer);
  }
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return 'no diagnostics';
  return diagnostics.map((d) => `${d.source}/${String(d.code && typeof d.code === 'object' ? d.code.value : d.code)} line ${d.range.start.line + 1}: ${d.message.split('\n')[0]}`).join(' | ');
}

/** The code of a diagnostic, whether given as a value or as `{ value, target }` (a link to the rule's RFC). */
export function diagnosticCode(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

/**
 * Closes every editor without saving, so that the next test starts from an empty workbench. Reverting first: an
 * unsaved actual transcript would otherwise ask whether to save it.
 */
export async function closeAllEditors(): Promise<void> {
  const open = (): number => vscode.window.tabGroups.all.reduce((count, group) => count + group.tabs.length, 0);
  for (let left = open(); left > 0; left--) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    if (open() === 0) break;
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitUntil('all editors are closed', () => open() === 0);
}

/** The quick input (input box or quick pick) showing `title`: a CSS selector for the harness. */
const quickInputTitled = (title: string): string => `.quick-input-widget .quick-input-title:has-text(${JSON.stringify(title)})`;

/**
 * Answers the input box titled `title` as a user does: the harness types `text` on the page (replacing a preset value,
 * which VS Code selects) and presses Enter.
 */
export async function answerInputBox(title: string, text: string): Promise<void> {
  await performOnPage(`answering the input box "${title}"`, [{ waitFor: quickInputTitled(title) }, { type: text }, { press: 'Enter' }]);
}

/** Picks from the quick pick titled `title` the item that typing `filter` leaves first, as a user does. */
export async function pickQuickPickItem(title: string, filter: string): Promise<void> {
  await performOnPage(`picking "${filter}" in "${title}"`, [{ waitFor: quickInputTitled(title) }, { type: filter }, { press: 'Enter' }]);
}

const NOTIFICATION = '.notifications-center .notification-list-item';

/**
 * Runs `command` and waits until the notification center lists `message`, word for word, and nothing else: the
 * harness looks at the page. The center, not a toast: the workbench may hold toasts back while it is restoring.
 */
export async function soleNotification<T>(message: string, command: () => Thenable<T>): Promise<T> {
  await clearNotifications();
  const result = await command();
  await vscode.commands.executeCommand('notifications.showList');
  try {
    await performOnPage(`the notification "${message}" and no other`, [
      // `:text-is` matches the innermost element holding exactly the text: the message's span.
      { waitFor: `${NOTIFICATION}-message :text-is(${JSON.stringify(message)})` },
      { waitHidden: `${NOTIFICATION} >> nth=1` },
    ]);
  } finally {
    await vscode.commands.executeCommand('notifications.hideList');
  }
  return result;
}

/**
 * Empties the notification center, and sees it empty: a notification can arrive just as the center is cleared (a
 * language server's warning after a settings change) and outlive that clearing.
 */
async function clearNotifications(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('notifications.showList');
    try {
      await performOnPage('the notification center is empty', [{ waitHidden: NOTIFICATION }]);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    } finally {
      await vscode.commands.executeCommand('notifications.hideList');
    }
  }
}

/** Waits until no quick pick or input box is on screen: one still closing would take the next one's typing. */
export async function quickInputClosed(): Promise<void> {
  await performOnPage('the last quick pick closes', [{ waitHidden: '.quick-input-widget' }]);
}

/**
 * Opens the light bulb's menu at the cursor (Ctrl+.) and clicks the entry whose title contains `title`. The menu is
 * opened once the providers offer that fix there, so that it is not redrawn under the click.
 */
export async function applyQuickFixFromMenu(editor: vscode.TextEditor, title: string): Promise<void> {
  const at = new vscode.Range(editor.selection.active, editor.selection.active);
  const deadline = Date.now() + DEADLINE_MS;
  const offered = async (): Promise<string[]> =>
    (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, at)).map((a) => a.title);
  for (let titles = await offered(); !titles.some((t) => t.includes(title)); titles = await offered()) {
    if (Date.now() > deadline) throw new Error(`no quick fix "${title}" at the cursor, only: ${titles.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // The fix's edit reaches the document after the click has returned: wait for it.
  const uri = editor.document.uri.toString();
  const before = editor.document.getText();
  const choose = async (): Promise<void> => {
    // The mouse rests where the last click left it: over the editor's text its hover could cover the menu.
    await performOnPage('moving the mouse off the editor', [{ hover: '.part.statusbar' }]);
    // The command may settle only once the menu is answered: the click comes first.
    const opened = Promise.resolve(vscode.commands.executeCommand('editor.action.quickFix'));
    await performOnPage(`choosing "${title}" in the quick fix menu`, [{ click: `.action-widget .monaco-list-row:has-text(${JSON.stringify(title)})` }]);
    await withDeadline(opened, 'the quick fix command finishes');
  };
  const changed = (e: vscode.TextDocumentChangeEvent) => e.document.uri.toString() === uri;
  // The menu can close under the click when the light bulb's actions are refreshed (diagnostics arriving on a loaded
  // machine): while the document is as it was, the menu is opened and the fix chosen again, up to the deadline.
  for (const started = Date.now(); ; ) {
    try {
      await nextEvent(vscode.workspace.onDidChangeTextDocument, changed, `"${title}" changes the document`, choose, 5_000);
      return;
    } catch (error) {
      if (editor.document.getText() !== before) return;
      if (Date.now() - started > DEADLINE_MS) throw error;
    }
  }
}

/**
 * Closes the editors (unsaved changes reverted) and deletes files a test wrote into the workspace: a later "Run All
 * Tests" replays every transcript there, and one that reads a password nobody stores would wait for it.
 */
export async function removeWorkspaceFiles(...names: string[]): Promise<void> {
  await closeAllEditors();
  for (const name of names) await Promise.resolve(vscode.workspace.fs.delete(workspaceFile(name))).catch(() => undefined);
}

/** Runs swaks (the Debian package) as a mail-sending application would; resolves with its exit code and output. */
export function runSwaks(args: readonly string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    execFile('swaks', args, { timeout: 20_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(new Error(`swaks did not run (${error.message}): install the Debian package swaks`));
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, output: `${stdout}${stderr}` });
    });
  });
}

/**
 * A new untitled transcript holding `content`, under a name of its own: `openTextDocument({ content })` names it
 * Untitled-1 again once an earlier one is closed, and until the extension host has seen that one close it may hand
 * back that document, reverted to its first text (a test replayed another test's transcript so).
 */
export async function openUntitled(name: string, content: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `${name}-${Date.now()}.smtp` });
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), content);
  if (content !== '' && !(await vscode.workspace.applyEdit(edit))) throw new Error(`could not write into ${uri.toString()}`);
  return document.languageId === 'smtp' ? document : vscode.languages.setTextDocumentLanguage(document, 'smtp');
}
