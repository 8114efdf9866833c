// An edit inside one DATA message's content or one `BDAT *` chunk: the touched lines are parsed again as content, the
// other parts kept (model/contentEdit.ts); the model is what a parse from scratch gives.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTranscript, type BdatExchange, type ClientLine, type MessageExchange, type Transcript } from '../../../server/src/model';
import { editedContentOf } from '../../../server/src/model/contentLineage';
import { assertEditsParseAsFromScratch } from './transcriptEdits';
import { longBdatMessage, longMimeMessage, mimeEdit } from './longSessionEdits';

const SEED = 20261206;

/** A session whose DATA content holds `lines` numbered body lines (line 7 is the first content line). */
function message(lines: number): string {
  const body = Array.from({ length: lines }, (_, i) => `C: line ${i}`);
  return ['S: 220 mx.test', 'C: EHLO me', 'S: 250 ok', 'C: MAIL FROM:<a@x.test>', 'S: 250 ok', 'C: DATA', 'S: 354 go', ...body, 'C: .', 'S: 250 ok', 'C: QUIT', 'S: 221 bye', ''].join('\n');
}

/** `edited` parsed with the parse of `text`, asserted to be what a parse from scratch gives; `why` names the case. */
function reparsed(text: string, edited: string, why?: string): { before: Transcript; after: Transcript } {
  const before = parseTranscript(text);
  const after = parseTranscript(edited, before);
  assert.deepStrictEqual(after, parseTranscript(edited), why);
  return { before, after };
}

const messageOf = (t: Transcript): MessageExchange => t.sessions[0].exchanges.find((e): e is MessageExchange => e.kind === 'message')!;

/** A session whose `BDAT` chunk holds `lines` numbered lines (line 6 is its first), MAIL and RCPT pipelined with it. */
function chunk(lines: number, bdat = 'BDAT * LAST'): string {
  const body = Array.from({ length: lines }, (_, i) => `C: line ${i}`);
  return ['S: 220 mx.test', 'C: EHLO me', 'S: 250 CHUNKING', 'C: MAIL FROM:<a@x.test>', 'C: RCPT TO:<b@y.test>', `C: ${bdat}`, ...body, 'S: 250 ok', 'S: 250 ok', 'S: 250 queued', 'C: QUIT', 'S: 221 bye', ''].join('\n');
}

const chunkOf = (t: Transcript): BdatExchange => t.sessions[0].exchanges.find((e): e is BdatExchange => e.kind === 'bdat')!;

