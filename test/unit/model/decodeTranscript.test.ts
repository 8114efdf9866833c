import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeTranscript } from '../../../server/src/model/binaryText';

describe('decodeTranscript', () => {
  test('clean UTF-8 (a byte order mark dropped): no invalid lines', () => {
    assert.deepEqual(decodeTranscript(Buffer.from('\ufeffC: EHLO x\nS: 250 é\n')), { text: 'C: EHLO x\nS: 250 é\n', invalidUtf8Lines: [], byteOrderMark: 'utf-8' });
  });
  test('bytes that are not UTF-8: their lines, counted as splitLines counts (LF, CRLF, CR)', () => {
    const bytes = Buffer.concat([Buffer.from('S: 220 x\r\nC: MAIL FROM:<caf'), Buffer.from([0xe9]), Buffer.from('@x>\rS: 250 ok\nC: '), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]);
    assert.deepEqual(decodeTranscript(bytes), { text: 'S: 220 x\r\nC: MAIL FROM:<caf\ufffd@x>\rS: 250 ok\nC: \ufffd\ufffd\n', invalidUtf8Lines: [1, 3] });
  });
  test('a file starting with a UTF-16 byte order mark (PowerShell writes them) is read as UTF-16, either byte order', () => {
    const text = 'S: 220 é\r\nC: EHLO x\n';
    const le = Buffer.from('\ufeff' + text, 'utf16le');
    assert.deepEqual(decodeTranscript(le), { text, invalidUtf8Lines: [], byteOrderMark: 'utf-16le' });
    assert.deepEqual(decodeTranscript(Buffer.from(le).swap16()), { text, invalidUtf8Lines: [], byteOrderMark: 'utf-16be' });
  });
  test('a U+FFFD written as UTF-8 is not an invalid byte', () => {
    assert.deepEqual(decodeTranscript(Buffer.from('C: \ufffd\n')).invalidUtf8Lines, []);
  });
});
