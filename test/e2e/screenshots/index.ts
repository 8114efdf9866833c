// The README's screenshots of the real workbench (`npm run screenshots`: run-code-server.js --screenshot docs/images
// runs this module instead of the suite). Each scenario sets the workbench up through VS Code's API and asks the
// harness for a picture once the element it is about (a hover, the diff, the suggest widget) is on screen.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LocalServer } from '../../../server/src/smtpTestServer/localServer';
import { runE2ETests, type E2ETest } from '../e2e-runner';
import { requestScreenshot, type ScreenshotStep } from '../screenshot-requests';
import { closeAllEditors, diagnosticCode, diagnosticsWhen, extensionApi, nextEvent, runSwaks, showTranscript, writeWorkspaceFile } from '../suite/workbench';
import { ENVIRONMENTS, SUBMISSION, USES_ENVIRONMENT, wrongReply } from './transcripts';

async function shoot(name: string, steps: ScreenshotStep[]): Promise<void> {
  const png = await requestScreenshot(name, process.env, { steps });
  assert.ok(png, 'no harness serves screenshots: run with --screenshot DIR');
  console.log(`e2e: screenshot ${png}`);
}

function place(editor: vscode.TextEditor, line: number, character: number): void {
  editor.selection = new vscode.Selection(line, character, line, character);
  editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

const scenarios: E2ETest[] = [
  {
    name: 'a transcript with highlighting, a diagnostic and its hover',
    run: async () => {
      await extensionApi();
      await closeAllEditors();
      const uri = await writeWorkspaceFile('submission.smtp', SUBMISSION.text);
      await diagnosticsWhen(uri, (ds) => ds.some((d) => diagnosticCode(d) === SUBMISSION.diagnosticCode), 'the diagnostic is shown', () =>
        showTranscript(uri),
      );
      // Below the line, the hover hides the lines after it rather than the highlighted ones before.
      await vscode.workspace.getConfiguration('editor').update('hover.above', false, vscode.ConfigurationTarget.Workspace);
      const editor = await showTranscript(uri);
      place(editor, SUBMISSION.hoverAt.line, SUBMISSION.hoverAt.character);
      await vscode.commands.executeCommand('editor.action.showHover');
      await shoot('transcript-diagnostics', [
        { waitFor: '.monaco-editor .squiggly-warning' },
        { waitFor: '.monaco-hover:not(.hidden) :text("Quick Fix")' },
      ]);
    },
  },
  {
    name: 'a replay against the local test server: failed expectation, expected vs actual diff, wire log',
    run: async () => {
      const api = await extensionApi();
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await closeAllEditors();
      // This picture is the diff (the result view has its own): the view a failed replay opens beside the editor
      // would take half the width, and its webview paints after the diff, so it stays closed here.
      const replaySettings = vscode.workspace.getConfiguration('smtp.replay');
      await replaySettings.update('showResultView', 'never', vscode.ConfigurationTarget.Workspace);
      const server = await vscode.commands.executeCommand<LocalServer>('smtp.startLocalServer');
      const uri = await writeWorkspaceFile('wrong-reply.smtp', wrongReply(server.port));
      await showTranscript(uri);
      await diagnosticsWhen(uri, (ds) => ds.some((d) => d.source === 'smtp-replay'), 'the replay diagnostic is shown', () =>
        vscode.commands.executeCommand('smtp.replay', uri),
      );
      await vscode.commands.executeCommand('smtp.showActualTranscript', uri);
      api.log.show(true);
      await shoot('replay-diff', [
        { waitFor: '.monaco-diff-editor' },
        { waitFor: '.monaco-editor .squiggly-error' },
        { waitFor: '.statusbar-item:has-text("SMTP: wrong-reply.smtp 1 failed")' },
        { waitFor: '.panel .view-line:has-text("expected reply code 251")' },
        { waitHidden: '.tab:has-text("SMTP Result")' },
      ]);
      await replaySettings.update('showResultView', undefined, vscode.ConfigurationTarget.Workspace);
    },
  },
  {
    name: 'completion: the commands the session allows next, with their documentation',
    run: async () => {
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await closeAllEditors();
      const uri = await writeWorkspaceFile('completion-demo.smtp', SUBMISSION.completionText);
      const editor = await showTranscript(uri);
      place(editor, SUBMISSION.completionAt.line, SUBMISSION.completionAt.character);
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      // Ctrl+Space on the open widget shows the selected item's documentation beside the list.
      await shoot('completion', [
        { waitFor: '.editor-widget.suggest-widget.visible' },
        { press: 'Control+Space' },
        { waitFor: '.suggest-details-container .suggest-details .docs' },
      ]);
    },
  },
  {
    name: 'the result view beside the transcript after a failed replay',
    run: async () => {
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await closeAllEditors();
      const server = await vscode.commands.executeCommand<LocalServer>('smtp.startLocalServer');
      const uri = await writeWorkspaceFile('result-view.smtp', wrongReply(server.port));
      await showTranscript(uri);
      await diagnosticsWhen(uri, (ds) => ds.some((d) => d.source === 'smtp-replay'), 'the replay diagnostic is shown', () =>
        vscode.commands.executeCommand('smtp.replay', uri),
      );
      await vscode.commands.executeCommand('smtp.showResultView', uri);
      await shoot('result-view', [{ waitFor: '.tab:has-text("SMTP Result: result-view.smtp")' }, { waitInWebview: ':text("Run history")' }]);
    },
  },
  {
    name: 'the environment switcher: the status bar item and its picker, the hover naming the environment',
    run: async () => {
      const api = await extensionApi();
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await closeAllEditors();
      await api.environment.set(undefined);
      await writeWorkspaceFile('smtp-environments.json', ENVIRONMENTS);
      const uri = await writeWorkspaceFile('staging-submission.smtp', USES_ENVIRONMENT);
      await diagnosticsWhen(uri, (ds) => !ds.some((d) => diagnosticCode(d) === 'variable-undefined'), 'the environment defines the variables', async () => {
        await showTranscript(uri);
        await api.environment.set('staging');
      });
      // Below the picker: the transcript whose target and addresses the environment gives.
      place(await showTranscript(uri), 15, 20);
      // The picker stays open for the picture; the status bar item's own command opens it, as a click does.
      const picked = vscode.commands.executeCommand('smtp.chooseEnvironment');
      await shoot('environments', [
        { waitFor: '.statusbar-item:has-text("SMTP env: staging")' },
        { waitFor: '.quick-input-widget .quick-input-list :text("staging")' },
      ]);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await picked;
    },
  },
  {
    name: 'the recording proxy: a session swaks sent through it, written as a transcript, with the proxy in the status bar',
    run: async () => {
      const api = await extensionApi();
      await closeAllEditors();
      const server = await vscode.commands.executeCommand<LocalServer>('smtp.startLocalServer');
      const proxy = await vscode.commands.executeCommand<{ port: number }>('smtp.recordThroughProxy', { upstream: `127.0.0.1:${server.port}`, tls: 'starttls' });
      assert.ok(proxy, 'the recording proxy did not start');
      const saved = await nextEvent(api.recorder.onDidSave, () => true, 'the recording is written', () =>
        runSwaks(['--server', `127.0.0.1:${proxy.port}`, '--from', 'alice@client.test', '--to', 'bob@example.com', '--helo', 'client.test', '--header', 'Subject: recorded through the proxy']),
      );
      await showTranscript(vscode.Uri.file(saved.file));
      api.recorder.presenter.log.show(true);
      await shoot('recording', [
        { waitFor: '.statusbar-item:has-text("SMTP record")' },
        { waitFor: '.panel .view-line:has-text("recorded")' },
      ]);
      await vscode.commands.executeCommand('smtp.stopRecordingProxy');
      await vscode.commands.executeCommand('workbench.action.closePanel');
    },
  },
  {
    name: 'the Get Started walkthrough: write, start the local server, replay, break an expectation, update',
    run: async () => {
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await closeAllEditors();
      // Without the side bar the page has room for the step's markdown beside the list of steps.
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'smtp-transcripts.smtp-transcripts#smtp.gettingStarted', false);
      await shoot('walkthrough', [{ waitFor: ':text("Write a transcript")' }, { waitInWebview: ':text("A transcript is both sides")' }]);
      await vscode.commands.executeCommand('workbench.action.toggleSidebarVisibility');
    },
  },
];

export async function run(): Promise<void> {
  await runE2ETests(scenarios, (line) => console.log(line));
}