describe('parseTranscript after an edit inside a long message', () => {
  test('a letter typed: every other part is the same object, the model that of a parse from scratch', () => {
    const text = message(400);
    const { before, after } = reparsed(text, text.replace('line 200\n', 'line 2x0\n'));
    const [old, now] = [messageOf(before).parts, messageOf(after).parts];
    assert.deepStrictEqual(now.map((part, i) => part === old[i]).filter((same) => !same).length, 1);
    assert.equal(now[200].line, 207);
    const { from, ...edit } = editedContentOf(messageOf(after))!;
    assert.equal(from.deref(), messageOf(before));
    assert.deepStrictEqual(edit, { start: 200, removed: 1, inserted: 1, shift: 0 });
  });

  test('a line typed: the parts above are the same objects, those below moved a line down', () => {
    const text = message(400);
    const { before, after } = reparsed(text, text.replace('C: line 200\n', 'C: line 200\nC: new\n'));
    const [old, now] = [messageOf(before).parts, messageOf(after).parts];
    assert.ok(now.slice(0, 200).every((part, i) => part === old[i]));
    assert.deepStrictEqual([(now[201] as ClientLine).text, now[201].line, now[202].line, old[201].line], ['new', 208, 209, 208]);
    assert.equal(messageOf(after).terminator!.line, 408);
  });

  test('a file with CRLF line ends: the same, every other part kept', () => {
    const text = message(400).replaceAll('\n', '\r\n');
    const { before, after } = reparsed(text, text.replace('line 200\r\n', 'line 2x0\r\n'));
    assert.equal(messageOf(after).parts.filter((part, i) => part !== messageOf(before).parts[i]).length, 1);
  });

  test('content written before the 354 that answers its DATA, replies below it: a line added moves them too', () => {
    // Pipelined MAIL and DATA answered after the content (a transcript written out of order): their replies stand below.
    const body = Array.from({ length: 300 }, (_, i) => `C: line ${i}`);
    const text = ['S: 220 mx.test', 'C: EHLO me', 'S: 250 ok', 'C: MAIL FROM:<a@x.test>', 'C: DATA', ...body, 'C: .', 'S: 250 ok', 'S: 354 go', 'S: 250 queued', ''].join('\n');
    for (const edited of [text.replace('C: line 100\n', 'C: line 100\nC: more\n'), text.replace('C: line 100\n', ''), text.replace('line 100', 'line 1x0')]) {
      reparsed(text, edited);
    }
  });

  test('a line that ends the content (`C: .`, an `S:` line) or a directive: the session is parsed again, as from scratch', () => {
    for (const inserted of ['C: .\n', 'S: 250 ok\n', '@x = 1\n', 'x: unknown\n', '# comment\n', '\n', 'C: <close>\n']) {
      const text = message(400);
      reparsed(text, text.replace('C: line 300\n', `C: line 300\n${inserted}`), inserted);
    }
    // A server marker among the lines (the session's), edited into no marker: the session is parsed again.
    const marked = message(400).replace('C: line 300\n', 'S: <delay 1s>\n');
    const { after } = reparsed(marked, marked.replace('S: <delay 1s>', 'x: <delay 1s>'));
    assert.equal(after.sessions[0].serverMarkers, undefined);
  });

  test('a letter typed in a `BDAT *` chunk: every other part the same object, the octets counted again', () => {
    const text = chunk(400);
    const { before, after } = reparsed(text, text.replace('line 200\n', 'line 2000\n'));
    const [old, now] = [chunkOf(before), chunkOf(after)];
    assert.equal(now.parts.filter((part, i) => part !== old.parts[i]).length, 1);
    assert.equal(now.chunkOctets, old.chunkOctets + 1);
    assert.equal(now.command, old.command);
    const { from, ...edit } = editedContentOf(now)!;
    assert.equal(from.deref(), old);
    assert.deepStrictEqual(edit, { start: 200, removed: 1, inserted: 1, shift: 0 });
  });

  test('a line typed in a `BDAT *` chunk: the replies of the commands pipelined with it move down with its own', () => {
    const text = chunk(400);
    const { before, after } = reparsed(text, text.replace('C: line 200\n', 'C: line 200\nC: new\n'));
    const replyLines = (t: Transcript) => t.sessions[0].exchanges.slice(2, 5).map((e) => e.reply!.lines[0].line);
    assert.deepStrictEqual([replyLines(before), replyLines(after)], [[406, 407, 408], [407, 408, 409]]);
    assert.equal(chunkOf(after).chunkOctets, chunkOf(before).chunkOctets + 'new\r\n'.length);
    const { from, ...edit } = editedContentOf(chunkOf(after))!;
    assert.equal(from.deref(), chunkOf(before));
    assert.deepStrictEqual(edit.shift, 1);
    // The MAIL and RCPT are copies (their replies moved), the EHLO above the same object.
    assert.equal(after.sessions[0].exchanges[1], before.sessions[0].exchanges[1]);
    assert.notEqual(after.sessions[0].exchanges[2], before.sessions[0].exchanges[2]);
  });

  test('a counted chunk (`BDAT 2000`), or a line that ends the chunk: parsed again, as from scratch', () => {
    const counted = chunk(400, 'BDAT 4000 LAST');
    for (const edited of [counted.replace('line 200\n', 'line 2x0\n'), counted.replace('C: line 200\n', 'C: line 200\nC: new\n')]) {
      reparsed(counted, edited);
    }
    // No reply below the chunk: its last line is the session's, whose range ends where that line does.
    const unanswered = chunk(400).replace(/\nS: 250 ok[^]*$/, '\n');
    assert.deepStrictEqual(parseTranscript(unanswered.replace('line 399', 'line 3'), parseTranscript(unanswered)), parseTranscript(unanswered.replace('line 399', 'line 3')));
    for (const inserted of ['C: .\n', 'S: 250 ok\n', '@x = 1\n', '# comment\n', '\n', 'C: <close>\n', '### next\n']) {
      const text = chunk(400);
      const edited = text.replace('C: line 300\n', `C: line 300\n${inserted}`);
      reparsed(text, edited, inserted);
    }
  });

  test('an edit outside a long message (its RCPT, its QUIT, a line added above it): its content is taken from the previous parse', () => {
    const text = message(400);
    for (const edited of [text.replace('C: MAIL FROM:<a@x.test>', 'C: MAIL FROM:<ab@x.test>'), text.replace('C: QUIT', 'C: QUITS')]) {
      const { before, after } = reparsed(text, edited);
      // The lines are the same objects, in a list of the new message's own; it notes where they came from.
      assert.ok(messageOf(after).parts.every((part, i) => part === messageOf(before).parts[i]));
      assert.notEqual(messageOf(after).parts, messageOf(before).parts);
      const { from, ...edit } = editedContentOf(messageOf(after))!;
      assert.equal(from.deref(), messageOf(before));
      assert.deepStrictEqual(edit, { start: 0, removed: 0, inserted: 0, shift: 0, whole: true });
    }
    const { after } = reparsed(text, text.replace('C: EHLO me\n', 'C: EHLO me\n# a comment\nC: NOOP\nS: 250 ok\n'));
    assert.deepStrictEqual({ ...editedContentOf(messageOf(after))!, from: undefined }, { from: undefined, start: 0, removed: 0, inserted: 0, shift: 3, whole: true });
  });

  test('an edit outside a long `BDAT *` chunk (its RCPT answered below it, its QUIT, a line added above): the chunk is taken whole', () => {
    const text = chunk(400);
    for (const edited of [text.replace('<b@y.test>', '<bc@y.test>'), text.replace('C: QUIT', 'C: QUIT x'), text.replace('C: EHLO me\n', 'C: EHLO me\n# typed\n')]) {
      const { before, after } = reparsed(text, edited);
      assert.equal(editedContentOf(chunkOf(after))?.whole, true);
      assert.equal(chunkOf(after).chunkOctets, chunkOf(before).chunkOctets);
    }
    // The `S:` line that ended the chunk edited into no reply: the chunk reads on, and is not taken whole.
    const reread = reparsed(text, text.replace('S: 250 ok\nS: 250 ok\nS: 250 queued', ': 250 ok\nC: more\nS: 250 ok\nS: 250 queued')).after;
    assert.equal(editedContentOf(chunkOf(reread)), undefined);
    // No reply below it: the chunk's last line ends the session, whose range must still reach it.
    const unanswered = chunk(400).replace(/\nS: 250 ok[^]*$/, '\n### next\nS: 220 mx.test\n');
    assert.equal(reparsed(unanswered, unanswered.replace('C: EHLO me', 'C: EHLO you')).after.sessions[0].range.end.line, 405);
  });

  test('its DATA edited into `BDAT *` above the content, or back: the lines are read again as the other kind', () => {
    // A `C: .` among the chunk's lines is chunk data; as DATA content, it ends the message there.
    const chunked = chunk(400).replace('C: line 200\n', 'C: .\n');
    for (const edited of [chunked.replace('C: BDAT * LAST', 'C: DATA\nS: 354 go'), chunked.replace('C: BDAT * LAST', 'C: DATA')]) {
      assert.equal(editedContentOf(messageOf(reparsed(chunked, edited).after)), undefined);
    }
    const data = message(400);
    const { after } = reparsed(data, data.replace('C: DATA\nS: 354 go', 'C: BDAT * LAST'));
    assert.equal(editedContentOf(chunkOf(after)), undefined);
  });

  test('content with a problem on its lines, or a comment: they are taken with it, moved', () => {
    const text = message(400).replace('C: line 100\n', 'C: line {{100\n# note\n').replace('C: line 300\n', 'C: line 300\nbad\n');
    for (const edited of [text.replace('C: EHLO me\n', 'C: EHLO me\nC: NOOP\nS: 250 ok\n'), text.replace('C: QUIT', 'C: QUIT x')]) {
      reparsed(text, edited);
    }
  });

  test('a session with a directive of its own: its content is taken; a directive or a marker among its lines: read again', () => {
    const own = `### s\n@tls = none\n${message(400)}`;
    assert.equal(editedContentOf(messageOf(reparsed(own, own.replace('C: QUIT', 'C: QUIT x')).after))?.whole, true);
    for (const inside of ['@x = 1\n', 'S: <delay 1s>\n']) {
      const text = message(400).replace('C: line 200\n', `C: line 200\n${inside}`);
      const { after } = reparsed(text, text.replace('C: QUIT', 'C: QUIT x'), inside);
      assert.equal(editedContentOf(messageOf(after)), undefined, inside);
    }
  });

  test('random edit chains in one long MIME message: the same model as a parse from scratch', () => {
    const chain = longMimeMessage.chain((text) => fc.tuple(fc.constant(text), fc.array(mimeEdit(text), { minLength: 1, maxLength: 8 })));
    fc.assert(
      fc.property(chain, ([original, edits]) => assertEditsParseAsFromScratch(original, edits.map((e) => () => e))),
      { seed: SEED, numRuns: 80 },
    );
  });

  test('random edit chains in one long MIME message sent by BDAT: the same model as a parse from scratch', () => {
    const chain = longBdatMessage.chain((text) => fc.tuple(fc.constant(text), fc.array(mimeEdit(text), { minLength: 1, maxLength: 8 })));
    fc.assert(
      fc.property(chain, ([original, edits]) => assertEditsParseAsFromScratch(original, edits.map((e) => () => e))),
      { seed: SEED, numRuns: 80 },
    );
  });
});
