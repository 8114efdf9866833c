// A transcript shown from another scheme than a file (a git: version, a diff's read-only side) is linted, but no code
// lens offers a replay there and Replay and Update Expectations refuse in one notification, connecting to nothing.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import * as vscode from 'vscode';
import type { E2ETest } from '../e2e-runner';
import { closeAllEditors, diagnosticCode, diagnosticsWhen, extensionApi, soleNotification, withDeadline } from './workbench';

const SCHEME = 'e2e-readonly';
let listener: Server | undefined;
let connections = 0;

/** Points at a loopback listener of the test, and expects 251 where any server says 250 (a lint warning). */
const transcript = (port: number): string =>
  ['@server = 127.0.0.1', `@port = ${port}`, '', 'S: 220 *', 'C: EHLO client.test', 'S: 250 *', 'C: MAIL FROM:<a@client.test>', 'S: 251 *', 'C: QUIT', 'S: 221 *', ''].join('\n');

export const e2eTests: E2ETest[] = [
  {
    name: 'a read-only view of a transcript (not a file) is linted, without code lenses; Replay and Update Expectations refuse and connect to nothing',
    run: async () => {
      await extensionApi();
      listener = createServer((socket) => {
        connections++;
        socket.destroy();
      }).listen(0, '127.0.0.1');
      await once(listener, 'listening');
      const port = (listener.address() as { port: number }).port;
      const text = transcript(port);
      const provider = vscode.workspace.registerTextDocumentContentProvider(SCHEME, { provideTextDocumentContent: () => text });
      const uri = vscode.Uri.parse(`${SCHEME}:/old/version.smtp`);
      try {
        const document = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(document);
        assert.equal(document.languageId, 'smtp');
        const lint = await diagnosticsWhen(uri, (ds) => ds.length > 0, 'the view is linted');
        assert.deepEqual(lint.map((d) => [diagnosticCode(d), d.range.start.line]), [['reply-not-for-command', 7]]);
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
        assert.deepEqual(lenses.map((l) => l.command?.title), []);
        const refusal = `version.smtp is a read-only view (${SCHEME}:), not a file: open the file itself to replay it.`;
        const replayed = await soleNotification(refusal, () => vscode.commands.executeCommand('smtp.replay', uri.toString()));
        assert.equal(replayed, undefined);
        const updated = await soleNotification(refusal, () =>
          withDeadline(vscode.commands.executeCommand('smtp.updateExpectations', uri.toString(), 0, { confirm: false }), 'Update Expectations finishes'),
        );
        assert.equal(updated, undefined);
        assert.equal(document.getText(), text);
        assert.equal(connections, 0, 'something connected to the listener the view names');
      } finally {
        provider.dispose();
        listener.close();
        await closeAllEditors();
      }
    },
  },
];
