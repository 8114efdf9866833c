import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { exchangeRange, parseTranscript, type Exchange } from '../../../server/src/model';
import { contentCutAt } from '../../../server/src/model/dialogueEvents';
import { isInclude } from '../../../server/src/model/contentParts';
import { outline, problems } from './transcriptOutline';

const OPEN = ['S: 220 mx.test', 'C: MAIL FROM:<a@client.test>', 'S: 250 ok', 'C: RCPT TO:<b@mx.test>', 'S: 250 ok'];
const DATA = [...OPEN, 'C: DATA', 'S: 354 go'];
const ENVELOPE = ['greeting g-1 1-1 220', 'command MAIL g0 2-3 250', 'command RCPT g1 4-5 250'];
const parse = (...lines: string[]) => parseTranscript(lines.join('\n'));
const contentLines = (e: Exchange) => (e.kind === 'message' || e.kind === 'bdat' ? e.parts.map((p) => (isInclude(p) ? `< ${p.path.text}` : p.text)) : []);

describe('C: <close> inside message content', () => {
  test("the content's last line, the session's end after it: the client drops the connection inside the message", () => {
    const t = parse(...DATA, 'C: Subject: half', 'C:', 'C: first half', 'C: <close>');
    assert.deepEqual(problems(t), []);
    assert.deepEqual(outline(t), [...ENVELOPE, 'command DATA g2 6-7 354', 'message g3 8-10 -', 'client-close g3 11-11 -']);
    const [message, close] = t.sessions[0].exchanges.slice(-2);
    assert.deepEqual([message.kind === 'message' && message.cutByClient, message.kind === 'message' && message.terminator], [true, undefined]);
    assert.deepEqual(contentLines(message), ['Subject: half', '', 'first half']);
    assert.deepEqual(exchangeRange(message), { start: { line: 7, character: 0 }, end: { line: 9, character: 13 } });
    assert.equal(contentCutAt(t.sessions[0].exchanges, 5), message);
    assert.ok(close.kind === 'client-close' && close.line.line === 10);
  });

  test('only a comment and `S: <closed>` after it: still the close', () => {
    const t = parse(...DATA, 'C: half', 'C: <close>', '# the server never answers', 'S: <closed>');
    assert.deepEqual(problems(t), []);
    assert.deepEqual(outline(t), [...ENVELOPE, 'command DATA g2 6-7 354', 'message g3 8-8 -', 'client-close g3 9-9 -']);
    assert.equal(t.sessions[0].expectsClose?.line, 10);
  });

  test('right after the 354: an empty message the client abandons', () => {
    const t = parse(...DATA, 'C: <close>');
    assert.deepEqual(problems(t), []);
    assert.deepEqual(outline(t), [...ENVELOPE, 'command DATA g2 6-7 354', 'message g3 7-7 -', 'client-close g3 8-8 -']);
    assert.deepEqual(contentLines(t.sessions[0].exchanges[4]), []);
  });

  test('more content and `.` after it: a line of the message, as before', () => {
    const t = parse(...DATA, 'C: <close>', 'C: more', 'C: .', 'S: 250 ok');
    assert.deepEqual(problems(t), []);
    assert.deepEqual(outline(t), [...ENVELOPE, 'command DATA g2 6-7 354', 'message g3 8-11 250']);
    const message = t.sessions[0].exchanges[4];
    assert.deepEqual([contentLines(message), message.kind === 'message' && message.cutByClient], [['<close>', 'more'], undefined]);
  });

  test('a `<close>` line, an include, then `.`: content too', () => {
    const t = parse(...DATA, 'C: <close>', '< ./body.txt', 'C: .', 'S: 250 ok');
    assert.deepEqual(problems(t), []);
    assert.deepEqual(contentLines(t.sessions[0].exchanges[4]), ['<close>', '< ./body.txt']);
  });

  test('content after it but no `.`: unterminated, and the problem says why `<close>` did not close', () => {
    const t = parse(...DATA, 'C: <close>', 'C: more');
    assert.deepEqual(
      t.diagnostics.map((d) => [d.code, d.range.start.line, d.message]),
      [
        [
          'data-unterminated',
          7,
          "Message content must end with a line `C: .` before the server's reply (RFC 5321 §4.1.1.4). The `C: <close>` on line 8 is a line of the content: the client closes the connection inside the content only with `C: <close>` as its last line.",
        ],
      ],
    );
  });

  test('a reply and a command after it: the close stands and takes no reply; the command is sent after the connection closed (lint reports it)', () => {
    const t = parse(...DATA, 'C: half', 'C: <close>', 'S: 250 ok', 'C: NOOP', 'S: 250 ok');
    assert.deepEqual(problems(t), ['10:1 reply-without-command']);
    assert.deepEqual(outline(t).slice(-3), ['message g3 8-8 -', 'client-close g3 9-9 -', 'command NOOP g4 11-12 250']);
  });

  test('`S: <reset>` right after it: the server ends the connection first, so `<close>` is the last line it read', () => {
    const t = parse(...DATA, 'C: half', 'C: <close>', 'S: <reset>');
    assert.deepEqual(problems(t), []);
    assert.deepEqual(outline(t).slice(-1), ['message g3 8-9 -']);
    assert.deepEqual(contentLines(t.sessions[0].exchanges[4]), ['half', '<close>']);
  });

  test('a second message in another session is not touched', () => {
    const t = parse(...DATA, 'C: <close>', '###', ...DATA, 'C: x', 'C: .', 'S: 250 ok');
    assert.deepEqual(problems(t), []);
    assert.deepEqual(outline(t, 1).slice(-1), ['message g3 17-19 250']);
  });
});

