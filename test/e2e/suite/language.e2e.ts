// The language server's features as VS Code shows them: diagnostics, completion, hover, symbols, semantic tokens,
// code lenses and quick fixes, asked for through VS Code's own commands (what the editor itself calls).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { waitUntil, type E2ETest } from '../e2e-runner';
import { describeDiagnostics, diagnosticCode, diagnosticsWhen, extensionApi, nextEvent, removeWorkspaceFiles, workspaceFile, writeWorkspaceFile } from './workbench';

const EXAMPLES = ['bdat', 'classic', 'errors', 'implicit-tls', 'pipelining', 'plain', 'starttls-auth'];

async function labelsAt(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  return list.items
    .slice()
    .sort((a, b) => (a.sortText ?? String(a.label)).localeCompare(b.sortText ?? String(b.label)))
    .map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

interface DecodedToken {
  line: number;
  character: number;
  length: number;
  type: string;
  modifiers: string[];
}

/** Semantic tokens are relative, five numbers each (LSP 3.16 "semantic tokens" encoding). */
function decodeTokens(tokens: vscode.SemanticTokens, legend: vscode.SemanticTokensLegend): DecodedToken[] {
  const out: DecodedToken[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, modifierBits] = tokens.data.slice(i, i + 5);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    const modifiers = legend.tokenModifiers.filter((_m, bit) => (modifierBits & (1 << bit)) !== 0);
    out.push({ line, character, length, type: legend.tokenTypes[type], modifiers });
  }
  return out;
}

