// Entry of the end-to-end suite: VS Code (code-server or desktop) loads this module as --extensionTestsPath and calls
// run() in its extension host. Tests of other files in this folder (`*.e2e.js`, exporting `e2eTests`) run after these.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { loadTestFiles, runE2ETests, waitUntil, type E2ETest } from '../e2e-runner';
import { ONLY_TESTS_ENV } from '../harness-defaults';
import { activationFiguresTest } from './activationFigures';
import { EXTENSION_ID, showTranscript, workspaceFile } from './workbench';

const activationTests: E2ETest[] = [
  {
    name: 'the extension is installed',
    run: async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is not among ${vscode.extensions.all.map((e) => e.id).join(', ')}`);
      console.log(`e2e: ${EXTENSION_ID} ${extension.packageJSON.version} from ${extension.extensionPath} in VS Code ${vscode.version}`);
    },
  },
  {
    name: 'opening a .smtp file gives it the smtp language and activates the extension',
    run: async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension);
      const activeBefore = extension.isActive;
      const opened = Date.now();
      await showTranscript(workspaceFile('delivery.smtp'));
      // VS Code has no activation event for other extensions: poll with a deadline.
      await waitUntil(`${EXTENSION_ID} is active`, () => extension.isActive);
      console.log(`e2e: activation (active before opening: ${activeBefore}) seen ${Date.now() - opened} ms after opening`);
    },
  },
  activationFiguresTest,
];

export async function run(): Promise<void> {
  // `run-code-server.js --only RE`: a subset of the file tests while working on them.
  const only = process.env[ONLY_TESTS_ENV];
  const fileTests = loadTestFiles(__dirname).filter((t) => only === undefined || new RegExp(only).test(t.name));
  await runE2ETests([...activationTests, ...fileTests], (line) => console.log(line));
}
