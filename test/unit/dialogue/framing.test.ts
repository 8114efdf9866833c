import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chunkComplete,
  commandLineVerb,
  commandVerbSpan,
  wireCommand,
  countChunkLine,
  CRLF,
  CRLF_OCTETS,
  dotStuff,
  isEndOfData,
  lineOctets,
  parseBdatArgument,
  splitCommand,
  startChunk,
  stuffedDots,
  unstuffLine,
  withinOctets,
  type ChunkCount,
} from '../../../server/src/dialogue';

describe('framing', () => {
  test('a line takes its UTF-8 octets plus CRLF on the wire', () => {
    assert.deepEqual([CRLF, CRLF_OCTETS, lineOctets('abc'), lineOctets('é'), lineOctets('')], ['\r\n', 2, 3, 2, 0]);
  });

  test('withinOctets: the longest start within so many octets, no character cut in two', () => {
    assert.deepEqual(
      [withinOctets('abcdef', 4), withinOctets('abc', 4), withinOctets('aéé', 4), withinOctets('aééé', 5), withinOctets('a😀b', 4), withinOctets('a😀b', 5), withinOctets('é', 1)],
      ['abcd', 'abc', 'aé', 'aéé', 'a', 'a😀', ''],
    );
  });

  test('a command line: its verb after any blanks, up to a space or a tab (RFC 5321 §4.1.1), as the parser, imports, recordings and the mock read it', () => {
    assert.deepEqual(['DATA', 'DATA\t', '  MAIL FROM:<a@b>', 'BDAT\t5 LAST', '', 'RCPT  TO:<x>'].map(commandVerbSpan), [
      { start: 0, end: 4 },
      { start: 0, end: 4 },
      { start: 2, end: 6 },
      { start: 0, end: 4 },
      { start: 0, end: 0 },
      { start: 0, end: 4 },
    ]);
    assert.deepEqual(['DATA', 'DATA\t', 'BDAT\t5 LAST', 'RCPT  TO:<x>', ' NOOP'].map(splitCommand), [
      { verb: 'DATA', blankFirst: false },
      { verb: 'DATA', argument: '', blankFirst: false },
      { verb: 'BDAT', argument: '5 LAST', blankFirst: false },
      { verb: 'RCPT', argument: ' TO:<x>', blankFirst: false },
      { verb: 'NOOP', blankFirst: true },
    ]);
    assert.deepEqual(['BDAT\t5 LAST', 'xyzzy 1', ' BDAT 5'].map(wireCommand), [{ word: 'BDAT', verb: 'BDAT', argument: '5 LAST' }, { word: 'xyzzy', argument: '1' }, { word: '' }]);
    // On the wire a line that starts with a blank names no command (servers answer it as unknown); the parser reads on.
    assert.deepEqual(['data\t', 'BDAT\t5 LAST', 'XYZZY x', '', ' BDAT 5 LAST', '\tQUIT'].map(commandLineVerb), ['DATA', 'BDAT', undefined, undefined, undefined, undefined]);
  });

  test('DATA: the line `.` ends the content; a leading dot is stuffed and unstuffed (RFC 5321 §4.5.2)', () => {
    assert.deepEqual(['.', '..', ' .', ''].map(isEndOfData), [true, false, false, false]);
    assert.deepEqual(['..x', '.x', 'x..'].map(stuffedDots), [1, 0, 0]);
    assert.deepEqual(['..x', '..', '.x', 'x'].map(unstuffLine), ['.x', '.', '.x', 'x']);
    assert.equal(dotStuff('.a\r\nb\r\n..c\r\n.\r\n'), '..a\r\nb\r\n...c\r\n..\r\n');
  });

  test('BDAT arguments (RFC 3030 §2): a size or `*`, then LAST in any case', () => {
    const args = ['100', '100 LAST', '* last', '0', '12 LATEST', '', '-1', ' 5'];
    assert.deepEqual(args.map(parseBdatArgument), [
      { size: 100, last: false },
      { size: 100, last: true },
      { size: '*', last: true },
      { size: 0, last: false },
      { size: undefined, last: false },
      { size: undefined, last: false },
      { size: undefined, last: false },
      { size: undefined, last: false },
    ]);
  });

  const count = (size: number | '*', lines: string[]): ChunkCount[] => {
    const counts: ChunkCount[] = [];
    let chunk = startChunk(size);
    for (const line of lines) counts.push((chunk = countChunkLine(chunk, line)));
    return counts;
  };

  test('a chunk counts each line plus CRLF and is done when its size is reached', () => {
    assert.deepEqual(count(7, ['abc', 'de']), [
      { remaining: 2, octets: 5, endsMidLine: false, done: false },
      { remaining: 0, octets: 7, endsMidLine: true, done: true },
    ]);
    assert.deepEqual(count(10, ['abc', 'def']), [
      { remaining: 5, octets: 5, endsMidLine: false, done: false },
      { remaining: 0, octets: 10, endsMidLine: false, done: true },
    ]);
  });

  test('a chunk that ends right after a line text counts no CRLF for it; one that overruns is not complete', () => {
    const exact = count(3, ['abc']);
    assert.deepEqual(exact, [{ remaining: 0, octets: 3, endsMidLine: true, done: true }]);
    const over = count(4, ['abcdef']);
    assert.deepEqual(over, [{ remaining: -4, octets: 8, endsMidLine: false, done: true }]);
    assert.deepEqual([chunkComplete(exact[0]), chunkComplete(over[0])], [true, false]);
  });

  test('size 0 is done at once; `*` counts until the next reply and is always complete', () => {
    assert.deepEqual(startChunk(0), { remaining: 0, octets: 0, endsMidLine: false, done: true });
    const star = count('*', ['ab', 'c']);
    assert.deepEqual(star, [
      { remaining: undefined, octets: 4, endsMidLine: false, done: false },
      { remaining: undefined, octets: 7, endsMidLine: false, done: false },
    ]);
    assert.equal(chunkComplete(star[1]), true);
  });
});
