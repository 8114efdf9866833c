// Typing references in the real VS Code, key by key on the page: `{{name}}` comes out as typed (VS Code closes each
// `{` and steps over the `}` typed after the name), and a built-in's arguments (`{{$plain user `) open the parameter
// hints with the argument being written marked; leaving the reference closes them.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitUntil, type E2ETest } from '../e2e-runner';
import { performOnPage } from '../screenshot-requests';
import { closeAllEditors, removeWorkspaceFiles, showTranscript, writeWorkspaceFile } from './workbench';

const HINTS = '.monaco-editor .parameter-hints-widget.visible';

export const e2eTests: E2ETest[] = [
  {
    name: 'typing references: `{{name}}` and nested ones come out as typed, with no `}}` left over',
    run: async () => {
      const lines = ['S: 220 mx.test ESMTP', 'C: EHLO ', 'C: AUTH PLAIN ', ''];
      const uri = await writeWorkspaceFile('braces.smtp', lines.join('\n'));
      try {
        const editor = await showTranscript(uri);
        editor.selection = new vscode.Selection(1, 8, 1, 8);
        // The cursor set above reaches the page a moment later: typed before, the text would go elsewhere.
        await performOnPage('typing {{user}}', [{ waitFor: '.statusbar-item:has-text("Ln 2, Col 9")' }, { type: '{{user}}' }, { press: 'Escape' }]);
        editor.selection = new vscode.Selection(2, 14, 2, 14);
        await performOnPage('typing nested references', [{ waitFor: '.statusbar-item:has-text("Ln 3, Col 15")' }, { type: '{{$plain {{user}} {{pass}}}}' }, { press: 'Escape' }]);
        // What the page typed reaches the extension host's document a moment later.
        const typed = (): string[] => [editor.document.lineAt(1).text, editor.document.lineAt(2).text];
        const expected = ['C: EHLO {{user}}', 'C: AUTH PLAIN {{$plain {{user}} {{pass}}}}'];
        await waitUntil('the lines read as typed', () => typed().join('\n') === expected.join('\n'), 5000).catch(() => undefined);
        assert.deepEqual(typed(), expected);
      } finally {
        await closeAllEditors();
        await removeWorkspaceFiles('braces.smtp');
      }
    },
  },
  {
    name: 'typing references: a variable and a built-in chosen from completion inside the closed braces, tab stops and all',
    run: async () => {
      const lines = ['@user = me', 'S: 220 mx.test ESMTP', 'C: EHLO ', 'C: AUTH PLAIN ', ''];
      const uri = await writeWorkspaceFile('completed.smtp', lines.join('\n'));
      try {
        const editor = await showTranscript(uri);
        editor.selection = new vscode.Selection(2, 8, 2, 8);
        // `{{` is closed as it is typed: completion sees `}}` after the cursor and inserts the name alone.
        await performOnPage('completing {{us', [
          { waitFor: '.statusbar-item:has-text("Ln 3, Col 9")' },
          { type: '{{us' },
          { waitFor: '.suggest-widget.visible .monaco-list-row:has-text("user")' },
          { press: 'Enter' },
        ]);
        editor.selection = new vscode.Selection(3, 14, 3, 14);
        await performOnPage('completing {{$pla and filling its tab stops', [
          { waitFor: '.statusbar-item:has-text("Ln 4, Col 15")' },
          { type: '{{$pla' },
          { waitFor: '.suggest-widget.visible .monaco-list-row:has-text("$plain")' },
          { press: 'Enter' },
          { type: 'bob' },
          { press: 'Tab' },
          { type: 'pw' },
          { press: 'Tab' },
        ]);
        const typed = (): string[] => [editor.document.lineAt(2).text, editor.document.lineAt(3).text];
        const expected = ['C: EHLO {{user}}', 'C: AUTH PLAIN {{$plain bob pw}}'];
        await waitUntil('the lines read as completed', () => typed().join('\n') === expected.join('\n'), 5000).catch(() => undefined);
        assert.deepEqual(typed(), expected);
      } finally {
        await closeAllEditors();
        await removeWorkspaceFiles('completed.smtp');
      }
    },
  },
  {
    name: "signature help: typing a built-in's arguments shows its signature, the argument being written marked; leaving the reference closes it",
    run: async () => {
      const lines = ['S: 220 mx.test ESMTP', 'C: EHLO client.test', 'S: 250-mx.test', 'S: 250 AUTH PLAIN', 'C: AUTH PLAIN ', 'S: 235 2.7.0 ok', ''];
      const uri = await writeWorkspaceFile('signature.smtp', lines.join('\n'));
      try {
        const editor = await showTranscript(uri);
        const end = new vscode.Position(4, lines[4].length);
        const help = await vscode.commands.executeCommand<vscode.SignatureHelp>('vscode.executeSignatureHelpProvider', uri, end, ' ');
        assert.equal(help, undefined, 'no signature outside a reference');
        editor.selection = new vscode.Selection(end, end);
        // The blank after the name, then after the first argument, asks for help.
        await performOnPage("typing {{$plain's first argument", [
          { waitFor: `.statusbar-item:has-text("Ln 5, Col ${end.character + 1}")` },
          { type: '{{$plain me@client.test ' },
          { waitFor: `${HINTS} .parameter.active:has-text("password")` },
        ]);
        const typed = editor.document.lineAt(4).text;
        assert.match(typed, /^C: AUTH PLAIN \{\{\$plain me@client\.test /);
        const at = new vscode.Position(4, 'C: AUTH PLAIN {{$plain me@client.test '.length);
        const shown = await vscode.commands.executeCommand<vscode.SignatureHelp>('vscode.executeSignatureHelpProvider', uri, at);
        assert.equal(shown.signatures[0].label, '{{$plain user password}}');
        assert.equal(shown.activeParameter, 1);
        assert.match(String((shown.signatures[0].documentation as vscode.MarkdownString).value), /RFC 4616/);
        // Past the `}}` VS Code closed the reference with: no signature there.
        await performOnPage('leaving the reference', [{ type: 'secret' }, { press: 'End' }, { waitHidden: HINTS }]);
        const closed = 'C: AUTH PLAIN {{$plain me@client.test secret}}';
        await waitUntil('the line reads as typed', () => editor.document.lineAt(4).text === closed, 5000).catch(() => undefined);
        assert.equal(editor.document.lineAt(4).text, closed);
      } finally {
        await closeAllEditors();
        await removeWorkspaceFiles('signature.smtp');
      }
    },
  },
];
