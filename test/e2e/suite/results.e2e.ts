// One result model and the result view: a failing replay from the command shows in the Testing view as failed, the
// result view opens beside the editor with each exchange (the unchecked ones "not run"), the status bar names the
// file, two runs are kept and diffed as read-only documents, and an edit clears the marks, the test result and the
// status bar.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LocalServer } from '../../../server/src/smtpTestServer/localServer';
import type { ReplayResult } from '../../../server/src/replay/replayTypes';
import type { TestOutcome } from '../../../client/src/testing/transcriptTests';
import type { E2ETest } from '../e2e-runner';
import { waitUntil } from '../e2e-runner';
import { closeAllEditors, diagnosticsWhen, extensionApi, nextEvent, showTranscript, withDeadline, writeWorkspaceFile } from './workbench';

const REPLAY_DEADLINE_MS = 30_000;
const FILE = 'results-failing.smtp';

/** The server accepts MAIL with 250, the file expects 251: RCPT and QUIT are never checked. */
function failing(port: number): string {
  return [
    '@server = 127.0.0.1',
    `@port = ${port}`,
    '',
    '### wrong expectation',
    'S: 220 *',
    'C: EHLO client.test',
    'S: 250-*',
    'S: 250 *',
    'C: MAIL FROM:<sender@client.test>',
    'S: 251 2.1.0 Accepted',
    'C: RCPT TO:<someone@server.test>',
    'S: 250 *',
    'C: QUIT',
    'S: 221 *',
    '',
  ].join('\n');
}

let uri: vscode.Uri | undefined;
let server: LocalServer | undefined;

function replay(): Promise<ReplayResult | undefined> {
  return withDeadline(vscode.commands.executeCommand<ReplayResult | undefined>('smtp.replay', uri), 'smtp.replay finishes', REPLAY_DEADLINE_MS);
}

export const e2eTests: E2ETest[] = [
  {
    name: 'a failing replay from the command shows in the Testing view as failed, and the result view opens with its exchanges',
    run: async () => {
      const api = await extensionApi();
      await closeAllEditors();
      server = await vscode.commands.executeCommand<LocalServer>('smtp.startLocalServer');
      assert.ok(server, 'the local server did not start');
      uri = await writeWorkspaceFile(FILE, failing(server.port));
      await showTranscript(uri);
      const id = `${uri.toString()}#0`;
      let result: ReplayResult | undefined;
      const outcomes = await nextEvent(
        api.tests.onDidEndRun,
        (o: TestOutcome[]) => o.some((x) => x.id === id),
        'the command replay is reported as a test run',
        async () => {
          result = await replay();
        },
        REPLAY_DEADLINE_MS,
      );
      assert.equal(result?.status, 'fail');
      const outcome = outcomes.find((o) => o.id === id);
      assert.equal(outcome?.state, 'failed');
      assert.equal(api.tests.outcomes.get(id)?.state, 'failed');
      assert.equal(outcome.messages[0].expectedOutput, '251 2.1.0 Accepted');
      assert.equal(outcome.messages[0].actualOutput, '250 2.1.0 Accepted');
      assert.equal(api.presenter.statusBarText, `$(error) SMTP: ${FILE} 1 failed`);

      // smtp.replay.showResultView is "onFailure" by default: the view opened beside the editor.
      const state = api.results.state;
      assert.ok(state, 'the result view did not open');
      assert.equal(state.file, FILE);
      assert.equal(state.status, 'fail');
      assert.deepEqual(
        state.sessions.map((s) => [s.title, s.target, s.exchanges.map((e) => [e.line, e.status, e.sent])]),
        [
          [
            'Session 1: wrong expectation',
            `127.0.0.1:${server.port}, TLS none`,
            [
              [5, 'pass', 'greeting'],
              [7, 'pass', 'EHLO client.test'],
              [10, 'fail', 'MAIL FROM:<sender@client.test>'],
              [12, 'not run', 'RCPT TO:<someone@server.test>'],
              [14, 'not run', 'QUIT'],
            ],
          ],
        ],
      );
      assert.deepEqual(state.sessions[0].exchanges[2].failure, {
        message: state.sessions[0].exchanges[2].failure?.message,
        expected: ['251 2.1.0 Accepted'],
        actual: ['250 2.1.0 Accepted'],
      });
      assert.ok(state.sessions[0].wire.some((line) => line.endsWith('C: MAIL FROM:<sender@client.test>')), state.sessions[0].wire.join('\n'));
      assert.deepEqual(state.history.map((r) => r.status), ['fail']);
      // The panel's tab appears once the workbench has laid it out.
      const viewTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === `SMTP Result: ${FILE}`);
      await waitUntil('the result view has a tab', () => viewTab() !== undefined);
      assert.ok(viewTab()?.input instanceof vscode.TabInputWebview);
    },
  },
  {
    name: 'the result view keeps two runs of the file and diffs their actual transcripts as read-only documents',
    run: async () => {
      assert.ok(uri && server);
      const api = await extensionApi();
      await showTranscript(uri);
      assert.equal((await replay())?.status, 'fail');
      const runs = api.results.history.of(uri.toString());
      assert.equal(runs.length, 2);
      assert.deepEqual(api.results.state?.history.map((r) => r.id), runs.map((r) => r.id));
      const actual = failing(server.port).replace('S: 251 2.1.0 Accepted', 'S: 250 2.1.0 Accepted');
      assert.deepEqual(runs.map((r) => r.actual), [actual, actual]);
      assert.equal(await api.results.diffRuns(uri, runs[0].id, runs[1].id), true);
      const tab = () => vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      await waitUntil('the runs diff is open', () => tab() instanceof vscode.TabInputTextDiff && (tab() as vscode.TabInputTextDiff).original.scheme === 'smtp-run');
      const diff = tab() as vscode.TabInputTextDiff;
      assert.equal(diff.original.toString(), api.results.runUri(uri, runs[0]).toString());
      assert.equal(diff.modified.toString(), api.results.runUri(uri, runs[1]).toString());
      const older = await vscode.workspace.openTextDocument(diff.original);
      assert.equal(older.getText(), actual);
      assert.equal(older.languageId, 'smtp');
      assert.equal(older.isDirty, false);
    },
  },
  {
    name: 'an edit clears the replay marks, the Testing view result and the status bar; the result view says it is old',
    run: async () => {
      assert.ok(uri);
      const api = await extensionApi();
      const editor = await showTranscript(uri);
      assert.ok(vscode.languages.getDiagnostics(uri).some((d) => d.source === 'smtp-replay'));
      await diagnosticsWhen(
        uri,
        (ds) => !ds.some((d) => d.source === 'smtp-replay'),
        'the replay diagnostics are cleared by the edit',
        () => editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# edited\n')),
      );
      assert.equal(api.tests.outcomes.get(`${uri.toString()}#0`), undefined);
      assert.equal(api.presenter.statusBarText, undefined);
      assert.equal(api.presenter.lastResult(uri), undefined);
      assert.equal(api.results.state?.stale, true);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await closeAllEditors();
    },
  },
];
