// Environments (smtp-environments.json): the status bar shows the active one, its command opens the picker, the
// choice is remembered for the workspace, the language server then knows the environment's variables (no
// variable-undefined, hover names the environment), and replay uses its `"server": "local"`.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReplayResult } from '../../../server/src/replay/replayTypes';
import type { E2ETest } from '../e2e-runner';
import { diagnosticCode, diagnosticsWhen, extensionApi, nextEvent, showTranscript, withDeadline, writeWorkspaceFile, runSwaks } from './workbench';

const DEADLINE_MS = 30_000;

const USES_FROM = [
  '# No @server, no @from: both come from the active environment.',
  'S: 220 *',
  'C: EHLO client.test',
  'S: 250 *',
  'C: MAIL FROM:<{{from}}>',
  'S: 250 *',
  'C: QUIT',
  'S: 221 *',
  '',
].join('\n');

/** The server side of a session whose expected sender comes from the environment. */
const MOCK_USES_FROM = [
  'S: 220 mock.test ESMTP',
  'C: EHLO client.test',
  'S: 250 mock.test',
  'C: MAIL FROM:<{{from}}>',
  'S: 250 2.1.0 Ok',
  'C: QUIT',
  'S: 221 2.0.0 Bye',
  '',
].join('\n');

/** swaks as a sending application: EHLO, MAIL FROM, then QUIT; resolves with its exit code and output. */
function swaksMailFrom(port: number, from: string): Promise<{ code: number; output: string }> {
  const args = ['--server', `127.0.0.1:${port}`, '--helo', 'client.test', '--from', from, '--to', 'b@example.com', '--quit-after', 'MAIL'];
  return runSwaks(args);
}

/** Runs the status bar item's command and accepts the picker's first item (the file's first environment). */
async function chooseFirstEnvironment(command: string): Promise<void> {
  let settled = false;
  const choice = Promise.resolve(vscode.commands.executeCommand(command)).then(() => (settled = true));
  const deadline = Date.now() + DEADLINE_MS;
  while (!settled && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (settled) break;
    // The quick pick has no API to ask whether it is open: accepting when none is open does nothing.
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  await withDeadline(choice, 'the environment picker is answered', 1000);
}

const isUndefinedFrom = (d: vscode.Diagnostic) => diagnosticCode(d) === 'variable-undefined' && d.range.start.line === 4;

export const e2eTests: E2ETest[] = [
  {
    name: 'Environments: chosen from the status bar; lint, hover and replay use the active environment',
    run: async () => {
      const api = await extensionApi();
      await api.environment.set(undefined);
      assert.equal(api.environment.statusText, '$(symbol-variable) SMTP env: none');
      const envFile = await writeWorkspaceFile(
        'smtp-environments.json',
        JSON.stringify({ $shared: { from: 'sender@client.test' }, local: { server: 'local' }, unreachable: { server: '127.0.0.1', port: '9' } }, null, 2),
      );
      try {
        const file = await writeWorkspaceFile('uses-env.smtp', USES_FROM);
        await diagnosticsWhen(file, (all) => all.some(isUndefinedFrom), 'variable-undefined for {{from}} without an environment', () => showTranscript(file));

        // The status bar item's own command, as a click runs it.
        const command = await vscode.commands.getCommands(true).then((all) => all.find((c) => c === 'smtp.chooseEnvironment'));
        assert.equal(command, 'smtp.chooseEnvironment');
        await diagnosticsWhen(file, (all) => !all.some(isUndefinedFrom), 'no variable-undefined once the environment defines {{from}}', () => chooseFirstEnvironment(command));
        assert.equal(api.environment.name, 'local');
        assert.equal(api.environment.statusText, '$(symbol-variable) SMTP env: local');

        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', file, new vscode.Position(4, 17));
        const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
        assert.equal(text, '**from** = `sender@client.test`\n\nDefined from environment `local` (smtp-environments.json).');

        // The environment names the built-in server: no picker, whatever the workspace's target is.
        await api.target.set('127.0.0.1:9');
        const result = await withDeadline(vscode.commands.executeCommand<ReplayResult | undefined>('smtp.replay', file), 'the replay finishes without a picker', DEADLINE_MS);
        assert.equal(result?.status, 'pass', JSON.stringify(result?.sessions[0]?.error));
      } finally {
        await api.target.set('local');
        await api.environment.set(undefined);
        await vscode.workspace.fs.delete(envFile);
      }
    },
  },
  {
    name: 'Environments: the mock server plays a transcript with the active environment\'s variables, and refuses without them',
    run: async () => {
      const api = await extensionApi();
      const envFile = await writeWorkspaceFile('smtp-environments.json', JSON.stringify({ local: { from: 'sender@client.test' } }));
      const file = await writeWorkspaceFile('mock-uses-env.smtp', MOCK_USES_FROM);
      try {
        await api.environment.set(undefined);
        await showTranscript(file);
        // Without the environment {{from}} is undefined: nothing is served.
        await assert.rejects(Promise.resolve(api.mock.start(await vscode.workspace.openTextDocument(file))), /cannot be served as it is/);
        assert.equal(api.mock.running, undefined);

        await api.environment.set('local');
        const server = await withDeadline(Promise.resolve(api.mock.start(await vscode.workspace.openTextDocument(file))), 'the mock server starts', DEADLINE_MS);
        assert.ok(server, 'the mock did not start');
        let client: { code: number; output: string } | undefined;
        const played = await nextEvent(api.mock.onDidPlay, () => true, 'the connection has been played', async () => {
          client = await swaksMailFrom(server.port, 'sender@client.test');
        });
        assert.equal(client?.code, 0, client?.output);
        assert.equal(played.status, 'pass', JSON.stringify(played.deviation ?? played.error));
      } finally {
        await api.mock.stop();
        await api.environment.set(undefined);
        await vscode.workspace.fs.delete(envFile);
      }
    },
  },
];
