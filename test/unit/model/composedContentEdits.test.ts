// Several edits inside one long message, each parsed from the one before: the last version names how it came from each
// older one (model/composedContentEdits.ts), so that a feature whose work is some keystrokes old finds the edit.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript, type BdatExchange, type MessageExchange, type Transcript } from '../../../server/src/model';
import { editedContentFrom, editedContentOf, type ContentExchange, type EditedContent } from '../../../server/src/model/contentLineage';
import { EARLIER_KEPT } from '../../../server/src/model/composedContentEdits';

/** A session whose DATA content holds `lines` numbered body lines (line 7 is the first content line, part 0). */
function message(lines: number): string {
  const body = Array.from({ length: lines }, (_, i) => `C: line ${i}`);
  return ['S: 220 mx.test', 'C: EHLO me', 'S: 250 ok', 'C: MAIL FROM:<a@x.test>', 'S: 250 ok', 'C: RCPT TO:<b@y.test>', 'S: 250 ok', 'C: DATA', 'S: 354 go', ...body, 'C: .', 'S: 250 ok', 'C: QUIT', 'S: 221 bye', ''].join('\n');
}

/** The same content in one `BDAT *` chunk, MAIL and RCPT pipelined with it and answered below it. */
function chunk(lines: number): string {
  const body = Array.from({ length: lines }, (_, i) => `C: line ${i}`);
  return ['S: 220 mx.test', 'C: EHLO me', 'S: 250 CHUNKING', 'C: MAIL FROM:<a@x.test>', 'C: RCPT TO:<b@y.test>', 'C: BDAT * LAST', ...body, 'S: 250 ok', 'S: 250 ok', 'S: 250 queued', 'C: QUIT', 'S: 221 bye', ''].join('\n');
}

const contentOf = (t: Transcript): ContentExchange => t.sessions[0].exchanges.find((e): e is MessageExchange | BdatExchange => e.kind === 'message' || e.kind === 'bdat')!;

/** Each text parsed from the one before it, checked against a parse from scratch; the parses, the first's included. */
function parsedInTurn(texts: readonly string[]): Transcript[] {
  const parses = [parseTranscript(texts[0])];
  for (const text of texts.slice(1)) {
    const parse = parseTranscript(text, parses[parses.length - 1]);
    assert.deepStrictEqual(parse, parseTranscript(text));
    parses.push(parse);
  }
  return parses;
}

/** The edit's numbers (and whether it names exchanges moved), without the versions it names. */
function numbers(edit: EditedContent | undefined): object | undefined {
  if (!edit) return undefined;
  const { start, removed, inserted, shift, whole } = edit;
  return { start, removed, inserted, shift, ...(whole ? { whole } : {}), movedBelow: edit.movedBelow?.to.length ?? 0, movedAbove: edit.movedAbove?.to.length ?? 0 };
}

/** `text` with `typed` put after the text of file line `line`. */
const typedAt = (text: string, line: number, typed: string) => text.split('\n').map((l, i) => (i === line ? l + typed : l)).join('\n');

