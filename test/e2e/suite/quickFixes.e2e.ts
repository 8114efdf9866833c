// Quick fixes as a user applies them: the cursor on the marked line, the light bulb's menu (Ctrl+.) opened and an
// entry clicked; the document's text afterwards is checked whole. rcpt-before-mail offers both repairs its message
// names; a line a replay failed on offers "Accept the actual reply" with what the local test server said.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LocalServer } from '../../../server/src/smtpTestServer/localServer';
import type { ReplayResult } from '../../../server/src/replay/replayTypes';
import type { E2ETest } from '../e2e-runner';
import { applyQuickFixFromMenu, closeAllEditors, diagnosticCode, diagnosticsWhen, extensionApi, removeWorkspaceFiles, showTranscript, withDeadline, writeWorkspaceFile } from './workbench';

const RCPT_BEFORE_MAIL = [
  'S: 220 *',
  'C: EHLO client.test',
  'S: 250 *',
  'C: RCPT TO:<bob@example.com>',
  'S: 250 *',
  'C: QUIT',
  'S: 221 *',
  '',
].join('\n');
const RCPT_LINE = 3;

const isRcptBeforeMail = (d: vscode.Diagnostic) => diagnosticCode(d) === 'rcpt-before-mail' && d.range.start.line === RCPT_LINE;

/**
 * Opens a transcript with the mistake, waits for rcpt-before-mail, puts the cursor on the RCPT, applies `fix` from
 * the menu and waits until the diagnostics are `fixed`.
 */
async function fixRcptBeforeMail(name: string, fix: string, fixed: (ds: vscode.Diagnostic[]) => boolean): Promise<vscode.TextDocument> {
  const uri = await writeWorkspaceFile(name, RCPT_BEFORE_MAIL);
  let editor: vscode.TextEditor | undefined;
  await diagnosticsWhen(uri, (ds) => ds.some(isRcptBeforeMail), 'rcpt-before-mail on the RCPT line', async () => {
    editor = await showTranscript(uri);
  });
  assert.ok(editor);
  editor.selection = new vscode.Selection(RCPT_LINE, 5, RCPT_LINE, 5);
  await diagnosticsWhen(uri, fixed, `the diagnostics after "${fix}"`, () => applyQuickFixFromMenu(editor!, fix));
  return editor.document;
}

// The safe fixes (docs/lint-rules.md, "Fixing all at once") and two that are not: HELO stays, no Date: is added.
const FIXABLE = ['S: 220 *', 'C: helo client.test', 'S: 250 *', 'C:  mail FROM: <a@client.test>', 'S: 250 *', 'C: RCPT TO:b@example.com', 'S: 250 *', 'C: DATA', 'S: 354 *', 'C: From: <a@client.test>', 'C:', 'C: .dot', 'C: .', 'S: 250 *', 'C: quit', 'S: 221 *', ''];
const FIXED_ON_SAVE = ['# saved', 'S: 220 *', 'C: HELO client.test', 'S: 250 *', 'C: MAIL FROM:<a@client.test>', 'S: 250 *', 'C: RCPT TO:<b@example.com>', 'S: 250 *', 'C: DATA', 'S: 354 *', 'C: From: <a@client.test>', 'C:', 'C: ..dot', 'C: .', 'S: 250 *', 'C: QUIT', 'S: 221 *', ''];

