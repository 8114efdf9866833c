// Lint of a long session in segments between its checkpoints, kept across edits: after any chain of edits, the
// diagnostics a lint from scratch gives.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createLintCache } from '../../../server/src/features/lint/lintCache';
import { lintTranscript } from '../../../server/src/features/lint/lintTranscript';
import { parseTranscript, type Transcript } from '../../../server/src/model';
import { checkpointsOf } from '../../../server/src/model/sessionCheckpoints';
import type { Edit } from '../model/transcriptEdits';
import { ehloReplyEdit, longSession, segmentableLongSession, sessionEdit } from '../model/longSessionEdits';
import { assertEditsLintAsFromScratch } from './lintEdits';

const SEED = 20261203;
const context = { env: { PW: 'set' } };

const chainOf = (sessions: fc.Arbitrary<string>) =>
  sessions.chain((text) => fc.tuple(fc.constant(text), fc.array(fc.tuple(sessionEdit(text), fc.boolean()), { minLength: 1, maxLength: 8 })));

/** Lints the text, then after each edit (an EHLO reply changed when the flag says so), as the language server does. */
function sameAsFromScratch([original, edits]: [string, [Edit, boolean][]]): void {
  assertEditsLintAsFromScratch(original, edits.map(([e, ehlo]) => (text: string) => (ehlo && ehloReplyEdit(text)) || e), context);
}

describe('lint of a long session in segments', () => {
  test('random edit chains in long sessions: the same diagnostics as a lint from scratch', () => {
    fc.assert(fc.property(chainOf(longSession), sameAsFromScratch), { seed: SEED, numRuns: 100 });
  });

  test('random edit chains in long sessions checked in segments (no directive or fault of their own): the same diagnostics', () => {
    fc.assert(fc.property(chainOf(segmentableLongSession), sameAsFromScratch), { seed: SEED, numRuns: 100 });
  });
});

describe('a long session below a line typed or removed', () => {
  // Checkpoints every 136 lines, every other one at a refused MAIL that a DATA follows: lint says the DATA cannot
  // succeed because the message two lines above, in the segment before, ended the transaction. That finding names a
  // line of the walk's state outside its own segment; the other findings name none, so the walks of the segments in
  // between are kept, and their end states are what the next walk starts from. The segments moved start past line
  // 5,400, so that no number the messages hold anyway (`554`, `RFC 5322`) is one of their lines.
  const plain = (i: number) => [`C: MAIL FROM:<a${i}@x.test>`, 'S: 250 ok', 'C: RCPT TO:<b@y.test>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: Subject: hi', 'C:', 'C: body', 'C: .', 'S: 250 queued'];
  const refused = ['C: MAIL FROM:<c@x.test>', 'S: 550 no', 'C: DATA', 'S: 503 bad sequence'];
  const reset = ['C: MAIL FROM:<d@x.test>', 'S: 250 ok', 'C: RSET', 'S: 250 ok'];
  const block = (i: number) => [...(i % 2 === 0 ? refused : reset), ...Array.from({ length: 12 }, (_, j) => plain(i * 12 + j)).flat()];
  const opening = ['S: 220 mx.test ESMTP', 'C: EHLO client.test', 'S: 250-mx.test', 'S: 250 8BITMIME', ...Array<string>(124).fill('# padding: the first checkpoint is at line 128')];
  const text = [...opening, ...Array.from({ length: 44 }, (_, i) => block(i)).flat(), 'C: QUIT', 'S: 221 bye', ''].join('\n');
  const at = text.indexOf('C: MAIL FROM:<a480@');

  test('the findings below move along, and one naming a line above its segment names it where it is now', () => {
    const cache = createLintCache();
    let previous = parseTranscript(text);
    lintTranscript(previous, { context, cache });
    for (const edited of [text.slice(0, at) + '\n' + text.slice(at), text, text.slice(0, at) + '\n\n\n' + text.slice(at)]) {
      const transcript = parseTranscript(edited, previous);
      const fromScratch = lintTranscript(parseTranscript(edited), { context });
      assert.deepStrictEqual(lintTranscript(transcript, { context, cache }), fromScratch);
      // The last refused MAIL's DATA names the `.` line of the message above it (1-based).
      const lines = edited.split('\n');
      const dot = lines.lastIndexOf('C: MAIL FROM:<c@x.test>') - 1;
      const last = fromScratch.filter((d) => d.code === 'data-without-recipient').at(-1)!;
      assert.match(last.message, new RegExp(`the message ending on line ${dot} `));
      previous = transcript;
    }
  });

  test("a line typed below a segment: the diagnostics of the segments above are the same objects where a rule group found 8 or more in the segment, each segment's kept with its findings", () => {
    const cache = createLintCache();
    const rules = {};
    const before = parseTranscript(text);
    const first = lintTranscript(before, { context, rules, cache });
    const edited = text.slice(0, at) + '\n' + text.slice(at);
    const second = lintTranscript(parseTranscript(edited, before), { context, rules, cache });
    assert.deepStrictEqual(second, lintTranscript(parseTranscript(edited), { context, rules }));
    const line = text.slice(0, at).split('\n').length - 1;
    const above = (list: typeof first) => list.filter((d) => d.range.end.line < line - 200);
    assert.ok(above(first).length > 10);
    assert.deepStrictEqual(above(second), above(first));
    // Each message lacks the same header fields: many findings of one group per segment, kept. A refused MAIL's DATA
    // is one finding of its group in its segment: made again, equal.
    const kept = (d: (typeof first)[number]) => d.code !== 'data-without-recipient';
    assert.ok(above(first).filter(kept).length > 10 && above(first).some((d) => !kept(d)));
    assert.deepStrictEqual(above(second).map((d, i) => d === above(first)[i]), above(first).map(kept));
  });

  test("a line typed above segments: the last lint's entries of the segments that moved are dropped, those above kept", () => {
    const cache = createLintCache();
    const before = parseTranscript(text);
    lintTranscript(before, { context, cache });
    const middle = text.indexOf('C: MAIL FROM:<a240@');
    const line = text.slice(0, middle).split('\n').length - 1;
    // Each segment's first exchange, above the edit and far below it.
    const starts = (t: Transcript, from: number, to: number) =>
      checkpointsOf(t.sessions[0])!.filter((c) => c.line >= from && c.line < to).map((c) => t.sessions[0].exchanges[c.exchanges]);
    const above = starts(before, 0, line - 300);
    const below = starts(before, line + 300, Infinity);
    assert.ok(above.length > 3 && below.length > 3);
    const kept = above.map((first) => cache.segments.segments.get(first));
    assert.ok(below.every((first) => cache.segments.segments.get(first) !== undefined));
    lintTranscript(parseTranscript(text.slice(0, middle) + '\n' + text.slice(middle), before), { context, cache });
    assert.deepStrictEqual(above.map((first) => cache.segments.segments.get(first)), kept);
    assert.deepStrictEqual(below.map((first) => cache.segments.segments.get(first)), below.map(() => undefined));
  });
});