describe('edits composed across versions', () => {
  test('three letters typed on one line: the edit from the first version is that line, as the last is', () => {
    const first = message(400);
    const texts = [first, typedAt(first, 209, 'a'), typedAt(first, 209, 'ab'), typedAt(first, 209, 'abc')];
    const parses = parsedInTurn(texts);
    const [v0, v1, v2, v3] = parses.map(contentOf);
    assert.deepStrictEqual(numbers(editedContentFrom(v3, v2)), { start: 200, removed: 1, inserted: 1, shift: 0, movedBelow: 0, movedAbove: 0 });
    assert.deepStrictEqual(numbers(editedContentFrom(v3, v1)), { start: 200, removed: 1, inserted: 1, shift: 0, movedBelow: 0, movedAbove: 0 });
    assert.deepStrictEqual(numbers(editedContentFrom(v3, v0)), { start: 200, removed: 1, inserted: 1, shift: 0, movedBelow: 0, movedAbove: 0 });
    assert.equal(editedContentFrom(v3, v0)!.from.deref(), v0);
    // The last version's own note is the last edit, the older ones under it, newest first.
    assert.deepStrictEqual(editedContentOf(v3)!.earlier!.map((e) => e.from.deref()), [v1, v0]);
  });

  test('a line typed, then letters on it: the parts below moved a line, the exchanges after the message too', () => {
    const first = message(400);
    const broken = first.replace('C: line 200\n', 'C: line 200\nC: x\n');
    const texts = [first, broken, broken.replace('C: x\n', 'C: xy\n'), broken.replace('C: x\n', 'C: xyz\n')];
    const [v0, , , v3] = parsedInTurn(texts).map(contentOf);
    // The text diff puts the edit after the `C: ` both lines start with: the line added makes part 201 two parts (`x`
    // and `line 201`), and the letters edit part 201. Only the QUIT follows the message.
    assert.deepStrictEqual(numbers(editedContentFrom(v3, v0)), { start: 201, removed: 1, inserted: 2, shift: 1, movedBelow: 1, movedAbove: 0 });
  });

  test('edits far apart: one edit spans both, and the parts between them', () => {
    const first = message(400);
    const texts = [first, typedAt(first, 19, 'a'), typedAt(typedAt(first, 19, 'a'), 309, 'b')];
    const [v0, , v2] = parsedInTurn(texts).map(contentOf);
    assert.deepStrictEqual(numbers(editedContentFrom(v2, v0)), { start: 10, removed: 291, inserted: 291, shift: 0, movedBelow: 0, movedAbove: 0 });
  });

  test('a line added and removed again: the parts below are copies on their old lines, and no edit is composed', () => {
    const first = message(400);
    const texts = [first, first.replace('C: line 200\n', 'C: line 200\nC: x\n'), first];
    const [v0, v1, v2] = parsedInTurn(texts).map(contentOf);
    assert.ok(editedContentFrom(v2, v1));
    assert.equal(editedContentFrom(v2, v0), undefined);
  });

  test('lines added in the RCPT above the message twice: the content taken whole, moved two lines', () => {
    const first = message(400);
    const once = first.replace('C: RCPT TO:<b@y.test>\n', 'C: RCPT TO:<b@y.test>\nS: 250 ok\nC: NOOP\n');
    const texts = [first, once, once.replace('C: NOOP\n', 'C: NOOP\nS: 250 ok\nC: NOOP\n')];
    const [v0, , v2] = parsedInTurn(texts).map(contentOf);
    assert.deepStrictEqual(numbers(editedContentFrom(v2, v0)), { start: 0, removed: 0, inserted: 0, shift: 4, whole: true, movedBelow: 0, movedAbove: 0 });
    // Taken whole, then edited inside: the parts above the edit moved too, which an edit inside says they did not.
    const [w0, , w2] = parsedInTurn([first, once, typedAt(once, 211, 'a')]).map(contentOf);
    assert.equal(editedContentFrom(w2, w0), undefined);
  });

  test('lines typed in a `BDAT *` chunk twice: the commands answered below it are the first version\'s, copied twice', () => {
    const first = chunk(400);
    const once = first.replace('C: line 200\n', 'C: line 200\nC: x\n');
    const parses = parsedInTurn([first, once, once.replace('C: x\n', 'C: x\nC: y\n')]);
    const edit = editedContentFrom(contentOf(parses[2]), contentOf(parses[0]))!;
    // Part 201 (`line 201`) became `x`, `y` and `line 201`.
    assert.deepStrictEqual(numbers(edit), { start: 201, removed: 1, inserted: 3, shift: 2, movedBelow: 1, movedAbove: 2 });
    // MAIL and RCPT of the first version, their replies two lines lower in the last.
    const [mail, rcpt] = [parses[0].sessions[0].exchanges[2], parses[0].sessions[0].exchanges[3]];
    assert.deepStrictEqual(edit.movedAbove!.from.map((e) => e.deref()), [mail, rcpt]);
    assert.deepStrictEqual(edit.movedAbove!.to, parses[2].sessions[0].exchanges.slice(2, 4));
    assert.deepStrictEqual(edit.movedAbove!.to.map((e) => e.reply!.lines[0].line), [mail.reply!.lines[0].line + 2, rcpt.reply!.lines[0].line + 2]);
  });

  test(`more than ${EARLIER_KEPT + 1} versions back: the oldest is no longer found, the work made again`, () => {
    const first = message(400);
    // The last edit and EARLIER_KEPT older ones: the version before the first of them is one too many.
    const texts = Array.from({ length: EARLIER_KEPT + 3 }, (_, i) => typedAt(first, 209, 'x'.repeat(i)));
    const contents = parsedInTurn(texts).map(contentOf);
    const last = contents[contents.length - 1];
    assert.equal(editedContentFrom(last, contents[0]), undefined);
    assert.deepStrictEqual(numbers(editedContentFrom(last, contents[1])), { start: 200, removed: 1, inserted: 1, shift: 0, movedBelow: 0, movedAbove: 0 });
  });
});
