// Entry of the end-to-end suite: VS Code (code-server or desktop) loads this module as --extensionTestsPath and calls
// run() in its extension host. Tests of other files in this folder (`*.e2e.js`, exporting `e2eTests`) run after these.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { loadTestFiles, runE2ETests, waitUntil, type E2ETest } from '../e2e-runner';
import { requestScreenshot } from '../screenshot-requests';

const EXTENSION_ID = 'smtp-transcripts.smtp-transcripts';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'VS Code was started without the test workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

const activationTests: E2ETest[] = [
  {
    name: 'the extension is installed',
    run: async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is not among ${vscode.extensions.all.map((e) => e.id).join(', ')}`);
      console.log(`e2e: ${EXTENSION_ID} ${extension.packageJSON.version} from ${extension.extensionPath}`);
    },
  },
  {
    name: 'opening a .smtp file gives it the smtp language and activates the extension',
    run: async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension);
      const activeBefore = extension.isActive;
      const opened = Date.now();
      const document = await vscode.workspace.openTextDocument(workspaceFile('delivery.smtp'));
      await vscode.window.showTextDocument(document);
      assert.equal(document.languageId, 'smtp');
      // VS Code has no activation event for other extensions: poll with a deadline.
      await waitUntil(`${EXTENSION_ID} is active`, () => extension.isActive);
      console.log(`e2e: activation (active before opening: ${activeBefore}) seen ${Date.now() - opened} ms after opening`);
      await requestScreenshot('delivery-opened', process.env);
    },
  },
];

export async function run(): Promise<void> {
  await runE2ETests([...activationTests, ...loadTestFiles(__dirname)], (line) => console.log(line));
}
