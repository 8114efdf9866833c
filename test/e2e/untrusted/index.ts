// The extension in a workspace that is not trusted (restricted mode), run by `run-code-server.js --workspace-trust`:
// package.json promises `untrustedWorkspaces: limited`, editing everywhere, replay and the servers only when trusted.
// Replay from the command, the CodeLens and the Test Explorer refuses with the extension's message and a loopback
// listener started here sees no connection; the local and mock servers refuse too; lint, completion and quick fixes
// work.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import * as vscode from 'vscode';
import { runE2ETests, waitUntil, type E2ETest } from '../e2e-runner';
import { performOnPage } from '../screenshot-requests';
import { diagnosticCode, diagnosticsWhen, EXTENSION_ID, extensionApi, nextEvent, showTranscript, workspaceFile, writeWorkspaceFile } from '../suite/workbench';

const REPLAY_REFUSED = 'Replaying a transcript connects to servers and needs a trusted workspace.';

/** A loopback listener the transcript points at: whatever connects is counted (and closed). */
let listener: Server | undefined;
const connections: Socket[] = [];

function transcript(port: number): string {
  return [
    '# Points at a listener of the test: in restricted mode nothing may connect to it.',
    '@server = 127.0.0.1',
    `@port = ${port}`,
    '',
    '### one session',
    'S: 220 *',
    'C: EHLO client.test',
    'S: 250 *',
    'C: QUIT',
    'S: 221 *',
    '',
  ].join('\n');
}

/**
 * Runs `command` and waits until the notification center lists a notification with exactly `message` (the harness
 * looks at the page). The center, not a toast: the workbench may hold toasts back while it is still restoring.
 */
async function refusedWith<T>(message: string, command: () => Thenable<T>): Promise<T> {
  await vscode.commands.executeCommand('notifications.clearAll');
  const result = await command();
  await vscode.commands.executeCommand('notifications.showList');
  await performOnPage(`the notification "${message}"`, [{ waitFor: `.notifications-center .notification-list-item-message:has-text(${JSON.stringify(message)})` }]);
  await vscode.commands.executeCommand('notifications.hideList');
  return result;
}

let uri: vscode.Uri | undefined;

