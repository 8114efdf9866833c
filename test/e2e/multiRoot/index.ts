// The extension in a multi-root workspace, run by `run-code-server.js --multi-root`: folders `alpha` and `beta`
// (test-workspace.ts), each with transcripts and a .vscode/settings.json of its own, as a user's workspace holds them.
// The Testing view lists both folders' transcripts; each replays with its own folder's settings; includes are read
// per folder as `smtp.includes.allowedFolders` of that folder allows.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestOutcome } from '../../../client/src/testing/transcriptTests';
import { runE2ETests, waitUntil, type E2ETest } from '../e2e-runner';
import { diagnosticCode, diagnosticsWhen, extensionApi, nextEvent, showTranscript } from '../suite/workbench';

const RUN_DEADLINE_MS = 60_000;

function folder(name: 'alpha' | 'beta'): vscode.WorkspaceFolder {
  const found = vscode.workspace.workspaceFolders?.find((f) => f.name === name);
  assert.ok(found, `the workspace has no folder ${name}: ${vscode.workspace.workspaceFolders?.map((f) => f.name).join(', ')}`);
  return found;
}

function write(uri: vscode.Uri, text: string): void {
  mkdirSync(join(uri.fsPath, '..'), { recursive: true });
  writeFileSync(uri.fsPath, text);
}

/** Writes a folder's .vscode/settings.json by hand, as a user does, and waits until VS Code has read it. */
async function folderSettings(name: 'alpha' | 'beta', settings: Record<string, unknown>): Promise<void> {
  const root = folder(name).uri;
  write(vscode.Uri.joinPath(root, '.vscode', 'settings.json'), JSON.stringify({ 'smtp.replay.timeout': '5s', 'smtp.replay.connectTimeout': '5s', ...settings }, null, 2));
  await waitUntil(`VS Code applies ${name}/.vscode/settings.json to its files`, () =>
    Object.entries(settings).every(([key, value]) => {
      const dot = key.lastIndexOf('.');
      const seen = vscode.workspace.getConfiguration(key.slice(0, dot), root).get(key.slice(dot + 1));
      return JSON.stringify(seen) === JSON.stringify(value);
    }),
  );
}

const transcript = (include?: string): string =>
  [
    'S: 220 *',
    'C: EHLO client.test',
    'S: 250 *',
    'C: MAIL FROM:<sender@client.test>',
    'S: 250 *',
    'C: RCPT TO:<alice@example.com>',
    'S: 250 *',
    'C: DATA',
    'S: 354 *',
    ...(include ? [`< ${include}`] : ['C: Subject: test', 'C:', 'C: hello']),
    'C: .',
    'S: 250 *',
    'C: QUIT',
    'S: 221 *',
    '',
  ].join('\n');

/** The lines lint reports an include outside the allowed folders on. */
const outside = (ds: readonly vscode.Diagnostic[]): number[] => ds.filter((d) => diagnosticCode(d) === 'include-outside-folder').map((d) => d.range.start.line);

function describe(o: TestOutcome | undefined): string {
  if (!o) return 'not run';
  const messages = o.messages.map((m) => (typeof m.message === 'string' ? m.message : m.message.value));
  return `${o.state}${messages.length > 0 ? `: ${messages.join(' / ')}` : ''}`;
}

/** Replays the files' first sessions from the Testing view; resolves with each one's outcome, as the view shows it. */
async function runTests(...files: vscode.Uri[]): Promise<string[]> {
  const api = await extensionApi();
  await api.tests.discoverFiles();
  const items = files.map((uri) => {
    const item = api.tests.controller.items.get(uri.toString());
    assert.ok(item, `${uri.fsPath} is not in the Testing view`);
    return item;
  });
  const request = new vscode.TestRunRequest(items, undefined, api.tests.runProfile);
  const cancel = new vscode.CancellationTokenSource();
  const outcomes = await nextEvent(api.tests.onDidEndRun, () => true, 'the test run ends', async () => {
    void api.tests.runProfile.runHandler(request, cancel.token);
  }, RUN_DEADLINE_MS);
  return files.map((uri) => describe(outcomes.find((o) => o.id === `${uri.toString()}#0`)));
}

