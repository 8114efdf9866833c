import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { editedBareCrLines, linesEndingInBareCr } from '../../../server/src/model/bareCrLines';
import { splitLines } from '../../../server/src/model/ranges';

/** `editedBareCrLines` for `text` with lines `[startLine, oldEnd)` replaced by `replacement` (each line with its terminator). */
function afterEdit(text: string, startLine: number, oldEnd: number, replacement: string) {
  const lines = splitLines(text);
  const startOffset = lines.slice(0, startLine).reduce((offset, line) => offset + line.length + terminatorAt(text, offset + line.length), 0);
  const endOffset = lines.slice(startLine, oldEnd).reduce((offset, line) => offset + line.length + terminatorAt(text, offset + line.length), startOffset);
  const edited = text.slice(0, startOffset) + replacement + text.slice(endOffset);
  const editedLines = splitLines(edited);
  const newEnd = startLine + splitLines(replacement).length - 1;
  const found = editedBareCrLines(linesEndingInBareCr(text, lines), edited, editedLines, { startLine, oldEnd, newEnd }, startOffset, replacement.includes('\r'));
  return { found: found && [...found].sort((a, b) => a - b), fromScratch: (s => s && [...s].sort((a, b) => a - b))(linesEndingInBareCr(edited, editedLines)) };
}

function terminatorAt(text: string, offset: number): number {
  return text.startsWith('\r\n', offset) ? 2 : offset < text.length ? 1 : 0;
}

describe('lines ending in a bare CR, after an edit', () => {
  test('a bare CR typed in an edited line: the lines above and below keep theirs, moved with the lines added', () => {
    assert.deepStrictEqual(afterEdit('a\r\nb\rc\r\nd\re', 2, 3, 'c1\rc2\r\nc3\r\n'), { found: [1, 2, 5], fromScratch: [1, 2, 5] });
  });

  test('the only CR removed: none; a CRLF file edited: an empty set, not none', () => {
    assert.deepStrictEqual(afterEdit('a\nb\rc', 1, 2, 'b\n'), { found: undefined, fromScratch: undefined });
    assert.deepStrictEqual(afterEdit('a\r\nb\r\nc', 1, 2, 'bb\r\n'), { found: [], fromScratch: [] });
    assert.deepStrictEqual(afterEdit('a\nb\nc', 1, 2, 'b\r'), { found: [1], fromScratch: [1] });
  });

  test('lines removed above a bare CR: it moves up', () => {
    assert.deepStrictEqual(afterEdit('a\nb\nc\nd\re', 1, 3, ''), { found: [1], fromScratch: [1] });
  });
});
