// An untitled document switched to the SMTP language: linted, replayed; its relative includes start at the first
// workspace folder (it has no folder of its own), never at the extension host's working directory.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ReplayResult } from '../../../server/src/replay/replayTypes';
import type { E2ETest } from '../e2e-runner';
import { closeAllEditors, extensionApi, openUntitled, removeWorkspaceFiles, withDeadline, writeWorkspaceFile } from './workbench';

const BODY = 'Subject: from the workspace folder\r\n\r\nhello\r\n';

export const e2eTests: E2ETest[] = [
  {
    name: "an untitled transcript's Show Expected vs Actual shows the actual side as SMTP, and Update Expectations rewrites it",
    run: async () => {
      const api = await extensionApi();
      const server = await api.localServer.start();
      const content = ['@server = 127.0.0.1', `@port = ${server.port}`, '', 'S: 220 *', 'C: EHLO client.test', 'S: 250 *', 'C: MAIL FROM:<sender@client.test>', 'S: 251 *', 'C: QUIT', 'S: 221 *', ''].join('\n');
      const document = await openUntitled('expected-vs-actual', content);
      await vscode.window.showTextDocument(document);
      try {
        const result = await withDeadline(vscode.commands.executeCommand<ReplayResult | undefined>('smtp.replay', document.uri), 'the replay finishes', 30_000);
        assert.equal(result?.status, 'fail');
        const actual = await withDeadline(vscode.commands.executeCommand<vscode.TextDocument>('smtp.showActualTranscript', document.uri), 'the diff opens');
        assert.deepEqual([actual.uri.scheme, actual.languageId], ['smtp-actual', 'smtp']);
        const outcome = await withDeadline(vscode.commands.executeCommand('smtp.updateExpectations', document.uri, undefined, { confirm: false }), 'the update finishes', 30_000);
        assert.equal(outcome, 'applied');
        assert.equal(document.getText(), content.replace('S: 251 *', 'S: 250 2.1.0 Accepted'));
      } finally {
        await closeAllEditors();
      }
    },
  },
  {
    name: 'an untitled transcript replays with its relative include read from the first workspace folder',
    run: async () => {
      const api = await extensionApi();
      const server = await api.localServer.start();
      await writeWorkspaceFile('untitled-body.eml', BODY);
      try {
        const content = [
          '@server = 127.0.0.1',
          `@port = ${server.port}`,
          '',
          'S: 220 *',
          'C: EHLO client.test',
          'S: 250 *',
          'C: MAIL FROM:<sender@client.test>',
          'S: 250 *',
          'C: RCPT TO:<alice@example.com>',
          'S: 250 *',
          'C: DATA',
          'S: 354 *',
          '< untitled-body.eml',
          'C: .',
          'S: 250 *',
          'C: QUIT',
          'S: 221 *',
          '',
        ].join('\n');
        const document = await openUntitled('relative-include', content);
        await vscode.window.showTextDocument(document);
        assert.equal(document.uri.scheme, 'untitled');
        assert.equal(document.getText(), content, 'the untitled document opened holds the text given');
        const received = server.received;
        const result = await withDeadline(vscode.commands.executeCommand<ReplayResult | undefined>('smtp.replay', document.uri), 'the replay finishes', 30_000);
        const failures = result?.sessions.flatMap((s) => [...s.exchanges.filter((e) => e.status !== 'pass').map((e) => e.message), ...(s.error ? [s.error.message] : [])]);
        assert.deepEqual([result?.status, failures], ['pass', []]);
        assert.equal(server.received, received + 1);
        const stored = server.messages.at(-1);
        assert.ok(stored);
        assert.match(readFileSync(stored.file, 'utf8'), /^Subject: from the workspace folder\r\n\r\nhello\r\n/m);
      } finally {
        await removeWorkspaceFiles('untitled-body.eml');
      }
    },
  },
];
