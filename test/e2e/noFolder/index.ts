// The extension in a window with no folder open, run by `run-code-server.js --no-folder`: a loose transcript is
// linted, has its code lenses, replays against the local test server (smtp.replay.server in the user settings) and
// shows in the status bar and the Testing view; an untitled transcript's include is refused by name.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ReplayResult } from '../../../server/src/replay/replayTypes';
import { runE2ETests, waitUntil, type E2ETest } from '../e2e-runner';
import { closeAllEditors, diagnosticCode, diagnosticsWhen, extensionApi, showTranscript, withDeadline } from '../suite/workbench';

const REPLAY_DEADLINE_MS = 30_000;

const transcript = (include: string): string =>
  [
    'S: 220 *',
    'C: EHLO client.test',
    'S: 250 *',
    'C: MAIL FROM:<sender@client.test>',
    'S: 251 *',
    'C: RCPT TO:<alice@example.com>',
    'S: 250 *',
    'C: DATA',
    'S: 354 *',
    `< ${include}`,
    'C: .',
    'S: 250 *',
    'C: QUIT',
    'S: 221 *',
    '',
  ].join('\n');

function replay(...args: unknown[]): Promise<ReplayResult | undefined> {
  return withDeadline(vscode.commands.executeCommand<ReplayResult | undefined>('smtp.replay', ...args), 'the replay finishes', REPLAY_DEADLINE_MS);
}

const tests: E2ETest[] = [
  {
    name: 'no folder: the window has no workspace folder',
    run: async () => {
      await vscode.workspace.getConfiguration('smtp.replay').update('server', 'local', vscode.ConfigurationTarget.Global);
      await extensionApi();
      assert.equal(vscode.workspace.workspaceFolders, undefined);
    },
  },
  {
    name: 'no folder: a loose transcript is linted, has code lenses, replays with its include and shows in the status bar and the Testing view',
    run: async () => {
      const api = await extensionApi();
      const dir = mkdtempSync(join(tmpdir(), 'smtp-loose-'));
      writeFileSync(join(dir, 'body.eml'), 'Subject: loose\r\n\r\nhello\r\n');
      const uri = vscode.Uri.file(join(dir, 'loose.smtp'));
      writeFileSync(uri.fsPath, transcript('body.eml'));
      await showTranscript(uri);
      const lint = await diagnosticsWhen(uri, (ds) => ds.length > 0, 'the loose file is linted');
      assert.deepEqual(lint.map((d) => [diagnosticCode(d), d.range.start.line]), [['reply-not-for-command', 4]]);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      assert.deepEqual(lenses.map((l) => l.command?.title), ['$(play) Replay', 'Update expectations', '$(broadcast) Serve as Mock']);
      const result = await replay(uri);
      assert.deepEqual(result?.sessions[0].exchanges.map((e) => `${e.line + 1} ${e.status}`), ['1 pass', '2 pass', '4 fail', '6 skipped', '8 skipped', '10 skipped', '13 skipped']);
      assert.equal(api.presenter.statusBarText, '$(error) SMTP: loose.smtp 1 failed');
      await waitUntil('the Testing view lists the replayed file', () => api.tests.outcomes.has(`${uri.toString()}#0`));
      assert.equal(api.tests.outcomes.get(`${uri.toString()}#0`)?.state, 'failed');
      await closeAllEditors();
    },
  },
  {
    name: "no folder: an untitled transcript's include is refused by name, with no folder to read it from",
    run: async () => {
      const document = await vscode.workspace.openTextDocument({ language: 'smtp', content: transcript('body.eml').replace('S: 251 *', 'S: 250 *') });
      await vscode.window.showTextDocument(document);
      const result = await replay();
      assert.equal(result?.status, 'error');
      assert.equal(result?.sessions[0].error?.message, `cannot read body.eml: ${document.fileName} is not saved and no folder is open, so it has no folder to read files from: save it first`);
      await closeAllEditors();
    },
  },
];

export async function run(): Promise<void> {
  try {
    await runE2ETests(tests, (line) => console.log(line));
  } finally {
    await vscode.workspace.getConfiguration('smtp.replay').update('server', undefined, vscode.ConfigurationTarget.Global);
  }
}
