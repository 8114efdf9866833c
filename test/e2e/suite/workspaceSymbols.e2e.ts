// Go to Symbol in Workspace in the real VS Code: the named sessions of the workspace's transcripts, from files not
// open in any editor, found by typing part of a session's name after `#` in Quick Open, as a user does.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitUntil, type E2ETest } from '../e2e-runner';
import { performOnPage } from '../screenshot-requests';
import { closeAllEditors, quickInputClosed, removeWorkspaceFiles, writeWorkspaceFile } from './workbench';

const SESSION = ['S: 220 mx.test ESMTP', 'C: QUIT', 'S: 221 bye'];

export const e2eTests: E2ETest[] = [
  {
    name: 'workspace symbols: a session of a file no editor has open, by part of its name; Quick Open `#` goes to its line',
    run: async () => {
      await closeAllEditors();
      const lines = ['### symbols probe: greeting only', ...SESSION, '', '### symbols probe: bounce after DATA', ...SESSION, ''];
      const uri = await writeWorkspaceFile('symbols-probe.smtp', lines.join('\n'));
      try {
        const found = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'probe bounce');
        const ours = found.filter((symbol) => symbol.location.uri.toString() === uri.toString());
        assert.deepEqual(
          ours.map((symbol) => `${symbol.name} ${symbol.location.range.start.line}:${symbol.location.range.start.character} ${symbol.containerName}`),
          ['symbols probe: bounce after DATA 5:4 symbols-probe.smtp'],
        );
        await vscode.commands.executeCommand('workbench.action.showAllSymbols');
        await performOnPage('going to a session with Quick Open #', [
          { waitFor: '.quick-input-widget' },
          { type: 'probe bounce' },
          { waitFor: '.quick-input-list .monaco-list-row:has-text("symbols probe: bounce after DATA")' },
          { press: 'Enter' },
        ]);
        await quickInputClosed();
        await waitUntil('the transcript is open at the session', () => vscode.window.activeTextEditor?.document.uri.toString() === uri.toString());
        assert.equal(vscode.window.activeTextEditor?.selection.start.line, 5);
      } finally {
        await closeAllEditors();
        await removeWorkspaceFiles('symbols-probe.smtp');
      }
    },
  },
];
