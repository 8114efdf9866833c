// The web extension (package.json `browser`, dist/web/) in VS Code's web worker extension host: code-server's
// workbench in Chromium with `extensionDevelopmentKind=web` (run-code-server.js --web). This module runs inside the
// web worker, so it is bundled for the browser (by the harness) and uses no Node module, node:assert included.
import * as vscode from 'vscode';

const EXTENSION_ID = 'smtp-transcripts.smtp-transcripts';
const DEADLINE_MS = 30_000;

interface WebTest {
  readonly name: string;
  readonly run: () => Promise<void>;
}

/** Exact equality of plain data (numbers, strings, arrays), with both sides in the message. */
function assertEqual(actual: unknown, expected: unknown, what: string): void {
  const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (a !== e) throw new Error(`${what}:\n  actual   ${a}\n  expected ${e}`);
}

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** The diagnostics of `uri` once `accept` holds, listening before `action` runs; a deadline, never a sleep. */
function diagnosticsWhen(uri: vscode.Uri, accept: (ds: vscode.Diagnostic[]) => boolean, what: string, action: () => Thenable<unknown>): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out after ${DEADLINE_MS} ms waiting until ${what}; had ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => d.message))}`));
    }, DEADLINE_MS);
    const check = (): boolean => {
      const ds = vscode.languages.getDiagnostics(uri);
      if (!accept(ds)) return false;
      clearTimeout(timer);
      listener.dispose();
      resolve(ds);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    action().then(() => check(), reject);
  });
}

const code = (d: vscode.Diagnostic): unknown => (typeof d.code === 'object' ? d.code.value : d.code);

const tests: WebTest[] = [
  {
    name: 'the web build is what runs: the browser entry, in the web worker extension host',
    run: async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
      await vscode.workspace.openTextDocument(workspaceFile('delivery.smtp'));
      const api = (await extension.activate()) as { languageServerReady: Promise<void> };
      await api.languageServerReady;
      // The desktop entry exports the replay runner, the local server and more; the web entry only this.
      assertEqual(Object.keys(api), ['languageServerReady'], "the activated entry's API");
      assertEqual([extension.extensionKind, typeof (globalThis as { process?: unknown }).process], [vscode.ExtensionKind.UI, 'undefined'], 'where the extension runs (UI side, no Node process)');
    },
  },
  {
    name: 'lint diagnostics from the language server in the web worker',
    run: async () => {
      const uri = workspaceFile('mistakes.smtp');
      const ds = await diagnosticsWhen(uri, (all) => all.some((d) => code(d) === 'unknown-line'), 'mistakes.smtp has its parse error', () =>
        vscode.window.showTextDocument(uri),
      );
      const errors = ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => [d.range.start.line, code(d), d.source]);
      assertEqual(errors, [[4, 'unknown-line', 'smtp'], [7, 'data-without-recipient', 'smtp']], 'error diagnostics of mistakes.smtp');
      assertEqual(ds.find((d) => code(d) === 'unknown-line')?.message, 'Expected a line prefix: did you mean `S: 250 ok`?', 'the parse error');
    },
  },
  {
    name: 'completion, hover and signature help from the web worker',
    run: async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'smtp', content: 'S: 220 mx.example.test ESMTP\nC: \n' });
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(1, 3));
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      if (!labels.includes('EHLO')) throw new Error(`no EHLO in the completion after the greeting: ${JSON.stringify(labels)}`);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', workspaceFile('delivery.smtp'), new vscode.Position(6, 4));
      const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
      if (!/RFC 5321/.test(text)) throw new Error(`the hover names no RFC: ${text}`);
      const auth = await vscode.workspace.openTextDocument({ language: 'smtp', content: 'S: 220 mx.example.test ESMTP\nC: AUTH PLAIN {{$plain me \n' });
      const help = await vscode.commands.executeCommand<vscode.SignatureHelp>('vscode.executeSignatureHelpProvider', auth.uri, new vscode.Position(1, 26), ' ');
      assertEqual([help?.signatures[0]?.label, help?.activeParameter], ['{{$plain user password}}', 1], 'the signature help inside {{$plain me |');
    },
  },
  {
    name: 'formatting from the web worker',
    run: async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'smtp', content: 'S:220 mx.example.test\nC:   EHLO client.test\n' });
      const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, { tabSize: 2, insertSpaces: true });
      if (!edits || edits.length === 0) throw new Error('no formatting edits for badly spaced prefixes');
    },
  },
  {
    name: 'every contributed command is registered; replay, the local and mock servers and import explain themselves instead of failing',
    run: async () => {
      // "command not found" would reject; each desktop-only command shows why it is unavailable and resolves.
      for (const id of ['smtp.replay', 'smtp.startLocalServer', 'smtp.serveMock', 'smtp.importTranscript']) await vscode.commands.executeCommand(id);
      // Every command the package contributes exists here too: none ends in "command not found".
      const ids = await vscode.commands.getCommands(true);
      const contributed = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: Array<{ command: string }> } }).contributes.commands;
      const missing = contributed.map((c) => c.command).filter((id) => !ids.includes(id));
      assertEqual(missing, [], 'commands not registered in the web extension host');
    },
  },
];

export async function run(): Promise<void> {
  let passed = 0;
  let failed = 0;
  for (const test of tests) {
    try {
      await test.run();
      passed++;
      console.log(`e2e: ok   web: ${test.name}`);
    } catch (error) {
      failed++;
      console.log(`e2e: FAIL web: ${test.name}\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  if (failed > 0 || passed === 0) throw new Error(`e2e: ${failed} of ${tests.length} web tests failed`);
}