describe("a long session after XCLIENT's 220 (the session started over)", () => {
  // Every MAIL below says XCLIENT on line 131 started the session over: a line of the walk's state in the first
  // segment, named by findings in every segment after it.
  const transaction = (i: number) => [`C: MAIL FROM:<a${i}@x.test>`, 'S: 250 ok', 'C: RCPT TO:<b@y.test>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: Subject: hi', 'C:', 'C: body', 'C: .', 'S: 250 queued'];
  const opening = ['S: 220 mx.test ESMTP', 'C: EHLO client.test', 'S: 250-mx.test', 'S: 250 XCLIENT ADDR NAME', ...Array<string>(126).fill('# padding')];
  const text = [...opening, 'C: XCLIENT ADDR=192.0.2.1', 'S: 220 mx.test ESMTP', ...Array.from({ length: 300 }, (_, i) => transaction(i)).flat(), 'C: QUIT', 'S: 221 bye', ''].join('\n');

  test('lines typed above XCLIENT and far below it: each time what a lint from scratch finds, naming its line where it is now', () => {
    const below = text.indexOf('C: MAIL FROM:<a200@');
    const cache = createLintCache();
    let previous = parseTranscript(text);
    lintTranscript(previous, { context, cache });
    for (const edited of [text.replace('# padding', '# padding\n'), text, text.slice(0, below) + '\n' + text.slice(below), text.replace('# padding', '\n\n')]) {
      const transcript = parseTranscript(edited, previous);
      const fromScratch = lintTranscript(parseTranscript(edited), { context });
      assert.deepStrictEqual(lintTranscript(transcript, { context, cache }), fromScratch);
      const xclient = edited.split('\n').indexOf('C: XCLIENT ADDR=192.0.2.1') + 1;
      const restarted = fromScratch.filter((d) => d.code === 'mail-before-helo');
      assert.equal(restarted.length, 300);
      assert.ok(restarted.every((d) => d.message.includes(`XCLIENT started the session over on line ${xclient}:`)));
      previous = transcript;
    }
  });
});
