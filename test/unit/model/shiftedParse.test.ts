// A long session parsed again below an edit that added or removed lines: copies of the previous exchanges, shifted,
// and for the stretches' first exchanges where each came from (the first original nothing asked about since), told once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exchangeStartLine, parseTranscript } from '../../../server/src/model';
import { checkpointsOf } from '../../../server/src/model/sessionCheckpoints';
import { inPlaceEdits, shiftedExchange, takeMovedFrom } from '../../../server/src/model/shiftedParse';

const plain = (i: number) => [`C: MAIL FROM:<a${i}@x.test>`, 'S: 250 ok', 'C: RCPT TO:<b@y.test>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: Subject: hi', 'C:', 'C: body', 'C: .', 'S: 250 queued'];
const text = ['S: 220 mx.test ESMTP', 'C: EHLO client.test', 'S: 250 mx.test', ...Array.from({ length: 60 }, (_, i) => plain(i)).flat(), 'C: QUIT', 'S: 221 bye'].join('\n');

/** The last checkpoint's exchange, far below the edits, in a version. */
function lastStart(t: ReturnType<typeof parseTranscript>) {
  const checkpoints = checkpointsOf(t.sessions[0])!;
  return t.sessions[0].exchanges[checkpoints[checkpoints.length - 1].exchanges];
}

test("a copied stretch start tells its original and how far it moved, once; a copy of a copy names the first original", () => {
  const at = text.indexOf('C: MAIL FROM:<a10@');
  const v0 = parseTranscript(text);
  const v1 = parseTranscript(text.slice(0, at) + '\n' + text.slice(at), v0);
  const v2 = parseTranscript(text.slice(0, at) + '\n\n\n' + text.slice(at), v1);
  // Nothing read v1's exchanges below the edit (a lazy tail, lazyTail.ts): v2's are v0's moved by both edits, and
  // its copy names v0's exchange.
  const [e0, e2] = [lastStart(v0), lastStart(v2)];
  assert.equal(exchangeStartLine(e2) - exchangeStartLine(e0), 3);
  assert.deepEqual(takeMovedFrom(e2), { from: e0, by: 3, fromEdits: 0 });
  assert.equal(takeMovedFrom(e2), undefined);
  // v1's copy, made when something reads it, names v0's exchange too.
  const e1 = lastStart(v1);
  assert.equal(exchangeStartLine(e1) - exchangeStartLine(e0), 1);
  assert.deepEqual(takeMovedFrom(e1), { from: e0, by: 1, fromEdits: 0 });
  // Told once: the next copy names the one asked about.
  const v3 = parseTranscript(text.slice(0, at) + '\n\n' + text.slice(at), v2);
  assert.deepEqual(takeMovedFrom(lastStart(v3)), { from: e2, by: -1, fromEdits: 0 });
});

test('a copy of a copy edited in place between names that copy, with its count', () => {
  const at = text.indexOf('C: MAIL FROM:<a10@');
  const v0 = parseTranscript(text);
  const moved = text.slice(0, at) + '\n' + text.slice(at);
  const v1 = parseTranscript(moved, v0);
  // A letter typed in the last message's body keeps the last stretch's first exchange, counted.
  const body = moved.lastIndexOf('C: body') + 4;
  const typed = moved.slice(0, body) + 'x' + moved.slice(body);
  const v2 = parseTranscript(typed, v1);
  assert.equal(lastStart(v2), lastStart(v1));
  const v3 = parseTranscript(typed.slice(0, at) + '\n' + typed.slice(at), v2);
  assert.deepEqual(takeMovedFrom(lastStart(v3)), { from: lastStart(v2), by: 1, fromEdits: 1 });
});

test('a stretch edited in place keeps its first exchange, counted once per edit; a copy names the count it was copied at', () => {
  const v0 = parseTranscript(text);
  // A letter typed in the last message's body: its content is parsed again in place.
  const body = text.lastIndexOf('C: body') + 4;
  const typed = text.slice(0, body) + 'x' + text.slice(body);
  const v1 = parseTranscript(typed, v0);
  assert.equal(lastStart(v1), lastStart(v0));
  assert.deepEqual([inPlaceEdits(lastStart(v0)), inPlaceEdits(lastStart(v1))], [1, 1]);
  const at = typed.indexOf('C: MAIL FROM:<a10@');
  const v2 = parseTranscript(typed.slice(0, at) + '\n' + typed.slice(at), v1);
  assert.deepEqual(takeMovedFrom(lastStart(v2)), { from: lastStart(v1), by: 1, fromEdits: 1 });
  assert.equal(inPlaceEdits(lastStart(v2)), 0);
});

test('every kind of exchange, shifted, is what a parse two lines further down gives: the same keys in the same order', () => {
  const text = [
    'S: 220 mx.test ESMTP',
    'C: EHLO client.test',
    'S: 250-mx.test',
    'S: 250 CHUNKING',
    'C: NOOP',
    'C: AUTH LOGIN',
    'S: 250 ok',
    'S: 334 VXNlcm5hbWU6',
    'C: dGVzdA==',
    'S: 235 ok',
    'C: MAIL FROM:<{{sender}}>',
    'S: 250 ok',
    'C: RCPT TO:<b@y.test>',
    'S: 250 ok',
    'C: DATA',
    'S: 354 go',
    'C: Subject: hi',
    '< ./body.eml',
    'C: .',
    'S: 250 queued',
    'C: BDAT 4 LAST',
    'C: abcd',
    'S: 250 ok',
    'C: DATA',
    'S: 354 go',
    'C: cut short',
    'S: 451 aborted',
    'C: <close>',
  ].join('\n');
  const exchanges = parseTranscript(text).sessions[0].exchanges;
  const below = parseTranscript('\n\n' + text).sessions[0].exchanges;
  assert.deepStrictEqual(
    exchanges.map((e) => e.kind),
    ['greeting', 'command', 'command', 'command', 'auth-response', 'command', 'command', 'command', 'message', 'bdat', 'command', 'message', 'client-close'],
  );
  const shifted = exchanges.map((e) => shiftedExchange(e, 2));
  assert.deepStrictEqual(shifted, below);
  assert.equal(JSON.stringify(shifted), JSON.stringify(below));
});
