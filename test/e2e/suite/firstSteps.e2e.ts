// The first five minutes: "SMTP: New Transcript..." from a template, "SMTP: Open Example...", the hint in an empty
// transcript, the entry in File > New File..., and a walkthrough whose every step runs a command the extension has.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { E2ETest } from '../e2e-runner';
import { closeAllEditors, EXTENSION_ID, extensionApi, openUntitled, withDeadline } from './workbench';

interface WalkthroughStep {
  id: string;
  description: string;
}

export const e2eTests: E2ETest[] = [
  {
    name: 'New Transcript: a template opens as a new untitled transcript (test/cli/templates.test.ts lints and runs them)',
    run: async () => {
      await extensionApi();
      const document = await withDeadline(
        vscode.commands.executeCommand<vscode.TextDocument | undefined>('smtp.newTranscript', 'delivery.smtp'),
        'New Transcript opens the template',
      );
      assert.ok(document, 'no document was opened');
      assert.equal(document.languageId, 'smtp');
      assert.equal(document.isUntitled, true);
      assert.match(document.getText(), /^# A plain delivery\./);
      assert.ok(document.getText().includes('C: EHLO client.test\nS: 250 *\n'));
      await closeAllEditors();
    },
  },
  {
    name: 'Open Example: the examples ship with the extension and open in place',
    run: async () => {
      await extensionApi();
      const opening = vscode.commands.executeCommand<vscode.TextEditor | undefined>('smtp.openExample');
      let editor: vscode.TextEditor | undefined;
      const deadline = Date.now() + 20_000;
      // Accept the picker's first entry when it shows (there is no API to ask whether a quick pick is open).
      while (!editor && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        editor = await Promise.race([opening, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 50))]);
      }
      assert.ok(editor, 'no example was opened');
      const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
      assert.ok(editor.document.uri.fsPath.startsWith(extension.extensionUri.fsPath), editor.document.uri.fsPath);
      assert.equal(editor.document.languageId, 'smtp');
      await closeAllEditors();
    },
  },
  {
    name: 'an empty transcript shows how to begin, and the hint goes with the first character',
    run: async () => {
      const api = await extensionApi();
      const document = await openUntitled('empty', '');
      const editor = await vscode.window.showTextDocument(document);
      assert.equal(api.emptyHint.showsIn(editor), true);
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'S'));
      assert.equal(api.emptyHint.showsIn(editor), false);
      await closeAllEditors();
    },
  },
  {
    name: "the walkthrough's steps each run a command the extension registers, and New File... offers a transcript",
    run: async () => {
      await extensionApi();
      const contributes = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes;
      const steps: WalkthroughStep[] = contributes.walkthroughs[0].steps;
      const linked = steps.map((s) => /\(command:([\w.]+)\)/.exec(s.description)?.[1]);
      assert.deepEqual(linked, ['smtp.newTranscript', 'smtp.startLocalServer', 'smtp.replay', 'smtp.showActualTranscript', 'smtp.updateExpectations']);
      const registered = new Set(await vscode.commands.getCommands(true));
      assert.deepEqual(linked.filter((c) => !registered.has(c!)), []);
      assert.deepEqual(contributes.menus['file/newFile'], [{ command: 'smtp.newTranscript', group: 'file' }]);
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#smtp.gettingStarted`, false);
      await closeAllEditors();
    },
  },
];
