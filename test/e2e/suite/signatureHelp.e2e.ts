// Signature help in the real VS Code: typing a built-in's arguments (`{{$plain user `) opens the parameter hints with
// the argument being written marked, as a user sees them, and closing the reference closes them.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { E2ETest } from '../e2e-runner';
import { performOnPage } from '../screenshot-requests';
import { closeAllEditors, removeWorkspaceFiles, showTranscript, writeWorkspaceFile } from './workbench';

const HINTS = '.monaco-editor .parameter-hints-widget.visible';

export const e2eTests: E2ETest[] = [
  {
    name: "signature help: typing a built-in's arguments shows its signature, the argument being written marked; }} closes it",
    run: async () => {
      const lines = ['S: 220 mx.test ESMTP', 'C: EHLO client.test', 'S: 250-mx.test', 'S: 250 AUTH PLAIN', 'C: AUTH PLAIN ', 'S: 235 2.7.0 ok', ''];
      const uri = await writeWorkspaceFile('signature.smtp', lines.join('\n'));
      try {
        const editor = await showTranscript(uri);
        const end = new vscode.Position(4, lines[4].length);
        const help = await vscode.commands.executeCommand<vscode.SignatureHelp>('vscode.executeSignatureHelpProvider', uri, end, ' ');
        assert.equal(help, undefined, 'no signature outside a reference');
        editor.selection = new vscode.Selection(end, end);
        // Typed on the page, as a user types: the blank after the name, then after the first argument, asks for help.
        await performOnPage("typing {{$plain's first argument", [
          // The cursor set above reaches the page a moment later: typed before, the text would go elsewhere.
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
        // The reference closed (VS Code may have closed the braces itself as they were typed): no signature there.
        await performOnPage('closing the reference', [{ type: 'secret' }, { press: 'End' }, { waitHidden: HINTS }]);
        const closed = editor.document.lineAt(4).text;
        assert.match(closed, /\}\}$/, `the line as typed: ${closed}`);
      } finally {
        await closeAllEditors();
        await removeWorkspaceFiles('signature.smtp');
      }
    },
  },
];