const tests: E2ETest[] = [
  {
    name: 'multi-root: the workspace has the folders alpha and beta',
    run: async () => {
      await extensionApi();
      assert.deepEqual(vscode.workspace.workspaceFolders?.map((f) => f.name), ['alpha', 'beta']);
    },
  },
  {
    name: "multi-root: the Testing view lists both folders' transcripts, and each replays with its own folder's smtp.replay.server",
    run: async () => {
      const alpha = vscode.Uri.joinPath(folder('alpha').uri, 'mail.smtp');
      const beta = vscode.Uri.joinPath(folder('beta').uri, 'mail.smtp');
      write(alpha, transcript());
      write(beta, transcript());
      await folderSettings('alpha', { 'smtp.replay.server': 'local' });
      // Port 1 on loopback: nothing listens there, so the connection is refused at once and names the port.
      await folderSettings('beta', { 'smtp.replay.server': '127.0.0.1:1' });
      assert.deepEqual(await runTests(alpha, beta), ['passed', 'errored: 127.0.0.1:1 refused the connection / Not run because of the failure: lines 1, 3, 5, 7, 9, 14, 16']);
      // Both are mail.smtp: the folder beside the name tells them apart.
      const items = (await extensionApi()).tests.controller.items;
      assert.deepEqual([alpha, beta].map((uri) => [items.get(uri.toString())?.label, items.get(uri.toString())?.description]), [['mail.smtp', 'alpha'], ['mail.smtp', 'beta']]);
    },
  },
  {
    name: "multi-root: a folder's smtp.includes.allowedFolders lets its transcripts include from there, and only its own",
    run: async () => {
      const shared = mkdtempSync(join(tmpdir(), 'smtp-shared-'));
      writeFileSync(join(shared, 'body.eml'), 'Subject: shared\r\n\r\nhello\r\n');
      const alpha = vscode.Uri.joinPath(folder('alpha').uri, 'shared-body.smtp');
      const beta = vscode.Uri.joinPath(folder('beta').uri, 'shared-body.smtp');
      write(alpha, transcript(join(shared, 'body.eml')));
      write(beta, transcript(join(shared, 'body.eml')));
      await folderSettings('alpha', { 'smtp.replay.server': 'local', 'smtp.includes.allowedFolders': [shared] });
      await folderSettings('beta', { 'smtp.replay.server': 'local' });
      const body = join(shared, 'body.eml');
      // Lint too: beta's include is reported, alpha's is not.
      await showTranscript(alpha);
      await showTranscript(beta);
      await diagnosticsWhen(beta, (ds) => outside(ds).length > 0, "beta's include is reported");
      assert.deepEqual(outside(vscode.languages.getDiagnostics(alpha)), []);
      assert.deepEqual(outside(vscode.languages.getDiagnostics(beta)), [9]);
      const refusal = `cannot read ${body}: it is outside the transcript's folder ${folder('beta').uri.fsPath} and the allowed folders, and a transcript may read only files there; to allow another folder use --allow-include-dir DIR on the command line, the smtp.includes.allowedFolders setting in the editor`;
      assert.deepEqual(await runTests(alpha, beta), ['passed', `errored: ${refusal} / Not run because of the failure: lines 1, 3, 5, 7, 9, 14`]);
    },
  },
  {
    name: 'multi-root: a relative folder in smtp.includes.allowedFolders starts at the transcript\'s workspace folder',
    run: async () => {
      // <workspace>/shared, beside the two folders: "../shared" from beta.
      const shared = vscode.Uri.joinPath(folder('beta').uri, '..', 'shared');
      write(vscode.Uri.joinPath(shared, 'body.eml'), 'Subject: shared\r\n\r\nhello\r\n');
      const beta = vscode.Uri.joinPath(folder('beta').uri, 'relative-shared.smtp');
      write(beta, transcript('../shared/body.eml'));
      await folderSettings('beta', { 'smtp.replay.server': 'local' });
      await showTranscript(beta);
      await diagnosticsWhen(beta, (ds) => outside(ds).length > 0, 'the include is reported before the setting allows its folder');
      await folderSettings('beta', { 'smtp.replay.server': 'local', 'smtp.includes.allowedFolders': ['../shared'] });
      // Lint reads the setting as replay does.
      await diagnosticsWhen(beta, (ds) => outside(ds).length === 0, 'the include is no longer reported');
      assert.deepEqual(await runTests(beta), ['passed']);
    },
  },
];

export async function run(): Promise<void> {
  await runE2ETests(tests, (line) => console.log(line));
}
