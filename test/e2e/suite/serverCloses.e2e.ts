// A server that closes where it should not, in the real VS Code: the editor's mock plays one to swaks (closing in
// place of the reply to the final `.`) and to the editor's own replay (its 421 inside a BDAT chunk, then the close),
// and replay reports those closes as the transcript expects them: passed, no smtp-replay diagnostic.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ResultViewModel } from '../../../client/src/results/resultViewModel';
import type { ReplayResult } from '../../../server/src/replay/replayTypes';
import type { E2ETest } from '../e2e-runner';
import { describeDiagnostics, extensionApi, nextEvent, removeWorkspaceFiles, runSwaks, showTranscript, withDeadline, writeWorkspaceFile } from './workbench';

const ENVELOPE = ['S: 220 mx.example.com ESMTP', 'C: EHLO client.test', 'S: 250-mx.example.com', 'S: 250 CHUNKING', 'C: MAIL FROM:<a@example.com>', 'S: 250 2.1.0 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 2.1.5 Ok'];
/** The server reads the whole message, `.` included, and closes instead of replying. */
const CLOSES_AT_DOT = ['# A server that drops the connection instead of answering the message.', ...ENVELOPE, 'C: DATA', 'S: 354 go ahead', 'C: {{$any-lines}}', 'S: <closed>', ''];
/** The server reads 26 of the 100 octets the chunk declares, then times the client out. */
const NOTICE_IN_CHUNK = [...ENVELOPE, 'C: BDAT 100 LAST', 'C: Subject: x', 'C:', 'C: first line', 'S: 421 4.4.2 mx.example.com Error: timeout exceeded', 'S: <closed>', ''];
const FILES = ['closes-at-dot.smtp', 'closes-at-dot-replay.smtp', 'notice-in-chunk.smtp', 'notice-in-chunk-replay.smtp'];

const aimedAt = (port: number, lines: readonly string[]) => ['@server = 127.0.0.1', `@port = ${port}`, '@tls = none', ...lines].join('\n');

async function serveMock(uri: vscode.Uri): Promise<number> {
  await showTranscript(uri);
  const server = await withDeadline(vscode.commands.executeCommand<{ port: number } | undefined>('smtp.serveMock'), 'the mock server starts');
  assert.ok(server, 'the command returned no server (see the error notification)');
  return server.port;
}

async function replay(uri: vscode.Uri): Promise<ReplayResult> {
  await showTranscript(uri);
  const result = await withDeadline(vscode.commands.executeCommand<ReplayResult | undefined>('smtp.replay', uri), 'the replay finishes', 30_000);
  assert.ok(result, 'the replay returned no result');
  return result;
}

const replayDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'smtp-replay');

export const e2eTests: E2ETest[] = [
  {
    name: 'the mock closing in place of the reply to `.`: swaks sees the close, the mock passes, and replay of the same dialogue passes',
    run: async () => {
      const api = await extensionApi();
      const port = await serveMock(await writeWorkspaceFile(FILES[0], CLOSES_AT_DOT.join('\n')));
      let swaks: { code: number; output: string } | undefined;
      const played = await nextEvent(api.mock.onDidPlay, () => true, 'swaks has been played', async () => {
        swaks = await runSwaks(['--server', `127.0.0.1:${port}`, '--from', 'a@example.com', '--to', 'b@example.com', '--helo', 'client.test']);
      });
      assert.notEqual(swaks?.code, 0, 'swaks says it delivered a message the server never accepted');
      assert.match(swaks?.output ?? '', /\*\*\* Remote host closed connection unexpectedly\./);
      assert.equal(played.status, 'pass', JSON.stringify(played.deviation ?? played.error));

      const sent = ['C: DATA', 'S: 354 go ahead', 'C: Subject: closed', 'C:', 'C: hello', 'C: .', 'S: <closed>', ''];
      const replayed = await writeWorkspaceFile(FILES[1], aimedAt(port, [...ENVELOPE, ...sent]));
      const result = await replay(replayed);
      assert.equal(result.status, 'pass', JSON.stringify(result.sessions.map((s) => s.error ?? s.exchanges.filter((e) => e.status !== 'pass'))));
      const message = result.sessions[0].exchanges.find((e) => e.kind === 'message');
      assert.deepEqual([message?.status, message?.actual, message?.message], ['pass', ['<closed>'], 'the server closed the connection without a reply, as the transcript expects (no reply written, then S: <closed>)']);
      assert.deepEqual(replayDiagnostics(replayed), [], describeDiagnostics(replayDiagnostics(replayed)));
      assert.match(api.presenter.statusBarText ?? '', /^\$\(pass\) SMTP: closes-at-dot-replay\.smtp (\d+)\/\1 passed$/);
      await withDeadline(vscode.commands.executeCommand('smtp.stopMock'), 'the mock server stops');
    },
  },
  {
    name: "the mock's own 421 inside a BDAT chunk short of its size: the editor's replay of the same file passes, the notice and the close on their lines",
    run: async () => {
      const api = await extensionApi();
      const port = await serveMock(await writeWorkspaceFile(FILES[2], NOTICE_IN_CHUNK.join('\n')));
      const replayed = await writeWorkspaceFile(FILES[3], aimedAt(port, NOTICE_IN_CHUNK));
      const played = nextEvent(api.mock.onDidPlay, () => true, 'the replay has been played', async () => undefined);
      const result = await replay(replayed);
      assert.equal((await played).status, 'pass');
      assert.equal(result.status, 'pass', JSON.stringify(result.sessions.map((s) => s.error ?? s.exchanges.filter((e) => e.status !== 'pass'))));
      const exchanges = result.sessions[0].exchanges;
      // Lines are 0-based: the three directives come first.
      assert.deepEqual(
        exchanges.slice(-3).map((e) => [e.kind, e.line, e.status]),
        [
          ['bdat', 11, 'pass'],
          ['notice', 15, 'pass'],
          ['close', 16, 'pass'],
        ],
      );
      assert.match(exchanges.at(-3)?.message ?? '', /^sent 26 of the 100 octets the chunk declares, the transcript expects the server to close the connection here/);
      assert.deepEqual(replayDiagnostics(replayed), [], describeDiagnostics(replayDiagnostics(replayed)));
      // The result view (opened by its command: a passing replay does not open it) shows that note under the chunk's row.
      const view = await vscode.commands.executeCommand<ResultViewModel | undefined>('smtp.showResultView');
      const chunkRow = view?.sessions[0].exchanges.find((row) => row.line === 12);
      assert.match(chunkRow?.notes?.join('\n') ?? '', /^sent 26 of the 100 octets the chunk declares/, JSON.stringify(view?.sessions[0].exchanges));
      await withDeadline(vscode.commands.executeCommand('smtp.stopMock'), 'the mock server stops');
      await removeWorkspaceFiles(...FILES);
    },
  },
];