export const e2eTests: E2ETest[] = [
  {
    name: 'fix-all on save: with "editor.codeActionsOnSave": {"source.fixAll": "explicit"} for smtp, Ctrl+S writes the safe fixes and no other',
    run: async () => {
      await extensionApi();
      await closeAllEditors();
      const uri = await writeWorkspaceFile('fix-on-save.smtp', FIXABLE.join('\n'));
      const editorSettings = vscode.workspace.getConfiguration('editor', { languageId: 'smtp' });
      await editorSettings.update('codeActionsOnSave', { 'source.fixAll': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
      try {
        let editor: vscode.TextEditor | undefined;
        await diagnosticsWhen(uri, (ds) => ds.some((d) => diagnosticCode(d) === 'dot-not-stuffed'), 'dot-not-stuffed on line 12', async () => {
          editor = await showTranscript(uri);
        });
        assert.ok(editor);
        // An edit first: saving an unchanged document writes nothing and runs no save action.
        await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# saved\n'));
        await withDeadline(vscode.commands.executeCommand('workbench.action.files.save'), 'the save finishes');
        assert.equal(editor.document.getText(), FIXED_ON_SAVE.join('\n'));
        assert.equal(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'), FIXED_ON_SAVE.join('\n'), 'the file on disk');
      } finally {
        await editorSettings.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
        await closeAllEditors();
        await removeWorkspaceFiles('fix-on-save.smtp');
      }
    },
  },
  {
    name: 'rcpt-before-mail: the light bulb offers both repairs; "Insert MAIL FROM" inserts the command and its reply above the RCPT',
    run: async () => {
      await extensionApi();
      await closeAllEditors();
      try {
        const document = await fixRcptBeforeMail('rcpt-before-mail-insert.smtp', 'Insert MAIL FROM:<sender@example.com> before this RCPT', (ds) => !ds.some((d) => diagnosticCode(d) === 'rcpt-before-mail'));
        assert.equal(document.getText(), [
          'S: 220 *',
          'C: EHLO client.test',
          'S: 250 *',
          'C: MAIL FROM:<sender@example.com>',
          'S: 250 *',
          'C: RCPT TO:<bob@example.com>',
          'S: 250 *',
          'C: QUIT',
          'S: 221 *',
          '',
        ].join('\n'));
        const titles = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(RCPT_LINE, 0, RCPT_LINE, 0))).map((a) => a.title);
        assert.deepEqual(titles.filter((t) => t.includes('before this RCPT') || t.startsWith('Expect the refusal')), [], 'a fix is still offered after the repair');
      } finally {
        await removeWorkspaceFiles('rcpt-before-mail-insert.smtp');
      }
    },
  },
  {
    name: 'rcpt-before-mail: "Expect the refusal" from the light bulb turns the RCPT\'s reply into 503 5.5.1, and the error into a hint',
    run: async () => {
      try {
        const document = await fixRcptBeforeMail('rcpt-before-mail-503.smtp', 'Expect the refusal: S: 503 5.5.1 *', (ds) =>
          // A negative test now: the finding stays as a hint saying so (docs/lint-rules.md).
          ds.some((d) => isRcptBeforeMail(d) && d.severity === vscode.DiagnosticSeverity.Hint && d.message.endsWith('The transcript expects the refusal (503): fine for a negative test.')));
        assert.equal(document.getText(), [
          'S: 220 *',
          'C: EHLO client.test',
          'S: 250 *',
          'C: RCPT TO:<bob@example.com>',
          'S: 503 5.5.1 *',
          'C: QUIT',
          'S: 221 *',
          '',
        ].join('\n'));
      } finally {
        await removeWorkspaceFiles('rcpt-before-mail-503.smtp');
      }
    },
  },
  {
    name: '"Accept the actual reply" from the light bulb on the line a replay against the local server failed writes what the server said',
    run: async () => {
      await extensionApi();
      const server = await vscode.commands.executeCommand<LocalServer>('smtp.startLocalServer');
      assert.ok(server, 'the local server did not start');
      const text = (reply: string): string => [
        '@server = 127.0.0.1',
        `@port = ${server.port}`,
        '',
        'S: 220 *',
        'C: EHLO client.test',
        'S: 250 *',
        'C: MAIL FROM:<sender@client.test>',
        reply,
        'C: QUIT',
        'S: 221 *',
        '',
      ].join('\n');
      const uri = await writeWorkspaceFile('accept-actual.smtp', text('S: 251 2.1.0 Accepted'));
      try {
        const editor = await showTranscript(uri);
        let result: ReplayResult | undefined;
        await diagnosticsWhen(uri, (ds) => ds.some((d) => d.source === 'smtp-replay' && d.range.start.line === 7), 'the replay marks line 8', async () => {
          result = await withDeadline(vscode.commands.executeCommand<ReplayResult | undefined>('smtp.replay', uri), 'the replay finishes', 30_000);
        });
        assert.equal(result?.status, 'fail');
        // The result view opened beside it on the failure: back to the transcript, the cursor on the failed line.
        const focused = await vscode.window.showTextDocument(editor.document, editor.viewColumn);
        focused.selection = new vscode.Selection(7, 4, 7, 4);
        await applyQuickFixFromMenu(focused, 'Accept the actual reply: S: 250 2.1.0 Accepted');
        assert.equal(focused.document.getText(), text('S: 250 2.1.0 Accepted'));
      } finally {
        await removeWorkspaceFiles('accept-actual.smtp');
      }
    },
  },
];
