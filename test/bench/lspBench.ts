// Completion and hover latency over the real stdio connection to the bundled language server.
import { startClient } from '../lsp/lspClient';
import { generateTranscriptLines } from './generateTranscript';
import { ms, timeAsync } from './measure';

export async function benchLsp(): Promise<string[]> {
  const client = await startClient();
  try {
    const uri = 'file:///bench/latency.smtp';
    const text = generateTranscriptLines(10_000) + '### typing\nS: 220 ready\nC: EHLO me\nS: 250 ok\nC: ';
    const lines = text.split('\n');
    const last = lines.length - 1;
    client.open(uri, text, 1);
    await client.diagnostics(uri, 1);
    const completion = await timeAsync(200, () =>
      client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: last, character: 3 } }),
    );
    const hoverLine = lines.findIndex((l) => l.startsWith('S: 250 2.1.0'));
    const hover = await timeAsync(200, () =>
      client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: hoverLine, character: 4 } }),
    );
    const noop = await timeAsync(200, () => client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: 'file:///bench/none.smtp' } }));
    return [
      `LSP over stdio on a ${lines.length}-line document (round trip of a request for an unknown document: median ${ms(noop.median)}):`,
      `  completion  median ${ms(completion.median)}, p95 ${ms(completion.p95)} (target p95 under 10 ms) ${completion.p95 < 10 ? 'OK' : 'OVER TARGET'}`,
      `  hover       median ${ms(hover.median)}, p95 ${ms(hover.p95)}`,
    ];
  } finally {
    await client.close();
  }
}
