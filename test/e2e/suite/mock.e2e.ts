// "SMTP: Serve Transcript as Mock Server" in the real VS Code: the example mock transcript served on the port the
// status bar shows, a real client (swaks, run from the test) following it and then deviating from it, the live log,
// the smtp-mock diagnostic on the C: line, and stopping the server from the status bar's quick pick.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import * as vscode from 'vscode';
import type { E2ETest } from '../e2e-runner';
import { describeDiagnostics, diagnosticsWhen, extensionApi, nextEvent, showTranscript, withDeadline, workspaceFile, runSwaks } from './workbench';

const PASSWORD = 'testpass';
const mockDiagnostics = (ds: readonly vscode.Diagnostic[]) => ds.filter((d) => d.source === 'smtp-mock');
const example = () => workspaceFile('examples', 'mock', 'swaks-submission.smtp');
let port: number | undefined;

/** swaks as the example's comment runs it (STARTTLS, AUTH PLAIN), to the given recipient; resolves with its exit code. */
function swaks(to: string): Promise<{ code: number; output: string }> {
  assert.ok(port, 'the mock server did not start');
  const args = ['--server', `127.0.0.1:${port}`, '--tls', '--auth', 'PLAIN', '--auth-user', 'testuser', '--auth-password', PASSWORD];
  args.push('--from', 'a@example.com', '--to', to, '--helo', 'client.test');
  return runSwaks(args);
}

/** The 0-based line of a text in the document. */
async function lineOf(uri: vscode.Uri, text: string): Promise<number> {
  const lines = (await vscode.workspace.openTextDocument(uri)).getText().split('\n');
  const line = lines.indexOf(text);
  assert.ok(line >= 0, `${text} is not a line of ${uri.fsPath}`);
  return line;
}

