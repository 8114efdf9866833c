// A recording of a large message: 300,000 short lines in DATA content and in one BDAT chunk are written whole
// (a spread of that many lines as call arguments overflowed the stack and took the server down).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TranscriptRecorder } from '../../../server/src/record/transcriptRecorder';

const LINES = 300_000;

/** The recorded lines after the envelope, for what the client and server said then (in order). */
function afterEnvelope(steps: Array<['C' | 'S', string]>): string[] {
  const recorder = new TranscriptRecorder({ startedAt: new Date('2026-12-03T01:02:03Z'), client: '127.0.0.1:50000', upstream: { host: '127.0.0.1', port: 2525 }, recorder: 'smtp-transcript record' });
  const envelope: Array<['C' | 'S', string]> = [['S', '220 mx ESMTP\r\n'], ['C', 'EHLO c\r\n'], ['S', '250 CHUNKING\r\n'], ['C', 'MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\n'], ['S', '250 Ok\r\n250 Ok\r\n']];
  for (const [side, text] of [...envelope, ...steps]) {
    if (side === 'C') recorder.fromClient(Buffer.from(text));
    else recorder.fromServer(Buffer.from(text));
  }
  recorder.closed('client');
  const lines = recorder.transcript().text.split('\n');
  return lines.slice(lines.lastIndexOf('S: 250 Ok') + 1);
}

describe('a large message is recorded whole', () => {
  test('DATA content of 300,000 lines', () => {
    const lines = afterEnvelope([['C', 'DATA\r\n'], ['S', '354 go\r\n'], ['C', `${'x\r\n'.repeat(LINES)}.\r\n`], ['S', '250 Ok: queued as ABC123DEF\r\n']]);
    assert.deepEqual([lines.length, lines.slice(0, 3), lines.slice(-5)], [LINES + 6, ['C: DATA', 'S: 354 go', 'C: x'], ['C: x', 'C: .', 'S: 250 Ok: queued as *', 'C: <close>', '']]);
  });

  test('one BDAT chunk of 300,000 lines', () => {
    const chunk = 'x\r\n'.repeat(LINES);
    const lines = afterEnvelope([['C', `BDAT ${chunk.length} LAST\r\n${chunk}`], ['S', '250 Ok: queued as ABC123DEF\r\n']]);
    assert.deepEqual([lines.length, lines.slice(0, 2), lines.slice(-4)], [LINES + 4, [`C: BDAT ${chunk.length} LAST`, 'C: x'], ['C: x', 'S: 250 Ok: queued as *', 'C: <close>', '']]);
  });
});
