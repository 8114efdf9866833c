// Re-parsing a long session from its checkpoints: after any chain of edits, the model a parse from scratch gives.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTranscript } from '../../../server/src/model';
import { assertEditsParseAsFromScratch } from './transcriptEdits';
import { ehloReplyEdit, longMessage, longSession, sessionEdit } from './longSessionEdits';

const SEED = 20261203;

/** A long session and a chain of edits to it, each drawn for the text it edits. */
const editChain = longSession.chain((text) =>
  fc.tuple(fc.constant(text), fc.array(fc.tuple(sessionEdit(text), fc.boolean()), { minLength: 1, maxLength: 8 })),
);

describe('parseTranscript of a long session with the previous parse', () => {
  test('random edit chains in long sessions: the same model as a parse from scratch', () => {
    fc.assert(
      fc.property(editChain, ([original, edits]) =>
        assertEditsParseAsFromScratch(original, edits.map(([e, ehlo]) => (text: string) => (ehlo && ehloReplyEdit(text)) || e)),
      ),
      { seed: SEED, numRuns: 150 },
    );
  });

  test('random edit chains in one long message (no quiet point): the same model as a parse from scratch', () => {
    const messageChain = longMessage.chain((text) => fc.tuple(fc.constant(text), fc.array(sessionEdit(text), { minLength: 1, maxLength: 8 })));
    fc.assert(
      fc.property(messageChain, ([original, edits]) => assertEditsParseAsFromScratch(original, edits.map((e) => () => e))),
      { seed: SEED, numRuns: 150 },
    );
  });

  test('a letter typed in the last line of a long session, in a file ending in a line break: no line added', () => {
    const transaction = (i: number) => `C: MAIL FROM:<a${i}@x.test>\nS: 250 ok\nC: DATA\nS: 354 go\nC: Hello ${i}\nC: .\nS: 250 queued\n`;
    const text = 'S: 220 x\nC: EHLO me\nS: 250 ok\n' + Array.from({ length: 40 }, (_, i) => transaction(i)).join('');
    const edited = text.replace(/queued\n$/, 'queuedx\n');
    const incremental = parseTranscript(edited, parseTranscript(text));
    assert.deepStrictEqual(incremental.lines.slice(-2), ['S: 250 queuedx', '']);
    assert.deepStrictEqual(incremental, parseTranscript(edited));
  });

  test('a letter typed in a message deep in a long session keeps the exchanges above and below', () => {
    const transaction = (i: number) => `C: MAIL FROM:<a${i}@x.test>\nS: 250 ok\nC: RCPT TO:<b@y.test>\nS: 250 ok\nC: DATA\nS: 354 go\nC: Hello ${i}\nC: .\nS: 250 ok\n`;
    const text = 'S: 220 x\nC: EHLO me\nS: 250 ok\n' + Array.from({ length: 100 }, (_, i) => transaction(i)).join('');
    const before = parseTranscript(text);
    const after = parseTranscript(text.replace('Hello 50', 'Jello 50'), before);
    assert.deepStrictEqual(after, parseTranscript(text.replace('Hello 50', 'Jello 50')));
    const kept = after.sessions[0].exchanges.filter((exchange, i) => exchange === before.sessions[0].exchanges[i]).length;
    // 100 transactions of 5 exchanges, the greeting and EHLO: all but those between the checkpoints around the edit
    // (128 lines apart at least, 15 transactions) are the same objects.
    assert.ok(kept >= 502 - 3 * 15 * 5, `${kept} exchanges kept`);
  });
});
