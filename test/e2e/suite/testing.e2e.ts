// The Testing view: transcripts of the workspace are tests, sessions their children; "Run All Tests" replays them
// against the local test server (smtp.replay.server = "local"), with the password from VS Code's secret storage.
// Afterwards nothing the output channel showed contains that password, plain or base64.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ListedSessions, TestOutcome } from '../../../client/src/testing/transcriptTests';
import type { ReplayResult } from '../../../server/src/replay/replayTypes';
import { waitUntil, type E2ETest } from '../e2e-runner';
import { closeAllEditors, extensionApi, nextEvent, removeWorkspaceFiles, showTranscript, withDeadline, workspaceFile, writeWorkspaceFile } from './workbench';

const PASSWORD = 'testpass';
const RUN_DEADLINE_MS = 120_000;
let outcomes: TestOutcome[] = [];

const FAILING = [
  '# No @server: replayed where smtp.replay.server says. The server says 250 where the file expects 251.',
  'S: 220 *',
  'C: EHLO client.test',
  'S: 250 *',
  'C: MAIL FROM:<sender@client.test>',
  'S: 251 2.1.0 Accepted',
  'C: QUIT',
  'S: 221 *',
  '',
].join('\n');

function* iterateChildren(item: vscode.TestItem): Generator<vscode.TestItem> {
  const children: vscode.TestItem[] = [];
  item.children.forEach((child) => children.push(child));
  yield* children;
}

function outcomeOf(file: vscode.Uri, session: number): TestOutcome | undefined {
  return outcomes.find((o) => o.id === `${file.toString()}#${session}`);
}

function describe(o: TestOutcome | undefined): string {
  if (!o) return 'not run';
  const messages = o.messages.map((m) => (typeof m.message === 'string' ? m.message : m.message.value));
  return `${o.state}${messages.length > 0 ? `: ${messages.join(' / ')}` : ''}`;
}

