// The dialogue's structure in the real VS Code: the document highlights the editor shows with the cursor on a pipelined
// command's verb (RFC 2920: its reply stands below the whole group) and on a reply code, and Expand Selection from a
// reply code out to its exchange, the mail transaction and the session; the inlay hints that name a pipelined reply's
// command and decode an AUTH dialogue; an LMTP session's replies to a message's end, one per recipient.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { E2ETest } from '../e2e-runner';
import { diagnosticCode, diagnosticsWhen, removeWorkspaceFiles, showTranscript, writeWorkspaceFile } from './workbench';

const PIPELINED = ['S: 220 mx.test ESMTP', 'C: EHLO client.test', 'S: 250-mx.test', 'S: 250 PIPELINING', 'C: MAIL FROM:<a@x.test>', 'C: RCPT TO:<b@y.test>', 'C: DATA', 'S: 250 2.1.0 ok', 'S: 550 5.1.1 no such user', 'S: 554 5.5.1 no valid recipients', 'C: QUIT', 'S: 221 bye', ''];

const highlightsAt = async (uri: vscode.Uri, line: number, character: number): Promise<string[]> => {
  const found = await vscode.commands.executeCommand<vscode.DocumentHighlight[]>('vscode.executeDocumentHighlights', uri, new vscode.Position(line, character));
  return (found ?? []).map((h) => `${h.range.start.line}:${h.range.start.character}-${h.range.end.character} ${vscode.DocumentHighlightKind[h.kind ?? 0]}`);
};

export const e2eTests: E2ETest[] = [
  {
    name: 'document highlights: a pipelined command and its reply code, either way',
    run: async () => {
      const uri = await writeWorkspaceFile('pairs.smtp', PIPELINED.join('\n'));
      try {
        await showTranscript(uri);
        // RCPT (line 5) is answered by the second reply of the group (line 8), below MAIL's and above DATA's.
        assert.deepEqual(await highlightsAt(uri, 5, 4), ['5:3-7 Write', '8:3-6 Read']);
        assert.deepEqual(await highlightsAt(uri, 9, 4), ['6:3-7 Write', '9:3-6 Read']);
        // The multi-line EHLO reply: every line's code.
        assert.deepEqual(await highlightsAt(uri, 1, 3), ['1:3-7 Write', '2:3-6 Read', '3:3-6 Read']);
      } finally {
        await removeWorkspaceFiles('pairs.smtp');
      }
    },
  },
  {
    name: 'expand selection: a reply code, its line, its exchange, the mail transaction, the session; Expand Selection in the editor',
    run: async () => {
      const uri = await writeWorkspaceFile('selection.smtp', PIPELINED.join('\n'));
      try {
        const editor = await showTranscript(uri);
        const [chain] = await vscode.commands.executeCommand<vscode.SelectionRange[]>('vscode.executeSelectionRangeProvider', uri, [new vscode.Position(8, 4)]);
        const ranges: string[] = [];
        for (let r: vscode.SelectionRange | undefined = chain; r; r = r.parent) ranges.push(`${r.range.start.line}:${r.range.start.character}-${r.range.end.line}:${r.range.end.character}`);
        // 550 answers RCPT (line 5): the exchange runs from it to its reply; the transaction from MAIL to DATA's reply.
        // The server's chain, then the whole document, which VS Code adds.
        assert.deepEqual(ranges, ['8:3-8:6', '8:3-8:25', '8:0-8:25', '5:0-8:25', '4:0-9:32', '0:0-11:10', '0:0-12:0']);
        // What a user does: the cursor in the code, Expand Selection three times.
        editor.selection = new vscode.Selection(8, 4, 8, 4);
        for (let i = 0; i < 3; i++) await vscode.commands.executeCommand('editor.action.smartSelect.expand');
        assert.deepEqual([editor.selection.start.line, editor.selection.start.character, editor.selection.end.line, editor.selection.end.character], [8, 0, 8, 25]);
      } finally {
        await removeWorkspaceFiles('selection.smtp');
      }
    },
  },
  {
    name: 'inlay hints: each pipelined reply names its command, a link to it; an AUTH dialogue reads decoded, the password masked',
    run: async () => {
      const auth = ['C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', 'C: dXNlcg==', 'S: 334 UGFzc3dvcmQ6', 'C: cGFzcw==', 'S: 235 2.7.0 ok'];
      const lines = [...PIPELINED.slice(0, 4), ...auth, ...PIPELINED.slice(4)];
      const uri = await writeWorkspaceFile('hints.smtp', lines.join('\n'));
      try {
        await showTranscript(uri);
        const whole = new vscode.Range(0, 0, lines.length, 0);
        const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, whole);
        const label = (hint: vscode.InlayHint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join(''));
        assert.deepEqual(
          hints.map((hint) => `${hint.position.line}:${hint.position.character} ${label(hint)}`),
          ['5:19 Username:', '6:11 user', '7:19 Password:', '8:11 ****', '13:15 ← MAIL FROM:<a@x.test>', '14:25 ← RCPT TO:<b@y.test>', '15:32 ← DATA'],
        );
        // The command's name is a link to its line (Ctrl+click in the editor).
        const rcpt = hints[5].label;
        assert.ok(typeof rcpt !== 'string' && rcpt[1].location);
        assert.equal(rcpt[1].location.uri.toString(), uri.toString());
        assert.equal(rcpt[1].location.range.start.line, 11);
      } finally {
        await removeWorkspaceFiles('hints.smtp');
      }
    },
  },
  {
    name: "LMTP (RFC 2033): each reply to the `.` names its recipient, a link to its RCPT; the `.` pairs with all of them; EHLO after LHLO is flagged",
    run: async () => {
      const lines = ['S: 220 store.test LMTP', 'C: LHLO relay.test', 'S: 250-store.test', 'S: 250 PIPELINING', 'C: MAIL FROM:<a@x.test>', 'S: 250 ok', 'C: RCPT TO:<b@y.test>', 'S: 250 ok', 'C: RCPT TO:<c@y.test>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: From: <a@x.test>', 'C: Date: Thu, 1 Jan 2026 00:00:00 +0000', 'C:', 'C: hi', 'C: .', 'S: 250 2.1.5 delivered', 'S: 452 4.2.2 mailbox full', 'C: EHLO relay.test', 'S: 250 store.test', ''];
      const uri = await writeWorkspaceFile('lmtp.smtp', lines.join('\n'));
      try {
        await showTranscript(uri);
        const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, new vscode.Range(0, 0, lines.length, 0));
        const label = (hint: vscode.InlayHint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join(''));
        assert.deepEqual(hints.map((hint) => `${hint.position.line}:${hint.position.character} ${label(hint)}`), ['17:22 ← RCPT TO:<b@y.test>', '18:25 ← RCPT TO:<c@y.test>']);
        const second = hints[1].label;
        assert.ok(typeof second !== 'string' && second[1].location);
        assert.equal(second[1].location.range.start.line, 8);
        assert.deepEqual(await highlightsAt(uri, 18, 4), ['16:3-4 Write', '17:3-6 Read', '18:3-6 Read']);
        const diagnostics = await diagnosticsWhen(uri, (found) => found.length > 0, 'the LMTP session linted');
        assert.deepEqual(diagnostics.map((d) => `${d.range.start.line} ${String(diagnosticCode(d))}`), ['19 hello-in-lmtp']);
      } finally {
        await removeWorkspaceFiles('lmtp.smtp');
      }
    },
  },
];
