// "SMTP: Set Password..." and "SMTP: Clear Stored Passwords" as a user runs them: the input boxes answered on the
// page, the password then used by a replay against the local test server (its AUTH accepts only what was typed),
// cleared again (the next replay asks for it), and never shown in an output channel, the result view or the settings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ReplayResult } from '../../../server/src/replay/replayTypes';
import type { E2ETest } from '../e2e-runner';
import { answerInputBox, closeAllEditors, extensionApi, showTranscript, withDeadline, workspaceFile } from './workbench';

/** Not the local server's default (testpass): AUTH succeeds only if both sides got it from Set Password. */
const SECRET = 'e2e-Set-Pw-41';
const REPLAY_DEADLINE_MS = 60_000;

/** Every place a secret could show: plain, base64 alone (AUTH LOGIN) and in AUTH PLAIN's payload. */
const SECRET_FORMS = [
  SECRET,
  Buffer.from(SECRET).toString('base64').replace(/=+$/, ''),
  Buffer.from(`\0testuser\0${SECRET}`).toString('base64').replace(/=+$/, ''),
];

const example = () => workspaceFile('examples', 'starttls-auth.smtp');

function replay(uri: vscode.Uri): Promise<ReplayResult | undefined> {
  return withDeadline(vscode.commands.executeCommand<ReplayResult | undefined>('smtp.replay', uri), 'the replay finishes', REPLAY_DEADLINE_MS);
}

const sessionStates = (result: ReplayResult | undefined) => result?.sessions.map((s) => [s.index, s.status, s.error?.message]);

export const e2eTests: E2ETest[] = [
  {
    name: 'Set Password... for "local": the boxes answered on the page; a replay against the local server then authenticates with it',
    run: async () => {
      const api = await extensionApi();
      await closeAllEditors();
      // The local server takes its password when it starts: stop it so that the replay starts it anew.
      await vscode.commands.executeCommand('smtp.stopLocalServer');
      await api.target.set('local');

      const setting = Promise.resolve(vscode.commands.executeCommand('smtp.setPassword'));
      await answerInputBox('Set Password (1/3): server', 'local');
      await answerInputBox('Set Password (2/3): user', 'testuser');
      await answerInputBox('Set Password (3/3): variable', 'SMTP_PASSWORD');
      await answerInputBox('Password for testuser on local', SECRET);
      await withDeadline(setting, 'Set Password finishes');
      assert.equal(await api.passwords.get(api.passwords.key({ server: 'local', user: 'testuser' }, 'SMTP_PASSWORD')), SECRET);

      // examples/starttls-auth.smtp: no @server (the workspace's target, local), @user testuser,
      // @password {{$env SMTP_PASSWORD}} (unset in VS Code's environment): AUTH PLAIN, then AUTH LOGIN.
      await showTranscript(example());
      const result = await replay(example());
      assert.deepEqual(sessionStates(result), [[0, 'pass', undefined], [1, 'pass', undefined]]);
      assert.equal(api.localServer.summary.endsWith('AUTH as "testuser" with the password stored for "local"; recipients at reject.test get 550.'), true, api.localServer.summary);
    },
  },
  {
    name: 'the password set with Set Password... is in no output channel, result view, recorded session or settings file',
    run: async () => {
      const api = await extensionApi();
      const lines = [...api.log.lines, ...api.localServerLog.lines];
      assert.ok(lines.some((l) => l.includes('AUTH PLAIN')) && lines.some((l) => l.includes('AUTH LOGIN')), 'the log shows no AUTH exchange to check');
      const runs = api.results.history.of(example().toString());
      assert.ok(runs.length > 0, 'the replay is not in the result history');
      const places: Array<[string, string]> = [
        ['an output channel', lines.join('\n')],
        ['the result history', JSON.stringify(runs)],
        ['a recorded session', api.localServer.recordedSessions.map((file) => readFileSync(file, 'utf8')).join('\n')],
        ['the workspace settings', readFileSync(workspaceFile('.vscode', 'settings.json').fsPath, 'utf8')],
        ['the settings VS Code reads', JSON.stringify(vscode.workspace.getConfiguration('smtp'))],
      ];
      for (const [place, text] of places) {
        for (const form of SECRET_FORMS) assert.equal(text.includes(form), false, `"${form}" is in ${place}`);
      }
    },
  },
  {
    name: 'Clear Stored Passwords: nothing stored afterwards, and the next replay asks for the password in an input box',
    run: async () => {
      const api = await extensionApi();
      const clientKey = api.passwords.key({ server: 'local', user: 'testuser' }, 'SMTP_PASSWORD');
      await withDeadline(vscode.commands.executeCommand('smtp.clearPasswords'), 'Clear Stored Passwords finishes');
      assert.equal(await api.passwords.get(clientKey), undefined);
      assert.equal(await api.passwords.get(api.passwords.key({ server: 'local', user: '' }, 'password')), undefined);

      // The running local server still has the password it started with; the replay must ask for the client's.
      const replaying = replay(example());
      await answerInputBox('Password for testuser on local', SECRET);
      assert.deepEqual(sessionStates(await replaying), [[0, 'pass', undefined], [1, 'pass', undefined]]);
      // Asked for once: kept again, until cleared.
      assert.equal(await api.passwords.get(clientKey), SECRET);
      await vscode.commands.executeCommand('smtp.clearPasswords');
      assert.equal(await api.passwords.get(clientKey), undefined);
      // Later tests start the local server with its default password.
      await vscode.commands.executeCommand('smtp.stopLocalServer');
      await closeAllEditors();
    },
  },
];