const tests: E2ETest[] = [
  {
    name: 'untrusted: the workspace opens in restricted mode and the extension activates there',
    run: async () => {
      assert.equal(vscode.workspace.isTrusted, false, 'the workspace is trusted: was code-server started with --workspace-trust?');
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is not installed`);
      assert.equal(extension.packageJSON.capabilities.untrustedWorkspaces.supported, 'limited');
      await showTranscript(workspaceFile('delivery.smtp'));
      await waitUntil(`${EXTENSION_ID} is active`, () => extension.isActive);
      await extensionApi();
      listener = createServer((socket) => {
        connections.push(socket);
        socket.destroy();
      });
      listener.listen(0, '127.0.0.1');
      await once(listener, 'listening');
    },
  },
  {
    name: 'untrusted: lint diagnostics, completion and a quick fix work',
    run: async () => {
      const mistakes = workspaceFile('mistakes.smtp');
      const diagnostics = await diagnosticsWhen(mistakes, (ds) => ds.some((d) => diagnosticCode(d) === 'unknown-line'), 'mistakes.smtp has its parse error', () => showTranscript(mistakes));
      assert.deepEqual(
        diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => [d.range.start.line, diagnosticCode(d)]),
        [[4, 'unknown-line'], [7, 'data-without-recipient']],
      );
      // The preferred fix of reply-not-for-command, applied: editing help needs no trust.
      const wrongReply = await writeWorkspaceFile('untrusted-fix.smtp', 'S: 220 *\nC: EHLO client.test\nS: 250 *\nC: MAIL FROM:<a@client.test>\nS: 354 *\n');
      const found = await diagnosticsWhen(wrongReply, (ds) => ds.some((d) => diagnosticCode(d) === 'reply-not-for-command'), 'reply-not-for-command', () => showTranscript(wrongReply));
      const range = found.find((d) => diagnosticCode(d) === 'reply-not-for-command')!.range;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', wrongReply, range);
      const fix = actions.find((a) => a.isPreferred);
      assert.ok(fix?.edit, `no preferred fix among: ${actions.map((a) => a.title).join(', ')}`);
      assert.equal(fix.title, 'Expect 250');
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.equal((await vscode.workspace.openTextDocument(wrongReply)).getText(), 'S: 220 *\nC: EHLO client.test\nS: 250 *\nC: MAIL FROM:<a@client.test>\nS: 250 *\n');

      const completion = await writeWorkspaceFile('untrusted-completion.smtp', 'S: 220 *\nC: EHLO a.test\nS: 250 ok\nC: \n');
      await showTranscript(completion);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', completion, new vscode.Position(3, 3));
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.ok(labels.includes('MAIL') && labels.includes('STARTTLS'), labels.join(', '));
    },
  },
  {
    name: 'untrusted: SMTP: Replay Transcript refuses with its message and connects to nothing',
    run: async () => {
      assert.ok(listener);
      uri = await writeWorkspaceFile('untrusted-replay.smtp', transcript((listener.address() as { port: number }).port));
      await showTranscript(uri);
      const result = await refusedWith(REPLAY_REFUSED, () => vscode.commands.executeCommand('smtp.replay', uri));
      assert.equal(result, undefined);
      assert.equal(connections.length, 0, 'the replay connected to the listener');
    },
  },
  {
    name: "untrusted: the Replay CodeLens's command refuses the same way and connects to nothing",
    run: async () => {
      assert.ok(uri);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      const replayLens = lenses.find((l) => l.command?.command === 'smtp.replaySession');
      assert.ok(replayLens?.command, `no Replay lens among: ${lenses.map((l) => l.command?.title).join(', ')}`);
      assert.equal(replayLens.command.title, '$(play) Replay');
      // What a click on the lens runs: its command with its arguments ([uri as a string, session index]).
      const { command, arguments: args = [] } = replayLens.command;
      const result = await refusedWith(REPLAY_REFUSED, () => vscode.commands.executeCommand(command, ...args));
      assert.equal(result, undefined);
      assert.equal(connections.length, 0, 'the lens connected to the listener');
    },
  },
  {
    name: 'untrusted: a Test Explorer run marks the sessions errored with the message and connects to nothing',
    run: async () => {
      assert.ok(uri);
      const api = await extensionApi();
      await api.tests.discoverFiles();
      const item = api.tests.controller.items.get(uri.toString());
      assert.ok(item, 'untrusted-replay.smtp is not a test');
      const outcomes = await nextEvent(api.tests.onDidEndRun, () => true, 'the test run ends', async () => {
        await api.tests.runProfile.runHandler(new vscode.TestRunRequest([item]), new vscode.CancellationTokenSource().token);
      });
      assert.deepEqual(
        outcomes.map((o) => [o.id, o.state, o.messages.map((m) => (typeof m.message === 'string' ? m.message : m.message.value))]),
        [[`${uri.toString()}#0`, 'errored', [REPLAY_REFUSED]]],
      );
      assert.equal(connections.length, 0, 'the test run connected to the listener');
    },
  },
  {
    name: 'untrusted: the local test server and the mock server refuse to start',
    run: async () => {
      const api = await extensionApi();
      const local = await refusedWith('The local test server needs a trusted workspace.', () => vscode.commands.executeCommand('smtp.startLocalServer'));
      assert.equal(local, undefined);
      assert.equal(api.localServer.running, undefined);
      assert.ok(uri);
      const mock = await refusedWith('Serving a transcript as a mock server listens on a port and needs a trusted workspace.', () => vscode.commands.executeCommand('smtp.serveMock', uri));
      assert.equal(mock, undefined);
      assert.equal(api.mock.running, undefined);
      assert.equal(connections.length, 0);
      listener?.close();
    },
  },
];

export async function run(): Promise<void> {
  await runE2ETests(tests, (line) => console.log(line));
}
