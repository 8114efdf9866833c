// "SMTP: New Transcript from swaks/smtplib/curl Output...": with nothing selected and nothing readable on the clipboard
// it opens a paste box (no clipboard error); run again in the paste box, it imports what was pasted there.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PASTE_BOX_HINT } from '../../../client/src/importCommand';
import type { E2ETest } from '../e2e-runner';
import { closeAllEditors, extensionApi, withDeadline } from './workbench';

const SWAKS_OUTPUT = [
  '=== Trying 127.0.0.1:2525...',
  '=== Connected to 127.0.0.1.',
  '<-  220 mail.example.com ESMTP Postfix',
  ' -> EHLO client.test',
  '<-  250-mail.example.com',
  '<-  250 8BITMIME',
  ' -> QUIT',
  '<-  221 2.0.0 Bye',
  '=== Connection closed with remote host.',
  '',
].join('\n');

const IMPORTED = [
  '# Imported from swaks output.',
  '@server = 127.0.0.1',
  '@port = 2525',
  '',
  'S: 220 mail.example.com ESMTP Postfix',
  'C: EHLO client.test',
  'S: 250-mail.example.com',
  'S: 250 8BITMIME',
  'C: QUIT',
  'S: 221 2.0.0 Bye',
  'S: <closed>',
];

export const e2eTests: E2ETest[] = [
  {
    name: 'Import: with nothing selected and an empty clipboard the command opens a paste box, then imports what is pasted there',
    run: async () => {
      await extensionApi();
      await closeAllEditors();
      // The browser may refuse the clipboard altogether (the case this covers); an empty one takes the same path.
      await Promise.resolve(vscode.env.clipboard.writeText('')).catch(() => undefined);
      const none = await withDeadline(vscode.commands.executeCommand<vscode.TextDocument | undefined>('smtp.importTranscript'), 'the import command finishes');
      assert.equal(none, undefined);
      const box = vscode.window.activeTextEditor;
      assert.ok(box, 'no paste box was opened');
      assert.equal(box.document.lineAt(0).text, PASTE_BOX_HINT);
      assert.equal(box.selection.active.line, 1);
      await box.edit((edit) => edit.insert(new vscode.Position(1, 0), SWAKS_OUTPUT));
      const imported = await withDeadline(vscode.commands.executeCommand<vscode.TextDocument | undefined>('smtp.importTranscript'), 'the second import finishes');
      assert.ok(imported, 'nothing was imported from the paste box');
      assert.equal(imported.languageId, 'smtp');
      assert.deepEqual(imported.getText().replace(/\n$/, '').split('\n'), IMPORTED);
      await closeAllEditors();
    },
  },
];
