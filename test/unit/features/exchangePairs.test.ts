import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { exchangePairHighlights } from '../../../server/src/features/exchangePairs';
import { getLanguageService } from '../../../server/src/features/languageService';
import { withCursor } from '../../support/cursor';

/** `[line, start, end, kind]` of each highlight (2: read, 3: write). */
const pairAt = (marked: string): [number, number, number, number | undefined][] => {
  const { transcript, position } = withCursor(marked);
  return exchangePairHighlights(transcript, position).map((h) => [h.range.start.line, h.range.start.character, h.range.end.character, h.kind]);
};

describe('a client line and its reply, highlighted as a pair', () => {
  test("a command's verb marks its reply's codes, every line of a multi-line one; a code marks the verb", () => {
    const ehlo = (marked: string) => `S: 220 mx\n${marked}`;
    assert.deepEqual(pairAt(ehlo('C: EH|LO c\nS: 250-mx\nS: 250-SIZE 10\nS: 250 8BITMIME')), [[1, 3, 7, 3], [2, 3, 6, 2], [3, 3, 6, 2], [4, 3, 6, 2]]);
    assert.deepEqual(pairAt(ehlo('C: EHLO c\nS: 250-mx\nS: 25|0 8BITMIME')), [[1, 3, 7, 3], [2, 3, 6, 2], [3, 3, 6, 2]]);
    // Only the verb and the codes: the rest of the lines is text, where the editor's own word highlights stay.
    assert.deepEqual(pairAt(ehlo('C: EHLO c|lient\nS: 250 mx')), []);
    assert.deepEqual(pairAt(ehlo('C: EHLO c\nS: 250 m|x')), []);
  });

  test('pipelined (RFC 2920): each command with its own reply, below the whole group', () => {
    const group = (marked: string) => `S: 220 mx\nC: EHLO c\nS: 250 PIPELINING\n${marked}`;
    const lines = ['C: MAIL FROM:<a@x>', 'C: RCPT TO:<b@x>', 'C: DATA', 'S: 250 sender ok', 'S: 550 no such user', 'S: 554 no valid recipients'];
    const marked = (line: number, at: number) => group(lines.map((text, i) => (i === line ? `${text.slice(0, at)}|${text.slice(at)}` : text)).join('\n'));
    assert.deepEqual(pairAt(marked(1, 5)), [[4, 3, 7, 3], [7, 3, 6, 2]]);
    assert.deepEqual(pairAt(marked(5, 4)), [[5, 3, 7, 3], [8, 3, 6, 2]]);
    assert.deepEqual(pairAt(marked(3, 3)), [[3, 3, 7, 3], [6, 3, 6, 2]]);
  });

  test("a message's final `.`, an AUTH response and a BDAT chunk pair with their replies; the greeting pairs with nothing", () => {
    assert.deepEqual(pairAt('C: DATA\nS: 354 go\nC: Subject: x\nC:\nC: hi\nC: |.\nS: 250 queued'), [[5, 3, 4, 3], [6, 3, 6, 2]]);
    assert.deepEqual(pairAt('C: DATA\nS: 354 go\nC: Subject: x\nC:\nC: hi\nC: .\nS: 2|50 queued'), [[5, 3, 4, 3], [6, 3, 6, 2]]);
    // A content line is not what the reply answers: no pair.
    assert.deepEqual(pairAt('C: DATA\nS: 354 go\nC: h|i\nC: .\nS: 250 queued'), []);
    assert.deepEqual(pairAt('C: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: dX|Nlcg==\nS: 334 UGFzc3dvcmQ6'), [[2, 3, 11, 3], [3, 3, 6, 2]]);
    assert.deepEqual(pairAt('C: BDAT 2 LAST\nC: hi\nS: 2|50 queued'), [[0, 3, 7, 3], [2, 3, 6, 2]]);
    assert.deepEqual(pairAt('S: 2|20 mx\nC: EHLO c\nS: 250 mx'), []);
    // No reply written, or only `S: ...`: nothing to pair.
    assert.deepEqual(pairAt('C: NO|OP'), []);
  });

  test("LMTP: the `.` pairs with every recipient's reply below it, and each of those codes with the `.` (RFC 2033 §4.2)", () => {
    const lmtp = (marked: string) =>
      ['S: 220 store', 'C: LHLO c', 'S: 250 store', 'C: MAIL FROM:<a@x>', 'S: 250 ok', 'C: RCPT TO:<b@x>', 'S: 250 ok', 'C: RCPT TO:<c@x>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: hi', marked].join('\n');
    assert.deepEqual(pairAt(lmtp('C: |.\nS: 250 b delivered\nS: 452 c full')), [[12, 3, 4, 3], [13, 3, 6, 2], [14, 3, 6, 2]]);
    assert.deepEqual(pairAt(lmtp('C: .\nS: 250 b delivered\nS: 4|52 c full')), [[12, 3, 4, 3], [13, 3, 6, 2], [14, 3, 6, 2]]);
  });

  test('through the language service: a variable keeps its own highlights, elsewhere the pair', () => {
    const service = getLanguageService();
    const { transcript, position } = withCursor('@to = b@x\nC: RCPT TO:<{{t|o}}>\nS: 250 ok');
    assert.deepEqual(service.getDocumentHighlights({ uri: 'file:///t.smtp' }, transcript, position).map((h) => h.range.start.line), [0, 1]);
    const verb = withCursor('@to = b@x\nC: RC|PT TO:<{{to}}>\nS: 250 ok');
    assert.deepEqual(service.getDocumentHighlights({ uri: 'file:///t.smtp' }, verb.transcript, verb.position).map((h) => [h.range.start.line, h.kind]), [[1, 3], [2, 2]]);
  });
});
