import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTranscript } from '../../../server/src/model';
import type { Range, ReplyLine } from '../../../server/src/model';
import { argumentRange, argumentStart, clientPrefixRange, enhancedCodeRange, payloadRange, replyCodeRange, replyTextRange, verbEnd, verbRange, wholeLineRange } from '../../../server/src/model/lineRanges';

const replyLines = (text: string): ReplyLine[] => parseTranscript(text).sessions.flatMap((s) => s.exchanges.flatMap((e) => e.reply?.lines ?? []));
const at = (text: string, range: Range | undefined) => range && text.split('\n')[range.start.line].slice(range.start.character, range.end.character);
const ranges = (line: ReplyLine) => [line.code === undefined ? undefined : replyCodeRange(line), enhancedCodeRange(line), replyTextRange(line)];

describe('ranges inside a line, computed when asked', () => {
  test('a reply line with a code, an enhanced code and text', () => {
    const [line] = replyLines('S: 250-2.1.0 Sender ok');
    assert.deepEqual(ranges(line), [
      { start: { line: 0, character: 3 }, end: { line: 0, character: 6 } },
      { start: { line: 0, character: 7 }, end: { line: 0, character: 12 } },
      { start: { line: 0, character: 13 }, end: { line: 0, character: 22 } },
    ]);
  });

  test('a code alone: no enhanced code, the text empty at the line end', () => {
    const [line] = replyLines('S: 250');
    assert.deepEqual(ranges(line), [{ start: { line: 0, character: 3 }, end: { line: 0, character: 6 } }, undefined, { start: { line: 0, character: 6 }, end: { line: 0, character: 6 } }]);
  });

  test('a marker or a line without a code: the whole payload is its text', () => {
    const lines = replyLines('S: 220 hi\nC: NOOP\nS: ...\nC: QUIT\nS: bye');
    assert.deepEqual(ranges(lines[1]), [undefined, undefined, { start: { line: 2, character: 3 }, end: { line: 2, character: 6 } }]);
    assert.deepEqual(ranges(lines[2]), [undefined, undefined, { start: { line: 4, character: 3 }, end: { line: 4, character: 6 } }]);
  });

  test('a client line: the whole line and its prefix', () => {
    const t = parseTranscript('S: 220 hi\nC:QUIT\nS: 221 bye\nC:');
    const [, quit, empty] = t.sessions[0].exchanges;
    assert.ok(quit.kind === 'command' && empty.kind === 'command');
    assert.deepEqual(wholeLineRange(quit.command.line), { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } });
    assert.deepEqual(clientPrefixRange(quit.command.line), { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } });
    assert.deepEqual(wholeLineRange(empty.command.line), { start: { line: 3, character: 0 }, end: { line: 3, character: 2 } });
  });

  test("a command's verb and argument, blanks before the verb and a tab after it included", () => {
    const t = parseTranscript('S: 220 hi\nC:   mail\tFROM:<a@b.c>\nS: 250 ok\nC: QUIT\nS: 221 bye\nC:    ');
    const [, mail, quit, blank] = t.sessions[0].exchanges.map((e) => (e.kind === 'command' ? e.command : undefined)!);
    const spans = (c: typeof mail) => [verbRange(c), argumentRange(c), verbEnd(c), argumentStart(c)];
    assert.deepEqual(spans(mail), [
      { start: { line: 1, character: 5 }, end: { line: 1, character: 9 } },
      { start: { line: 1, character: 10 }, end: { line: 1, character: 22 } },
      9,
      10,
    ]);
    assert.deepEqual(spans(quit), [{ start: { line: 3, character: 3 }, end: { line: 3, character: 7 } }, { start: { line: 3, character: 7 }, end: { line: 3, character: 7 } }, 7, 7]);
    // No verb: the verb's range is the whole payload, and the argument is empty at its end.
    assert.deepEqual(spans(blank), [{ start: { line: 5, character: 3 }, end: { line: 5, character: 6 } }, { start: { line: 5, character: 6 }, end: { line: 5, character: 6 } }, 6, 6]);
  });

  test('random reply lines: each range holds what the line says stands there', () => {
    const payload = fc.stringMatching(/^(?:[2-5x][0-9x]{2}[- ]?(?:[245xX]\.[0-9x]{1,3}\.[0-9x]{1,3}[ ]?)?[ -~]{0,12}|[a-z ]{1,8}|\.\.\.)$/);
    fc.assert(
      fc.property(fc.array(payload, { minLength: 1, maxLength: 8 }), (payloads) => {
        const text = ['S: 220 hi', 'C: NOOP', ...payloads.map((p) => `S: ${p}`)].join('\n');
        for (const line of replyLines(text)) {
          if (line.code !== undefined) assert.equal(at(text, replyCodeRange(line))!.toLowerCase(), line.code);
          if (line.enhancedCode !== undefined) assert.equal(at(text, enhancedCodeRange(line))!.toLowerCase(), line.enhancedCode);
          else assert.equal(enhancedCodeRange(line), undefined);
          assert.equal(at(text, replyTextRange(line)), line.text);
          assert.equal(at(text, wholeLineRange(line)), text.split('\n')[line.line]);
          assert.equal(at(text, payloadRange(line.payload)), line.payload.text);
        }
      }),
      { seed: 5, numRuns: 500 },
    );
  });
});
