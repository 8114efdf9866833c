// Replay from the commands against the built-in local test server: a wrong expectation becomes a diagnostic, the
// actual transcript opens in a diff, "update expectations" rewrites the file, the code lens's string URI works.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LocalServer } from '../../../server/src/smtpTestServer/localServer';
import type { ReplayResult } from '../../../server/src/replay/replayTypes';
import type { E2ETest } from '../e2e-runner';
import { waitUntil } from '../e2e-runner';
import { closeAllEditors, describeDiagnostics, diagnosticsWhen, extensionApi, showTranscript, withDeadline, workspaceFile, writeWorkspaceFile } from './workbench';

const REPLAY_DEADLINE_MS = 30_000;

/** A shipped example as the run's workspace holds it (test-workspace.ts copies examples/ in). */
async function exampleText(name: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile('examples', name)));
}

/** A transcript aimed at the local server by its own directives, expecting 251 where the server says 250. */
export function wrongExpectation(port: number): string {
  return [
    '# A deliberately wrong expectation: the server accepts MAIL with 250, the file expects 251.',
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
    'C: QUIT',
    'S: 221 *',
    '',
  ].join('\n');
}
const WRONG_LINE = 10;

const replayDiagnostics = (ds: readonly vscode.Diagnostic[]) => ds.filter((d) => d.source === 'smtp-replay');
let server: LocalServer | undefined;
let wrongFile: vscode.Uri | undefined;

function replayCommand(id: string, ...args: unknown[]): Promise<ReplayResult | undefined> {
  return withDeadline(vscode.commands.executeCommand<ReplayResult | undefined>(id, ...args), `${id} finishes`, REPLAY_DEADLINE_MS);
}