export const e2eTests: E2ETest[] = [
  {
    name: 'SMTP: Serve Transcript as Mock Server serves the active transcript on the port its status bar item shows',
    run: async () => {
      const api = await extensionApi();
      // `{{$env SMTP_PASSWORD}}` is what the client must send; the harness unsets it, SecretStorage holds it for the mock.
      await api.passwords.set(api.passwords.key({ server: 'mock', user: 'testuser' }, 'SMTP_PASSWORD'), PASSWORD);
      await showTranscript(example());
      const server = await withDeadline(vscode.commands.executeCommand('smtp.serveMock'), 'the mock server starts');
      assert.ok(server, 'the command returned no server (see the error notification)');
      const shown = /^\$\(broadcast\) SMTP mock :(\d+) · 0 connections$/.exec(api.mock.presenter.statusBarText ?? '');
      assert.ok(shown, `the status bar says ${api.mock.presenter.statusBarText}`);
      port = Number(shown[1]);
      assert.equal(api.mock.running?.port, port);
    },
  },
  {
    name: 'a client following the transcript: 1 connection in the status bar, its wire lines and verdict in the SMTP Mock log, no password',
    run: async () => {
      const api = await extensionApi();
      let client: { code: number; output: string } | undefined;
      const played = await nextEvent(api.mock.onDidPlay, () => true, 'the connection has been played', async () => {
        client = await swaks('b@example.com');
      });
      assert.equal(client?.code, 0, client?.output);
      assert.equal(played.status, 'pass', JSON.stringify(played.deviation ?? played.error));
      assert.equal(api.mock.presenter.statusBarText, `$(broadcast) SMTP mock :${port} · 1 connection`);
      const log = api.mock.presenter.log.lines;
      for (const line of ['#1 S: 220 mx.example.com ESMTP', '#1 C: EHLO client.test', '#1 C: STARTTLS', '#1 C: AUTH PLAIN ****', '#1 C: RCPT TO:<b@example.com>', '#1 C: QUIT']) {
        assert.ok(log.includes(line), `the SMTP Mock log lacks "${line}":\n${log.join('\n')}`);
      }
      assert.ok(log.some((l) => /^#1 session 1 passed in \d+ ms, TLS starttls$/.test(l)), log.join('\n'));
      const credentials = Buffer.from(`\0testuser\0${PASSWORD}`).toString('base64');
      assert.ok(!log.some((l) => l.includes(PASSWORD) || l.includes(credentials)), 'the password reached the SMTP Mock log');
      assert.deepEqual(mockDiagnostics(vscode.languages.getDiagnostics(example())), []);
    },
  },
  {
    name: 'a client deviating from the transcript: an smtp-mock diagnostic with expected vs actual on its C: line',
    run: async () => {
      const api = await extensionApi();
      const uri = example();
      let client: { code: number; output: string } | undefined;
      const diagnostics = await diagnosticsWhen(uri, (ds) => mockDiagnostics(ds).length > 0, 'the deviation is shown', async () => {
        client = await swaks('c@example.com');
      });
      assert.notEqual(client?.code, 0, 'swaks passed although the mock refused its recipient');
      assert.match(client?.output ?? '', /554 5\.5\.0 smtp-transcript mock: line \d+ of the transcript expects RCPT TO:<b@example\.com>/);
      const shown = mockDiagnostics(diagnostics);
      assert.equal(shown.length, 1, describeDiagnostics(shown));
      assert.equal(shown[0].range.start.line, await lineOf(uri, 'C: RCPT TO:<b@example.com>'));
      assert.equal(shown[0].severity, vscode.DiagnosticSeverity.Error);
      assert.equal(shown[0].code, 'client-deviated');
      assert.match(shown[0].message, /\nexpected: RCPT TO:<b@example\.com>\nactual: +RCPT TO:<c@example\.com>$/);
      assert.equal(api.mock.presenter.statusBarText, `$(broadcast) SMTP mock :${port} · 2 connections · 1 failed`);
      const log = api.mock.presenter.log.lines;
      const verdict = log.findIndex((l) => /^#2 session 1 failed in \d+ ms, TLS starttls$/.test(l));
      assert.ok(verdict >= 0, log.join('\n'));
      const rcpt = (await lineOf(uri, 'C: RCPT TO:<b@example.com>')) + 1;
      assert.deepEqual(log.slice(verdict + 1, verdict + 4), [
        `      swaks-submission.smtp:${rcpt}: the client sent something other than line ${rcpt}`,
        '      expected: RCPT TO:<b@example.com>',
        '      actual:   RCPT TO:<c@example.com>',
      ]);
    },
  },
  {
    name: "the status bar item's Stop closes the port and clears the mock's status and diagnostics",
    run: async () => {
      const api = await extensionApi();
      assert.equal(mockDiagnostics(vscode.languages.getDiagnostics(example())).length, 1, 'the deviation is no longer shown before stopping');
      const command = api.mock.presenter.statusBarCommand;
      assert.ok(command, 'the status bar item has no command');
      let menu: Thenable<unknown> | undefined;
      await nextEvent(api.mock.presenter.onDidShowMenu, () => true, 'the quick pick shows', async () => {
        menu = vscode.commands.executeCommand(command);
      });
      // "Stop" is the first item, active when the quick pick opens: accepting it is what a click on it does.
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await withDeadline(menu!, 'the quick pick is done');
      assert.equal(api.mock.running, undefined);
      assert.equal(api.mock.presenter.statusBarText, undefined);
      assert.deepEqual(mockDiagnostics(vscode.languages.getDiagnostics(example())), []);
      const refused = await new Promise<string>((resolve) => {
        const socket = connect(port!, '127.0.0.1');
        socket.on('connect', () => (socket.destroy(), resolve('connected')));
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      });
      assert.equal(refused, 'ECONNREFUSED');
    },
  },
  {
    name: "the code lens's command serves one session; an edit clears the deviation it showed; SMTP: Stop Mock Server stops it",
    run: async () => {
      const api = await extensionApi();
      const uri = example();
      // What the language server's "Serve as Mock" lens passes: [uri as a string, session index].
      const server = await withDeadline(vscode.commands.executeCommand<{ port: number }>('smtp.serveMock', uri.toString(), 0), 'the mock server starts');
      assert.ok(server);
      port = server.port;
      assert.equal(api.mock.presenter.statusBarText, `$(broadcast) SMTP mock :${port} · 0 connections`);
      await diagnosticsWhen(uri, (ds) => mockDiagnostics(ds).length === 1, 'the deviation is shown', () => swaks('c@example.com'));
      const editor = await showTranscript(uri);
      await diagnosticsWhen(uri, (ds) => mockDiagnostics(ds).length === 0, 'an edit clears the deviation', () =>
        editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# edited\n')),
      );
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await withDeadline(vscode.commands.executeCommand('smtp.stopMock'), 'the mock server stops');
      assert.equal(api.mock.running, undefined);
      assert.equal(api.mock.presenter.statusBarText, undefined);
    },
  },
];
