// The workspace's replay target: with no @server and no smtp.replay.server the picker appears once, its choice is
// remembered for the workspace and shown in the status bar, later replays go there without asking, and a target
// that refuses the connection is forgotten (neither current nor recent).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReplayResult } from '../../../server/src/replay/replayTypes';
import type { E2ETest } from '../e2e-runner';
import { extensionApi, showTranscript, withDeadline, writeWorkspaceFile } from './workbench';

const DEADLINE_MS = 30_000;

const NO_SERVER = [
  '# No @server: replayed against the workspace\'s current target.',
  'S: 220 *',
  'C: EHLO client.test',
  'S: 250 *',
  'C: QUIT',
  'S: 221 *',
  '',
].join('\n');

/** Runs `smtp.replay` and answers the picker (its first item, the local test server) whenever one is open. */
async function replayAnsweringPicker(uri: vscode.Uri): Promise<{ result: ReplayResult | undefined; answered: number }> {
  let settled = false;
  const replay = vscode.commands.executeCommand<ReplayResult | undefined>('smtp.replay', uri).then((r) => {
    settled = true;
    return r;
  });
  let answered = 0;
  const deadline = Date.now() + DEADLINE_MS;
  while (!settled && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (settled) break;
    // The quick pick has no API to ask whether it is open: accepting when none is open does nothing.
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    answered++;
  }
  return { result: await withDeadline(replay, 'the replay finishes', 1000), answered };
}

export const e2eTests: E2ETest[] = [
  {
    name: 'Replay target: the picker appears once, its choice is remembered for the workspace and shown in the status bar',
    run: async () => {
      const api = await extensionApi();
      assert.equal(vscode.workspace.getConfiguration('smtp.replay').get('server'), '', 'smtp.replay.server must be unset for this test');
      await api.target.set(undefined);
      assert.equal(api.target.statusText, '$(server) SMTP target: choose');
      const file = await writeWorkspaceFile('no-server.smtp', NO_SERVER);
      await showTranscript(file);
      const first = await replayAnsweringPicker(file);
      assert.equal(first.result?.status, 'pass', JSON.stringify(first.result?.sessions[0]?.error));
      assert.ok(first.answered >= 1, 'the replay finished without the picker being answered');
      assert.equal(api.target.text, 'local');
      assert.equal(api.target.statusText, '$(server) SMTP: local test server');
      // The second replay must not ask: a picker left open would keep it from finishing before the deadline.
      const second = await withDeadline(vscode.commands.executeCommand<ReplayResult | undefined>('smtp.replay', file), 'the second replay finishes without a picker', DEADLINE_MS);
      assert.equal(second?.status, 'pass');
    },
  },
  {
    name: 'Replay target: a target that refuses the connection is forgotten, and the next replay asks again',
    run: async () => {
      const api = await extensionApi();
      // Port 9 (discard) on loopback: nothing listens there, the connection is refused at once.
      await api.target.set('127.0.0.1:9');
      const file = await writeWorkspaceFile('no-server.smtp', NO_SERVER);
      const result = await withDeadline(vscode.commands.executeCommand<ReplayResult | undefined>('smtp.replay', file), 'the replay finishes', DEADLINE_MS);
      assert.equal(result?.status, 'error');
      assert.equal(result?.sessions[0]?.error?.kind, 'connect-refused');
      assert.equal(api.target.text, undefined);
      assert.equal(api.target.statusText, '$(server) SMTP target: choose');
      await api.target.set('local');
    },
  },
];