export const e2eTests: E2ETest[] = [
  {
    name: 'SMTP: Start Local Test Server starts the built-in server on a loopback port',
    run: async () => {
      const api = await extensionApi();
      server = await vscode.commands.executeCommand<LocalServer>('smtp.startLocalServer');
      assert.ok(server, 'the command returned no server (see the error notification)');
      assert.equal(server.host, '127.0.0.1');
      assert.ok(server.port > 0 && server.tlsPort > 0);
      assert.equal(api.localServer.running, server);
      // What the notification says: where, the AUTH account and the refusing domain.
      assert.equal(
        api.localServer.summary,
        `Local SMTP test server on 127.0.0.1:${server.port} (STARTTLS) and 127.0.0.1:${server.tlsPort} (implicit TLS); AUTH as "testuser" with password "testpass"; recipients at reject.test get 550.`,
      );
    },
  },
  {
    name: 'SMTP: Replay Transcript turns a wrong expectation into an smtp-replay diagnostic on its S: line',
    run: async () => {
      assert.ok(server, 'the local server did not start');
      wrongFile = await writeWorkspaceFile('wrong-expectation.smtp', wrongExpectation(server.port));
      await showTranscript(wrongFile);
      let result: ReplayResult | undefined;
      const diagnostics = await diagnosticsWhen(
        wrongFile,
        (ds) => replayDiagnostics(ds).length > 0,
        'the replay publishes its diagnostics',
        async () => {
          result = await replayCommand('smtp.replay', wrongFile);
        },
        REPLAY_DEADLINE_MS,
      );
      assert.equal(result?.status, 'fail');
      const failed = replayDiagnostics(diagnostics);
      assert.equal(failed.length, 1, describeDiagnostics(failed));
      assert.equal(failed[0].range.start.line, WRONG_LINE);
      assert.equal(failed[0].severity, vscode.DiagnosticSeverity.Error);
      assert.match(failed[0].message, /expected: 251 2\.1\.0 Accepted/);
      assert.match(failed[0].message, /actual: +250 2\.1\.0 Accepted/);
      assert.equal((await extensionApi()).presenter.statusBarText, '$(error) SMTP: wrong-expectation.smtp 1 failed');
      // The failed line's quick fix writes what the server said there, and only there.
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', wrongFile, failed[0].range);
      const accept = actions.find((a) => a.title.startsWith('Accept the actual reply'));
      assert.ok(accept?.edit, `no "Accept the actual reply" among: ${actions.map((a) => a.title).join(', ')}`);
      assert.equal(accept.title, 'Accept the actual reply: S: 250 2.1.0 Accepted');
      const edits = accept.edit.get(wrongFile);
      assert.deepEqual(edits.map((e) => [e.range.start.line, e.range.end.line, e.newText]), [[WRONG_LINE, WRONG_LINE + 1, 'S: 250 2.1.0 Accepted\n']]);
    },
  },
  {
    name: 'SMTP: Show Expected vs Actual opens the actual transcript in a diff',
    run: async () => {
      assert.ok(wrongFile && server);
      const actual = await vscode.commands.executeCommand<vscode.TextDocument>('smtp.showActualTranscript', wrongFile);
      assert.ok(actual, 'no actual transcript (no replay result for the file?)');
      assert.equal(actual.languageId, 'smtp');
      // A read-only virtual document: closing the diff never asks to save it.
      assert.equal(actual.uri.scheme, 'smtp-actual');
      assert.equal(actual.isDirty, false);
      assert.equal(actual.getText(), wrongExpectation(server.port).replace('S: 251 2.1.0 Accepted', 'S: 250 2.1.0 Accepted'));
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      assert.ok(tab?.input instanceof vscode.TabInputTextDiff, `the active tab is ${tab?.label}, not a diff`);
      assert.equal(tab.input.original.toString(), wrongFile.toString());
      assert.equal(tab.input.modified.toString(), actual.uri.toString());
      // The diff is active: the status bar still shows the result of the transcript beside it.
      assert.equal((await extensionApi()).presenter.statusBarText, '$(error) SMTP: wrong-expectation.smtp 1 failed');
    },
  },
  {
    name: "SMTP: Update Expectations from Server waits for Apply in the diff's title, rewrites the S: line as one edit, and the replay then passes",
    run: async () => {
      assert.ok(wrongFile && server);
      const api = await extensionApi();
      // The previous test's diff would pass the wait below before this update's replay has made its proposal.
      await closeAllEditors();
      const update = vscode.commands.executeCommand('smtp.updateExpectations', wrongFile);
      // The proposal waits (the notification may hide in the bell) until Apply: the diff's title button runs this.
      const tab = () => vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      await waitUntil('the expected-vs-actual diff is open', () => tab() instanceof vscode.TabInputTextDiff && (tab() as vscode.TabInputTextDiff).modified.scheme === 'smtp-actual');
      assert.equal(await vscode.commands.executeCommand('smtp.applyActualReplies'), 'applied');
      const outcome = await withDeadline(Promise.resolve(update), 'the update command finishes after Apply');
      assert.equal(outcome, 'applied');
      assert.equal(await api.expectations.apply(wrongFile), 'declined', 'a second Apply found a proposal still pending');
      const document = await vscode.workspace.openTextDocument(wrongFile);
      assert.equal(document.lineAt(WRONG_LINE).text, 'S: 250 2.1.0 Accepted');
      // The text changed: the replay's marks no longer describe it.
      await diagnosticsWhen(wrongFile, (ds) => replayDiagnostics(ds).length === 0, 'the replay diagnostics are cleared');
      await document.save();
      const again = await replayCommand('smtp.replay', wrongFile);
      assert.equal(again?.status, 'pass', JSON.stringify(again?.sessions.map((s) => s.error ?? s.status)));
      assert.deepEqual(replayDiagnostics(vscode.languages.getDiagnostics(wrongFile)), []);
    },
  },
  {
    name: "the code lens's command replays one session given the URI as a string",
    run: async () => {
      assert.ok(wrongFile);
      // What the language server's "Replay" lens passes: [uri as a string, session index].
      const result = await replayCommand('smtp.replaySession', wrongFile.toString(), 0);
      assert.deepEqual(result?.sessions.map((s) => [s.index, s.status]), [[0, 'pass']]);
    },
  },
  {
    name: 'SMTP: Replay Transcript of examples/lmtp.smtp against the local test server, which speaks LMTP after LHLO: a reply per recipient',
    run: async () => {
      assert.ok(server, 'the local server did not start');
      // The example, aimed at this server by directives above it (as the wrong-expectation file is).
      const file = await writeWorkspaceFile('lmtp-local.smtp', `@server = 127.0.0.1\n@port = ${server.port}\n${await exampleText('lmtp.smtp')}`);
      const result = await replayCommand('smtp.replay', file);
      assert.equal(result?.status, 'pass', JSON.stringify(result?.sessions.map((s) => s.error ?? s.exchanges.filter((e) => e.status !== 'pass'))));
      const message = result!.sessions[0].exchanges.find((e) => e.kind === 'message');
      assert.ok(message);
      assert.equal(message.actual.length, 2);
      assert.match(message.actual[0], /^250 2\.6\.0 <alice@example\.com> Message stored as \S+$/);
      assert.match(message.actual[1], /^250 2\.6\.0 <bob@example\.com> Message stored as \S+$/);
      assert.deepEqual(replayDiagnostics(vscode.languages.getDiagnostics(file)), []);

      // Bob's reply written as a refusal the server does not send: the failure is shown on Bob's line, not Alice's.
      const text = (await vscode.workspace.openTextDocument(file)).getText();
      const refused = await writeWorkspaceFile('lmtp-local-refused.smtp', text.replace('S: 250 2.x.x <bob@example.com> *', 'S: 452 4.x.x <bob@example.com> *'));
      const bobLine = (await vscode.workspace.openTextDocument(refused)).getText().split('\n').indexOf('S: 452 4.x.x <bob@example.com> *');
      const failed = await replayCommand('smtp.replay', refused);
      assert.equal(failed?.status, 'fail');
      const shown = replayDiagnostics(vscode.languages.getDiagnostics(refused));
      assert.deepEqual(shown.map((d) => [d.range.start.line, d.range.end.line]), [[bobLine, bobLine]]);
      assert.match(shown[0].message, /^recipient 2: /);
    },
  },
];
