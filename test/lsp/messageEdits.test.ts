// Keystrokes inside one long message (a base64 attachment) through the real language server on stdio: the server
// parses and checks only the edited lines again (model/contentEdit.ts), and must publish what a fresh open of the same
// text publishes; its token deltas, applied to the tokens the editor holds, must give the whole answer.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver-protocol';
import { appliedDelta, startClient, type TestClient } from './lspClient';

const uri = 'file:///tmp/attachment.smtp';
const BASE64 = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0';
const HEAD = [
  'S: 220 mx.example.com ESMTP',
  'C: EHLO client.test',
  'S: 250-mx.example.com',
  'S: 250 8BITMIME',
  'C: MAIL FROM:<a@client.test>',
  'S: 250 2.1.0 Ok',
  'C: RCPT TO:<b@example.com>',
  'S: 250 2.1.5 Ok',
  'C: DATA',
  'S: 354 go ahead',
  'C: From: <a@client.test>',
  'C: To: <b@example.com>',
  'C: Subject: the report',
  'C: Date: Sat, 28 Nov 2026 10:00:00 +0000',
  'C: Message-ID: <1@client.test>',
  'C: MIME-Version: 1.0',
  'C: Content-Type: multipart/mixed; boundary="b1"',
  'C:',
  'C: --b1',
  'C: Content-Type: application/pdf',
  'C: Content-Transfer-Encoding: base64',
  'C:',
];
const BODY_LINES = 2000;
const TEXT = [...HEAD, ...Array.from({ length: BODY_LINES }, () => `C: ${BASE64}`), 'C: --b1--', 'C: .', 'S: 250 2.0.0 queued', 'C: QUIT', 'S: 221 Bye'].join('\n');
/** A body line in the middle of the attachment. */
const LINE = HEAD.length + BODY_LINES / 2;

const shown = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.range.start.line} ${d.code}`).sort();

describe('keystrokes inside a long message, over stdio', () => {
  let client: TestClient;
  let version = 1;
  let text = TEXT;
  let held: SemanticTokens;
  const tokens = async () => (await client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as SemanticTokens;

  /** Applies an edit to the open document (and to `text`); returns the diagnostics published for it. */
  async function edit(line: number, start: number, end: number, typed: string): Promise<Diagnostic[]> {
    const lines = text.split('\n');
    const changed = lines[line].slice(0, start) + typed + lines[line].slice(end);
    text = [...lines.slice(0, line), ...changed.split('\n'), ...lines.slice(line + 1)].join('\n');
    client.changeRange(uri, { start: { line, character: start }, end: { line, character: end } }, typed, ++version);
    // The tokens delta VS Code asks for right after a keystroke, applied to the tokens it holds: the whole answer.
    const delta = (await client.connection.sendRequest('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: held.resultId })) as SemanticTokensDelta;
    const whole = await tokens();
    assert.deepEqual(appliedDelta(held.data, delta), whole.data);
    assert.ok(delta.edits.every((e) => e.deleteCount <= 10 && (e.data?.length ?? 0) <= 10), `only the edited tokens: ${JSON.stringify(delta.edits)}`);
    held = whole;
    return client.diagnostics(uri, version);
  }

  /** What the server publishes for the same text opened fresh. */
  async function fresh(): Promise<Diagnostic[]> {
    const other = `file:///tmp/fresh-${version}.smtp`;
    client.open(other, text, 1);
    const found = await client.diagnostics(other, 1);
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: other } });
    return found;
  }

  before(async () => {
    client = await startClient();
    client.open(uri, TEXT, version);
    assert.deepEqual(shown(await client.diagnostics(uri, version)), []);
    held = await tokens();
  });
  after(async () => {
    await client.close();
  });

  test('a character that breaks a base64 line: reported on that line; typed away: gone', async () => {
    assert.deepEqual(shown(await edit(LINE, 10, 10, '!')), [`${LINE} mime-transfer-encoding`]);
    assert.deepEqual(shown(await edit(LINE, 10, 11, '')), []);
  });

  test('a line break typed and a line written there: the findings below stand on their moved lines', async () => {
    await edit(LINE + 200, 3 + BASE64.length, 3 + BASE64.length, 'x=');
    // `x=` ends that line: not base64 (padding before the end).
    assert.deepEqual(shown(await client.diagnostics(uri, version)), [`${LINE + 200} mime-transfer-encoding`]);
    await edit(LINE, 3 + BASE64.length, 3 + BASE64.length, '\n');
    const afterBreak = await client.diagnostics(uri, version);
    assert.deepEqual(shown(afterBreak), shown(await fresh()));
    assert.deepEqual(shown(afterBreak), [`${LINE + 201} mime-transfer-encoding`]);
    // 8-bit text in the new line: the body's first bad line now, and MAIL declares no 8BITMIME.
    const typed = await edit(LINE + 1, 0, 0, 'C: é');
    assert.deepEqual(shown(typed), shown(await fresh()));
    assert.deepEqual(shown(typed), [`${LINE + 1} mime-transfer-encoding`, `${LINE + 1} undeclared-8bit-content`]);
  });
});
