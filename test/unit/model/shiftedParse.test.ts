// A long session parsed again below an edit that added or removed lines: copies of the previous exchanges, shifted,
// and for the stretches' first exchanges where each came from, told once and one version back only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exchangeStartLine, parseTranscript } from '../../../server/src/model';
import { checkpointsOf } from '../../../server/src/model/sessionCheckpoints';
import { inPlaceEdits, shiftedExchange, takeMovedFrom } from '../../../server/src/model/shiftedParse';

const plain = (i: number) => [`C: MAIL FROM:<a${i}@x.test>`, 'S: 250 ok', 'C: RCPT TO:<b@y.test>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: Subject: hi', 'C:', 'C: body', 'C: .', 'S: 250 queued'];
const text = ['S: 220 mx.test ESMTP', 'C: EHLO client.test', 'S: 250 mx.test', ...Array.from({ length: 60 }, (_, i) => plain(i)).flat(), 'C: QUIT', 'S: 221 bye'].join('\n');

test("a copied stretch start tells its original and how far it moved, once, and only the newest copy's", () => {
  const at = text.indexOf('C: MAIL FROM:<a10@');
  const v0 = parseTranscript(text);
  const v1 = parseTranscript(text.slice(0, at) + '\n' + text.slice(at), v0);
  const v2 = parseTranscript(text.slice(0, at) + '\n\n\n' + text.slice(at), v1);
  // The last checkpoint's exchange, far below the edit, in each version.
  const lastStart = (t: typeof v0) => {
    const checkpoints = checkpointsOf(t.sessions[0])!;
    return t.sessions[0].exchanges[checkpoints[checkpoints.length - 1].exchanges];
  };
  const [e0, e1, e2] = [lastStart(v0), lastStart(v1), lastStart(v2)];
  assert.deepEqual([exchangeStartLine(e1) - exchangeStartLine(e0), exchangeStartLine(e2) - exchangeStartLine(e1)], [1, 2]);
  // v1's copy no longer names v0's exchange: v2 copied it, so nothing keeps v0 alive through it.
  assert.equal(takeMovedFrom(e1), undefined);
  assert.deepEqual(takeMovedFrom(e2), { from: e1, by: 2, fromEdits: 0 });
  assert.equal(takeMovedFrom(e2), undefined);
});

test('a stretch edited in place keeps its first exchange, counted once per edit; a copy names the count it was copied at', () => {
  const v0 = parseTranscript(text);
  const lastStart = (t: typeof v0) => {
    const checkpoints = checkpointsOf(t.sessions[0])!;
    return t.sessions[0].exchanges[checkpoints[checkpoints.length - 1].exchanges];
  };
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