export const e2eTests: E2ETest[] = [
  {
    name: 'the examples open with no error diagnostics',
    run: async () => {
      await extensionApi();
      for (const name of EXAMPLES) {
        const uri = workspaceFile('examples', `${name}.smtp`);
        // The server publishes for every opened document, an empty list included: wait for that publication.
        await nextEvent(
          vscode.languages.onDidChangeDiagnostics,
          (e) => e.uris.some((u) => u.toString() === uri.toString()),
          `diagnostics are published for examples/${name}.smtp`,
          () => vscode.workspace.openTextDocument(uri),
        );
        const errors = vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
        assert.deepEqual(errors, [], `examples/${name}.smtp: ${describeDiagnostics(errors)}`);
      }
    },
  },
  {
    name: 'diagnostics: parse and protocol errors in mistakes.smtp',
    run: async () => {
      const uri = workspaceFile('mistakes.smtp');
      const diagnostics = await diagnosticsWhen(
        uri,
        (ds) => ds.some((d) => diagnosticCode(d) === 'unknown-line'),
        'mistakes.smtp has its parse error',
        () => vscode.window.showTextDocument(uri),
      );
      assert.ok(diagnostics.every((d) => d.source === 'smtp'), describeDiagnostics(diagnostics));
      const errors = diagnostics
        .filter((d) => d.severity === vscode.DiagnosticSeverity.Error)
        .map((d) => [d.range.start.line, diagnosticCode(d)]);
      assert.deepEqual(errors, [
        [4, 'unknown-line'],
        [7, 'data-without-recipient'],
      ]);
      const unknownLine = diagnostics.find((d) => diagnosticCode(d) === 'unknown-line');
      assert.equal(unknownLine?.message, 'Expected a line prefix: did you mean `S: 250 ok`?');
    },
  },
  {
    name: 'completion: the verbs the session allows, EHLO first in a new session and MAIL first after it',
    run: async () => {
      const uri = await writeWorkspaceFile('completion.smtp', 'S: 220 *\nC: \nS: 250 ok\n');
      await vscode.window.showTextDocument(uri);
      const atStart = await labelsAt(uri, new vscode.Position(1, 3));
      assert.equal(atStart[0], 'EHLO', atStart.join(', '));
      assert.ok(atStart.includes('QUIT') && !atStart.includes('DATA'), atStart.join(', '));

      const afterEhlo = await writeWorkspaceFile('completion-after-ehlo.smtp', 'S: 220 *\nC: EHLO a.test\nS: 250 ok\nC: \n');
      const labels = await labelsAt(afterEhlo, new vscode.Position(3, 3));
      assert.equal(labels[0], 'MAIL', labels.join(', '));
      assert.ok(labels.includes('STARTTLS'), labels.join(', '));
    },
  },
  {
    name: 'hover: a verb shows its syntax and RFC section, a reply code its meaning',
    run: async () => {
      const uri = workspaceFile('delivery.smtp');
      const verb = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(6, 4));
      const verbText = hoverText(verb);
      assert.match(verbText, /\*\*EHLO\*\*/);
      assert.match(verbText, /RFC 5321 §4\.1\.1\.1/);
      assert.deepEqual(verb.find((h) => h.range)?.range, new vscode.Range(6, 3, 6, 7));

      const code = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(12, 4));
      assert.match(hoverText(code), /\*\*250\*\* Requested mail action okay, completed/);
      // What the reply does where it stands: it answers the RCPT above.
      assert.match(hoverText(code), /\*\*Here\*\*, as the reply to `RCPT`: the recipient is added to the transaction\./);
    },
  },
  {
    name: 'document symbols: the session with its exchanges and mail transaction',
    run: async () => {
      const uri = workspaceFile('delivery.smtp');
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
      assert.deepEqual(symbols.map((s) => s.name), ['plain delivery']);
      const children = symbols[0].children.map((s) => s.name);
      assert.deepEqual(children.slice(0, 2), ['Greeting', 'EHLO client.test']);
      assert.match(children[2], /^MAIL <sender@example\.org> → 1 recipient: friend@example\.com/);
      assert.equal(children.at(-1), 'QUIT');
    },
  },
  {
    name: 'semantic tokens: verbs, reply codes with their class, the session name',
    run: async () => {
      const uri = workspaceFile('delivery.smtp');
      const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', uri);
      const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', uri);
      assert.ok(legend && tokens, 'no semantic tokens provider for .smtp');
      const decoded = decodeTokens(tokens, legend);
      const at = (line: number, character: number) => decoded.find((t) => t.line === line && t.character === character);
      assert.deepEqual(at(6, 3), { line: 6, character: 3, length: 4, type: 'keyword', modifiers: [] });
      assert.deepEqual(at(5, 3), { line: 5, character: 3, length: 3, type: 'number', modifiers: ['success'] });
      assert.equal(at(4, 4)?.type, 'namespace');
    },
  },
  {
    name: "the server's own 421: its code hovers as a reply code, its text says it answers no command, it is coloured as a reply",
    run: async () => {
      const uri = await writeWorkspaceFile(
        'idle-timeout.smtp',
        ['S: 220 mx.example.com ESMTP', 'C: EHLO *', 'S: 250 mx.example.com', 'S: <delay 2s>', 'S: 421 4.4.2 mx.example.com Error: timeout exceeded', 'S: <closed>', ''].join('\n'),
      );
      try {
        await vscode.workspace.openTextDocument(uri);
        const code = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(4, 4)));
        assert.match(code, /\*\*421\*\*.*Service not available, closing transmission channel/);
        const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(4, 30)));
        assert.match(text, /This reply answers no command: it is the server's own `421`/);
        const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', uri);
        const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', uri);
        const onNotice = decodeTokens(tokens, legend).filter((t) => t.line === 4);
        assert.deepEqual(onNotice[0], { line: 4, character: 3, length: 3, type: 'number', modifiers: ['transient'] });
      } finally {
        // "Run All Tests" replays every transcript of the workspace: against the local server, which never sends this
        // 421, this one would wait out its reply timeout.
        await removeWorkspaceFiles('idle-timeout.smtp');
      }
    },
  },
  {
    name: 'code lenses: Replay, Update expectations and Serve as Mock above each session',
    run: async () => {
      const uri = workspaceFile('delivery.smtp');
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      const shown = lenses.map((l) => [l.range.start.line, l.command?.command, l.command?.arguments]);
      assert.deepEqual(shown, [
        [4, 'smtp.replaySession', [uri.toString(), 0]],
        [4, 'smtp.updateExpectations', [uri.toString(), 0]],
        [4, 'smtp.serveMock', [uri.toString(), 0]],
      ]);
    },
  },
  {
    name: 'quick fix: a reply the command never gets is corrected by the preferred code action',
    run: async () => {
      const uri = await writeWorkspaceFile('quick-fix.smtp', 'S: 220 *\nC: EHLO client.test\nS: 250 *\nC: MAIL FROM:<a@client.test>\nS: 354 *\n');
      const diagnostics = await diagnosticsWhen(
        uri,
        (ds) => ds.some((d) => diagnosticCode(d) === 'reply-not-for-command'),
        'quick-fix.smtp has its reply-not-for-command error',
        () => vscode.window.showTextDocument(uri),
      );
      const diagnostic = diagnostics.find((d) => diagnosticCode(d) === 'reply-not-for-command')!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
      const fix = actions.find((a) => a.isPreferred);
      assert.ok(fix?.edit, `no preferred fix among: ${actions.map((a) => a.title).join(', ')}`);
      assert.equal(fix.title, 'Expect 250');
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      const document = await vscode.workspace.openTextDocument(uri);
      assert.equal(document.getText(), 'S: 220 *\nC: EHLO client.test\nS: 250 *\nC: MAIL FROM:<a@client.test>\nS: 250 *\n');
      assert.ok(actions.some((a) => a.title === 'Disable reply-not-for-command for this line'), actions.map((a) => a.title).join(', '));
    },
  },
  {
    name: 'quick fix for a parse error: message content left without `C: .` gets it from the light bulb, and the error goes',
    run: async () => {
      const open = ['S: 220 *', 'C: EHLO client.test', 'S: 250 *', 'C: MAIL FROM:<a@client.test>', 'S: 250 *', 'C: RCPT TO:<b@client.test>', 'S: 250 *', 'C: DATA', 'S: 354 *', 'C: Subject: hi', 'C:', 'C: body'];
      const uri = await writeWorkspaceFile('parse-fix.smtp', [...open, 'S: 250 queued', ''].join('\n'));
      try {
        const diagnostics = await diagnosticsWhen(
          uri,
          (ds) => ds.some((d) => diagnosticCode(d) === 'data-unterminated'),
          'parse-fix.smtp has its data-unterminated error',
          () => vscode.window.showTextDocument(uri),
        );
        const diagnostic = diagnostics.find((d) => diagnosticCode(d) === 'data-unterminated')!;
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
        // The range holds other findings' lines too (no Date: header); a parse error cannot be silenced by a comment.
        const titles = actions.map((a) => a.title).join(', ');
        const fix = actions.find((a) => a.title === 'End the message with C: .');
        assert.ok(fix?.isPreferred && fix.edit, `no preferred "End the message" fix among: ${titles}`);
        assert.ok(!actions.some((a) => a.title.startsWith('Disable data-unterminated')), titles);
        assert.ok(await vscode.workspace.applyEdit(fix.edit));
        const document = await vscode.workspace.openTextDocument(uri);
        assert.equal(document.getText(), [...open, 'C: .', 'S: 250 queued', ''].join('\n'));
        await diagnosticsWhen(uri, (ds) => !ds.some((d) => diagnosticCode(d) === 'data-unterminated'), 'the data-unterminated error is gone after the fix');
      } finally {
        // "Run All Tests" replays every transcript of the workspace: this one is no part of what it counts.
        await removeWorkspaceFiles('parse-fix.smtp');
      }
    },
  },
  {
    name: 'formatting, rename of a variable and folding, applied through VS Code',
    run: async () => {
      const uri = await writeWorkspaceFile('edits.smtp', '@who = client.test\ns: 220 *\nc: EHLO {{who}}\nS: 250 ok\n');
      const document = await vscode.workspace.openTextDocument(uri);
      const options = { tabSize: 2, insertSpaces: true };
      const formatting = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', uri, options);
      const edit = new vscode.WorkspaceEdit();
      edit.set(uri, formatting);
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.equal(document.getText(), '@who = client.test\nS: 220 *\nC: EHLO {{who}}\nS: 250 ok\n');

      const rename = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', uri, new vscode.Position(2, 10), 'client');
      assert.ok(await vscode.workspace.applyEdit(rename));
      assert.equal(document.getText(), '@client = client.test\nS: 220 *\nC: EHLO {{client}}\nS: 250 ok\n');

      const folding = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', workspaceFile('delivery.smtp'));
      assert.deepEqual(folding.map((f) => [f.start, f.end]), [[4, 22], [7, 8], [13, 19]]);
    },
  },
  {
    name: 'document links: an include and @ca open their files beside the transcript (Ctrl+click); a path completes its folder\'s files',
    run: async () => {
      const uri = await writeWorkspaceFile('links.smtp', ['@ca = certs/ca.pem', 'S: 220 *', 'C: EHLO c.test', 'S: 250 *', 'C: MAIL FROM:<a@example.org>', 'S: 250 *', 'C: RCPT TO:<b@example.org>', 'S: 250 *', 'C: DATA', 'S: 354 *', '< ./body.eml', 'C: .', 'S: 250 *', ''].join('\n'));
      await writeWorkspaceFile('body.eml', 'Subject: hi\n\nhello\n');
      try {
        // Open, as the editor has it before a Ctrl+click: the language server has the text once its diagnostics come.
        await diagnosticsWhen(uri, (ds) => ds.length > 0, 'the diagnostics of links.smtp', async () => {
          await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
        });
        const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', uri);
        assert.deepEqual(
          links.map((l) => [l.range.start.line, l.range.start.character, l.range.end.character, l.target?.toString()]),
          [
            [0, 6, 18, workspaceFile('certs/ca.pem').toString()],
            [10, 2, 12, workspaceFile('body.eml').toString()],
          ],
        );
        // Typing a path: the folder's files and folders (after `./`, the workspace's own).
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(10, 4));
        const names = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
        assert.ok(['body.eml', 'links.smtp', 'examples/'].every((name) => names.includes(name)), names.join(' '));
      } finally {
        await removeWorkspaceFiles('links.smtp', 'body.eml');
      }
    },
  },
  {
    name: 'a line typed above a session: its outline, folding, tokens and formatting move with it',
    run: async () => {
      const session = (name: string) => [`### ${name}`, 'S: 220 mx.test', 'c: EHLO a.test', 'S: 250-mx.test', 'S: 250 SIZE 1000', 'C: QUIT', 'S: 221 bye'];
      const uri = await writeWorkspaceFile('moved.smtp', [...session('one'), ...session('two')].join('\n') + '\n');
      const document = await vscode.workspace.openTextDocument(uri);
      const answers = async () => {
        const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
        const folding = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri);
        const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', uri);
        const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', uri);
        const formatting = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', uri, { tabSize: 2, insertSpaces: true });
        return {
          sessions: symbols.map((s) => [s.name, s.range.start.line, s.range.end.line, s.children.length]),
          folding: folding.map((f) => [f.start, f.end]),
          verbs: decodeTokens(tokens, legend).filter((t) => t.type === 'keyword').map((t) => t.line),
          // VS Code narrows each edit to what changes: the `c` of `c: EHLO`.
          formatting: formatting.map((e) => [e.range.start.line, e.newText]),
        };
      };
      assert.deepEqual(await answers(), {
        sessions: [['one', 0, 6, 3], ['two', 7, 13, 3]],
        folding: [[0, 6], [3, 4], [7, 13], [10, 11]],
        verbs: [2, 5, 9, 12],
        formatting: [[2, 'C'], [9, 'C']],
      });
      // A comment typed inside the first session: the second moves a line down.
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(2, 0), '# typed\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.equal(document.lineAt(3).text, 'c: EHLO a.test');
      assert.deepEqual(await answers(), {
        sessions: [['one', 0, 7, 3], ['two', 8, 14, 3]],
        folding: [[0, 7], [4, 5], [8, 14], [11, 12]],
        verbs: [3, 6, 10, 13],
        formatting: [[3, 'C'], [10, 'C']],
      });
    },
  },
  {
    name: 'lines typed in the middle of a long session (no ###): the findings, hover and tokens below move with their lines',
    run: async () => {
      // 300 transactions (3,905 lines), each message without a Date: header (a finding each). The server keeps the
      // exchanges below such an edit unread until a feature reads them all (model/lazyTail.ts).
      const lines = ['S: 220 mx.test ESMTP', 'C: EHLO client.test', 'S: 250 mx.test'];
      for (let n = 0; n < 300; n++) {
        lines.push('C: MAIL FROM:<a@x.test>', 'S: 250 ok', 'C: RCPT TO:<b@y.test>', 'S: 250 ok', 'C: DATA', 'S: 354 go');
        lines.push('C: From: <a@x.test>', 'C:', `C: Hello ${n}`, 'C: .', 'S: 250 2.0.0 queued', 'C: RSET', 'S: 250 ok');
      }
      lines.push('C: QUIT', 'S: 221 bye');
      const uri = await writeWorkspaceFile('long-session.smtp', lines.join('\n') + '\n');
      const document = await vscode.workspace.openTextDocument(uri);
      const dateLines = (ds: vscode.Diagnostic[]) => ds.filter((d) => diagnosticCode(d) === 'missing-date-header').map((d) => d.range.start.line);
      const before = dateLines(await diagnosticsWhen(uri, (ds) => dateLines(ds).length === 300, '300 missing-date-header findings'));
      const lineOf = (text: string) => document.getText().split('\n').indexOf(text);
      // A line inside the 100th message's content; a comment between the 150th transaction's message and RSET; an
      // exchange there in the 200th (the pipelined groups below are numbered one higher).
      const typed: Array<[string, number, string, number]> = [
        ['C: Hello 100', 0, 'C: more\n', 1],
        ['C: Hello 150', 3, '# typed\n', 1],
        ['C: Hello 200', 3, 'C: NOOP\nS: 250 ok\n', 2],
      ];
      let expected = before;
      for (const [anchor, below, text, added] of typed) {
        const line = lineOf(anchor) + below;
        const edit = new vscode.WorkspaceEdit();
        edit.insert(uri, new vscode.Position(line, 0), text);
        expected = expected.map((l) => (l >= line ? l + added : l));
        const moved = await diagnosticsWhen(uri, (ds) => dateLines(ds).join() === expected.join(), `the findings from line ${line} on moved ${added}`, () => vscode.workspace.applyEdit(edit));
        assert.equal(dateLines(moved).length, 300);
        // The last message's reply and the last RSET, far below the edit, where the document now has them.
        const reply = document.lineCount - 6;
        assert.equal(document.lineAt(reply).text, 'S: 250 2.0.0 queued');
        const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(reply, 4));
        assert.match(hoverText(hover), /\*\*250\*\* Requested mail action okay, completed/);
        assert.match(hoverText(hover), /as the reply to the message's final `\.`: the server takes full responsibility for the message/);
        const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', uri);
        const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', uri);
        const verbs = decodeTokens(tokens, legend).filter((t) => t.type === 'keyword').map((t) => t.line);
        assert.deepEqual(verbs.slice(-2), [reply + 1, reply + 3], 'the last RSET and QUIT are keywords on their lines');
      }
      await removeWorkspaceFiles('long-session.smtp');
    },
  },
  {
    name: 'the language server restarts when its process dies, and answers again',
    run: async () => {
      // The server is a child of this extension host (forked over IPC from dist/server.js, before the language
      // client's bundle is evaluated: client/src/serverProcess.ts).
      const serverPids = (): number[] => {
        try {
          return execFileSync('pgrep', ['-P', String(process.pid), '-f', 'dist/server.js'], { encoding: 'utf8' }).split(/\s+/).filter(Boolean).map(Number);
        } catch {
          return []; // pgrep exits 1 when nothing matches
        }
      };
      const running = serverPids();
      // One: the process forked early is the one the client talks to, not a second one beside it.
      assert.equal(running.length, 1, `language server processes under the extension host: ${running.join(', ')}`);
      const [before] = running;
      process.kill(before, 'SIGKILL');
      await waitUntil('a new language server process runs', () => serverPids().some((pid) => pid !== before));
      const uri = await writeWorkspaceFile('after-restart.smtp', 'S: 220 *\nC: EHLO client.test\n250 ok\n');
      const diagnostics = await diagnosticsWhen(uri, (ds) => ds.some((d) => diagnosticCode(d) === 'unknown-line'), 'the restarted server lints a new file', () =>
        vscode.workspace.openTextDocument(uri),
      );
      assert.equal(diagnostics.find((d) => diagnosticCode(d) === 'unknown-line')?.range.start.line, 2);
    },
  },
];