describe('C: <close> inside a BDAT chunk', () => {
  test('short of the declared octets: the client drops the connection inside the chunk', () => {
    const t = parse(...OPEN, 'C: BDAT 100 LAST', 'C: Subject: half', 'C: <close>');
    assert.deepEqual(problems(t), []);
    assert.deepEqual(outline(t), [...ENVELOPE, 'bdat BDAT g2 6-7 -', 'client-close g2 8-8 -']);
    const chunk = t.sessions[0].exchanges[3];
    assert.ok(chunk.kind === 'bdat');
    assert.deepEqual([chunk.cutByClient, chunk.chunkOctets, contentLines(chunk)], [true, 15, ['Subject: half']]);
    assert.equal(contentCutAt(t.sessions[0].exchanges, 4), chunk);
  });

  test('a `<close>` line that completes the declared size is chunk data', () => {
    const t = parse(...OPEN, 'C: BDAT 9 LAST', 'C: <close>', 'S: 250 ok');
    assert.deepEqual(problems(t), []);
    assert.deepEqual(outline(t).slice(-1), ['bdat BDAT g2 6-8 250']);
  });

  test('a `<close>` line that would overflow the declared size, with nothing after it: the close too', () => {
    const t = parse(...OPEN, 'C: BDAT 4 LAST', 'C: <close>');
    assert.deepEqual(problems(t), []);
    assert.deepEqual(outline(t).slice(-2), ['bdat BDAT g2 6-6 -', 'client-close g2 7-7 -']);
  });

  test('a `<close>` line that more of the chunk follows is chunk data, counted', () => {
    const t = parse(...OPEN, 'C: BDAT 20 LAST', 'C: <close>', 'C: abcdefghi', 'S: 250 ok');
    assert.deepEqual(problems(t), []);
    const chunk = t.sessions[0].exchanges[3];
    assert.deepEqual([contentLines(chunk), chunk.kind === 'bdat' && chunk.chunkOctets], [['<close>', 'abcdefghi'], 20]);
  });

  test('`BDAT *` counts no size, so its `<close>` line is data as before', () => {
    const t = parse(...OPEN, 'C: BDAT * LAST', 'C: <close>', 'S: 250 ok');
    assert.deepEqual(problems(t), []);
    assert.deepEqual(outline(t).slice(-1), ['bdat BDAT g2 6-8 250']);
  });

  test('short without `<close>`: the size mismatch, as before', () => {
    const t = parse(...OPEN, 'C: BDAT 100 LAST', 'C: half');
    assert.deepEqual(problems(t), ['6:9 bdat-size-mismatch']);
  });
});