export const e2eTests: E2ETest[] = [
  {
    name: 'Test Explorer: transcripts are tests with their sessions as children',
    run: async () => {
      const api = await extensionApi();
      await api.tests.discoverFiles();
      const uri = workspaceFile('examples', 'starttls-auth.smtp');
      const item = api.tests.controller.items.get(uri.toString());
      assert.ok(item, 'examples/starttls-auth.smtp is not a test');
      await api.tests.controller.resolveHandler?.(item);
      const children: string[] = [];
      item.children.forEach((child) => children.push(child.label));
      assert.deepEqual(children, ['AUTH PLAIN after STARTTLS', 'AUTH LOGIN answers the server\'s 334 challenges']);
      // The folder beside the name; none for a file at the workspace folder's root.
      const described = (uri: vscode.Uri) => api.tests.controller.items.get(uri.toString())?.description;
      assert.deepEqual([described(uri), described(workspaceFile('examples', 'mock', 'idle-timeout.smtp')), described(workspaceFile('delivery.smtp'))], ['examples', 'examples/mock', undefined]);
    },
  },
  {
    name: 'Test Explorer: a session typed into an open transcript is listed once typing pauses, from the language server\'s parse; an edit that leaves the sessions as they were keeps their items',
    run: async () => {
      const api = await extensionApi();
      const uri = await writeWorkspaceFile('typed.smtp', '### first\nS: 220 mx.test\nC: QUIT\nS: 221 bye\n');
      await api.tests.discoverFiles();
      const item = api.tests.controller.items.get(uri.toString());
      assert.ok(item, 'typed.smtp is not a test');
      await api.tests.controller.resolveHandler?.(item);
      const labels = () => [...iterateChildren(item)].map((child) => child.label);
      assert.deepEqual(labels(), ['first']);
      const first = [...iterateChildren(item)][0];
      const editor = await showTranscript(uri);
      try {
        // A letter that leaves the sessions as they were: once typing pauses they are read again, and the item stays.
        // The language server parsed the edited text already: the extension host does not parse it again. (A listing
        // the file watcher asks for, the file just written, may come first: it is read from the disk.)
        await api.languageServerReady;
        const fromServer = (listed: ListedSessions) => listed.item === item && listed.by === 'language server';
        await nextEvent(api.tests.onDidListSessions, fromServer, 'the sessions are read again', () => editor.edit((b) => b.insert(new vscode.Position(1, 10), 'x')));
        assert.equal([...iterateChildren(item)][0], first, 'the session\'s item was made again for an edit that left it as it was');
        // Letter by letter, as typed: the list is made again once the typing pauses.
        const typed = async () => {
          for (const letter of '### second\nS: 220 mx.test\n') await editor.edit((b) => b.insert(editor.document.positionAt(editor.document.getText().length), letter));
        };
        await nextEvent(api.tests.onDidListSessions, (listed) => fromServer(listed) && labels().length === 2, 'the typed session is listed', typed);
        assert.deepEqual(labels(), ['first', 'second']);
      } finally {
        await closeAllEditors();
        await vscode.workspace.fs.delete(uri);
      }
    },
  },
  {
    name: 'smtp.testing.exclude leaves mock scripts out of the Testing view, new ones too, and they come back when it is cleared',
    run: async () => {
      const api = await extensionApi();
      const listed = (uri: vscode.Uri): boolean => api.tests.controller.items.get(uri.toString()) !== undefined;
      const mockScript = workspaceFile('examples', 'mock', 'idle-timeout.smtp');
      const replayTest = workspaceFile('examples', 'plain.smtp');
      await api.tests.discoverFiles();
      assert.ok(listed(mockScript) && listed(replayTest), 'the examples are listed before the setting');
      const testing = vscode.workspace.getConfiguration('smtp.testing');
      await vscode.workspace.fs.createDirectory(workspaceFile('mocks'));
      try {
        await testing.update('exclude', ['**/mock/**', '**/mocks/**'], vscode.ConfigurationTarget.Workspace);
        await waitUntil('the mock scripts leave the Testing view', () => !listed(mockScript));
        assert.ok(listed(replayTest), 'a replay transcript left the Testing view too');
        // Files created afterwards: one in an excluded folder stays out, one elsewhere is listed.
        const excluded = await writeWorkspaceFile('mocks/created-mock.smtp', 'S: 220 *\nC: QUIT\nS: 221 *\n');
        const included = await writeWorkspaceFile('created-test.smtp', 'S: 220 *\nC: QUIT\nS: 221 *\n');
        await waitUntil('the new transcript outside the excluded folders is listed', () => listed(included));
        assert.ok(!listed(excluded), 'a new file in an excluded folder was listed');
      } finally {
        await testing.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
        await removeWorkspaceFiles('mocks/created-mock.smtp', 'created-test.smtp');
      }
      await waitUntil('the mock scripts come back once the setting is cleared', () => listed(mockScript));
    },
  },
  {
    name: 'Test Explorer: a folder renamed in the Explorer takes its transcripts along; Refresh drops those deleted outside VS Code',
    run: async () => {
      const api = await extensionApi();
      const listedUnder = (folder: string): string[] => {
        const names: string[] = [];
        const prefix = `${workspaceFile(folder).toString()}/`;
        api.tests.controller.items.forEach((item) => item.id.startsWith(prefix) && names.push(item.id.slice(prefix.length)));
        return names.sort();
      };
      await writeWorkspaceFile('moved/a.smtp', 'S: 220 *\nC: QUIT\nS: 221 *\n');
      await writeWorkspaceFile('moved/deeper/b.smtp', 'S: 220 *\nC: QUIT\nS: 221 *\n');
      try {
        await api.tests.discoverFiles();
        assert.deepEqual(listedUnder('moved'), ['a.smtp', 'deeper/b.smtp']);
        // As the Explorer renames: a workspace edit.
        const rename = new vscode.WorkspaceEdit();
        rename.renameFile(workspaceFile('moved'), workspaceFile('renamed'));
        assert.ok(await vscode.workspace.applyEdit(rename), 'the folder was not renamed');
        await waitUntil('the renamed folder\'s transcripts are listed and the old ones gone', () =>
          JSON.stringify([listedUnder('moved'), listedUnder('renamed')]) === JSON.stringify([[], ['a.smtp', 'deeper/b.smtp']]));
        // Deleted outside VS Code (a terminal, a git checkout): the view's Refresh finds them gone.
        rmSync(workspaceFile('renamed').fsPath, { recursive: true });
        await api.tests.controller.refreshHandler?.(new vscode.CancellationTokenSource().token);
        assert.deepEqual(listedUnder('renamed'), []);
      } finally {
        rmSync(workspaceFile('moved').fsPath, { recursive: true, force: true });
        rmSync(workspaceFile('renamed').fsPath, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'a transcript deleted while it replays stays out of the Testing view and Problems (the output channel says why); deleted after, its replay errors go',
    run: async () => {
      const api = await extensionApi();
      // Accepts and never greets: the replay waits for the greeting until its 3 s timeout.
      let connected = 0;
      const silent = createServer(() => connected++).listen(0, '127.0.0.1');
      await once(silent, 'listening');
      const port = (silent.address() as { port: number }).port;
      const doomed = await writeWorkspaceFile('doomed.smtp', `@server = 127.0.0.1\n@port = ${port}\n@timeout = 3s\nS: 220 *\nC: QUIT\nS: 221 *\n`);
      const replayErrors = () => vscode.languages.getDiagnostics(doomed).filter((d) => d.source === 'smtp-replay').map((d) => d.message);
      try {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(doomed));
        await api.tests.discoverFiles();
        const replayed = Promise.resolve(vscode.commands.executeCommand<ReplayResult | undefined>('smtp.replay', doomed));
        await waitUntil('the replay has connected', () => connected > 0);
        await vscode.workspace.fs.delete(doomed);
        await waitUntil('the deleted file leaves the Testing view', () => api.tests.controller.items.get(doomed.toString()) === undefined);
        const result = await withDeadline(replayed, 'the replay ends', 20_000);
        assert.equal(result?.status, 'error');
        assert.deepEqual(replayErrors(), []);
        assert.equal(api.presenter.statusBarText, undefined);
        assert.equal(api.log.lines.at(-1), 'doomed.smtp was deleted while it replayed: its result is not shown.');
        // Deleted after its replay (port 9 of loopback refuses at once): its result goes with it.
        await writeWorkspaceFile('doomed.smtp', '@server = 127.0.0.1\n@port = 9\nS: 220 *\nC: QUIT\nS: 221 *\n');
        await withDeadline(vscode.commands.executeCommand('smtp.replay', doomed), 'the second replay ends');
        assert.equal(replayErrors().length, 1);
        await vscode.workspace.fs.delete(doomed);
        await waitUntil('the replay error of the deleted file leaves Problems', () => replayErrors().length === 0);
        assert.equal(api.tests.controller.items.get(doomed.toString()), undefined);
      } finally {
        silent.close();
        await removeWorkspaceFiles();
      }
    },
  },
  {
    name: 'smtp.testing.exclude changing leaves a transcript outside the workspace, listed by a command replay, where it is',
    run: async () => {
      const api = await extensionApi();
      const listed = (uri: vscode.Uri): boolean => api.tests.controller.items.get(uri.toString()) !== undefined;
      const dir = mkdtempSync(join(tmpdir(), 'smtp-e2e-outside-'));
      const outside = vscode.Uri.file(join(dir, 'outside.smtp'));
      // Nothing listens on port 9 of loopback: the replay ends at once, as an error, and is shown in the Testing view.
      await vscode.workspace.fs.writeFile(outside, Buffer.from('@server = 127.0.0.1\n@port = 9\nS: 220 *\nC: QUIT\nS: 221 *\n'));
      const testing = vscode.workspace.getConfiguration('smtp.testing');
      const mockScript = workspaceFile('examples', 'mock', 'idle-timeout.smtp');
      await api.tests.discoverFiles();
      assert.ok(listed(mockScript), 'the mock scripts are listed before the setting');
      try {
        await withDeadline(vscode.commands.executeCommand('smtp.replay', outside), 'the replay of the outside file ends');
        await waitUntil('the replayed file outside the workspace is listed', () => listed(outside));
        await testing.update('exclude', ['**/mock/**'], vscode.ConfigurationTarget.Workspace);
        await waitUntil('the setting is applied (the mock scripts leave the view)', () => !listed(mockScript));
        assert.ok(listed(outside), 'the change of smtp.testing.exclude removed a file outside the workspace folders');
      } finally {
        await testing.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
        api.tests.controller.items.delete(outside.toString());
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        rmSync(dir, { recursive: true, force: true });
      }
      await waitUntil('the mock scripts come back once the setting is cleared', () => listed(mockScript));
    },
  },
  {
    name: 'Test Explorer: Run All Tests replays against the local server; failures carry expected and actual',
    run: async () => {
      const api = await extensionApi();
      const failing = await writeWorkspaceFile('failing.smtp', FAILING);
      await vscode.workspace.getConfiguration('smtp.replay').update('server', 'local', vscode.ConfigurationTarget.Workspace);
      // As "SMTP: Set Password..." would: the transcripts read {{$env SMTP_PASSWORD}}, which the environment lacks.
      await api.passwords.set(api.passwords.key({ server: 'local', user: 'testuser' }, 'SMTP_PASSWORD'), PASSWORD);

      outcomes = await nextEvent(api.tests.onDidEndRun, () => true, 'the test run ends', () => vscode.commands.executeCommand('testing.runAll'), RUN_DEADLINE_MS);

      const plain = workspaceFile('examples', 'plain.smtp');
      const auth = workspaceFile('examples', 'starttls-auth.smtp');
      assert.equal(outcomeOf(plain, 0)?.state, 'passed', describe(outcomeOf(plain, 0)));
      assert.equal(outcomeOf(auth, 0)?.state, 'passed', describe(outcomeOf(auth, 0)));
      assert.equal(outcomeOf(auth, 1)?.state, 'passed', describe(outcomeOf(auth, 1)));
      const failed = outcomeOf(failing, 0);
      assert.equal(failed?.state, 'failed', describe(failed));
      const diff = failed.messages[0];
      assert.equal(diff.expectedOutput, '251 2.1.0 Accepted');
      assert.equal(diff.actualOutput, '250 2.1.0 Accepted');
      assert.equal(diff.location?.range.start.line, 5);
      // A file that does not parse is an error with the parse message, not a silent skip.
      const mistakes = outcomeOf(workspaceFile('mistakes.smtp'), 0);
      assert.equal(mistakes?.state, 'errored', describe(mistakes));
      assert.match(describe(mistakes), /Parse error, the transcript cannot be replayed: .*did you mean `S: 250 ok`/);
      // The local server kept what plain.smtp delivered, as an .eml file.
      const received = api.localServer.running?.messages ?? [];
      assert.ok(received.some((m) => m.recipients.includes('alice@example.com') && existsSync(m.file)), JSON.stringify(received));
    },
  },
  {
    name: "no password reaches the output channels or the settings; the local server's lines are in its own channel",
    run: async () => {
      const api = await extensionApi();
      assert.ok(api.localServerLog.lines.length > 0, 'the local server logged nothing to its channel');
      assert.deepEqual(api.log.lines.filter((l) => l.includes('[local server]')), [], "the local server's lines reached the replay log");
      const lines = [...api.log.lines, ...api.localServerLog.lines];
      // The run above logged the AUTH sessions: the check is about a log that has them.
      assert.ok(lines.some((l) => l.includes('AUTH PLAIN')), 'the log shows no AUTH PLAIN exchange');
      assert.ok(lines.some((l) => l.includes('AUTH LOGIN')), 'the log shows no AUTH LOGIN exchange');
      const forms = [
        PASSWORD,
        Buffer.from(PASSWORD).toString('base64').replace(/=+$/, ''),
        Buffer.from(`\0testuser\0${PASSWORD}`).toString('base64').replace(/=+$/, ''),
      ];
      for (const form of forms) {
        const leaked = lines.filter((l) => l.includes(form));
        assert.deepEqual(leaked, [], `"${form}" is in an output channel`);
      }
      // The local server recorded each session as a transcript (smtp.localServer.recordSessions): AUTH ones included.
      const recorded = api.localServer.recordedSessions.map((file) => readFileSync(file, 'utf8'));
      assert.ok(recorded.some((text) => text.includes('C: AUTH PLAIN {{$plain {{user}} {{password}}}}')), `${recorded.length} recordings, none with AUTH PLAIN`);
      for (const form of forms) assert.deepEqual(recorded.filter((text) => text.includes(form)), [], `"${form}" is in a recorded session`);
      const settings = readFileSync(workspaceFile('.vscode', 'settings.json').fsPath, 'utf8');
      assert.ok(!settings.includes(PASSWORD), 'the password was written to the workspace settings');
    },
  },
  {
    name: 'continuous run: each save of the transcript replays its sessions, until the run is stopped',
    run: async () => {
      const api = await extensionApi();
      const server = await withDeadline(vscode.commands.executeCommand<{ port: number }>('smtp.startLocalServer'), 'the local server starts');
      const text = (code: string) => `@server = 127.0.0.1\n@port = ${server.port}\nS: 220 *\nC: EHLO client.test\nS: ${code} *\nC: QUIT\nS: 221 *\n`;
      const uri = await writeWorkspaceFile('watched.smtp', text('250'));
      await api.tests.discoverFiles();
      const item = api.tests.controller.items.get(uri.toString());
      assert.ok(item, 'watched.smtp is not a test');
      const stop = new vscode.CancellationTokenSource();
      const running = api.tests.runProfile.runHandler(new vscode.TestRunRequest([item], undefined, api.tests.runProfile, true), stop.token);
      try {
        const document = await vscode.workspace.openTextDocument(uri);
        const savedWith = async (code: string): Promise<TestOutcome | undefined> => {
          const edit = new vscode.WorkspaceEdit();
          edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), text(code));
          assert.ok(await vscode.workspace.applyEdit(edit));
          const ended = await nextEvent(api.tests.onDidEndRun, (o) => o.some((x) => x.id === `${uri.toString()}#0`), 'the save replays the file', () => document.save(), RUN_DEADLINE_MS);
          return ended.find((x) => x.id === `${uri.toString()}#0`);
        };
        assert.equal((await savedWith('251'))?.state, 'failed');
        assert.equal((await savedWith('250'))?.state, 'passed');
      } finally {
        stop.cancel();
        await withDeadline(Promise.resolve(running), 'the continuous run ends when stopped');
        await removeWorkspaceFiles('watched.smtp');
      }
    },
  },
  {
    name: 'cancelling a test run closes the connection at once (a server that never answers)',
    run: async () => {
      const api = await extensionApi();
      // Accepts and then says nothing: without cancellation the replay would wait out its 30 s reply timeout.
      const sockets: Socket[] = [];
      const silent = createServer((socket) => sockets.push(socket));
      silent.listen(0, '127.0.0.1');
      await once(silent, 'listening');
      const connected = once(silent, 'connection') as Promise<[Socket]>;
      try {
        const port = (silent.address() as { port: number }).port;
        const uri = await writeWorkspaceFile('silent.smtp', `@server = 127.0.0.1\n@port = ${port}\n@timeout = 30s\nS: 220 *\nC: QUIT\nS: 221 *\n`);
        await api.tests.discoverFiles();
        const item = api.tests.controller.items.get(uri.toString());
        assert.ok(item, 'silent.smtp is not a test');
        const cancel = new vscode.CancellationTokenSource();
        const ended = nextEvent(api.tests.onDidEndRun, () => true, 'the cancelled run ends', undefined, 10_000);
        const running = api.tests.runProfile.runHandler(new vscode.TestRunRequest([item]), cancel.token);
        const [socket] = await withDeadline(connected, 'the replay connects to the silent server');
        const closed = once(socket, 'close');
        cancel.cancel();
        await withDeadline(closed, 'the connection is closed after cancelling', 5_000);
        await running;
        const outcomes = await ended;
        assert.notEqual(outcomes.find((o) => o.id === `${uri.toString()}#0`)?.state, 'passed');
      } finally {
        sockets.forEach((s) => s.destroy());
        silent.close();
      }
    },
  },
];
