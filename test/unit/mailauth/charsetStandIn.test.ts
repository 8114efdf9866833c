// The vendor bundle's stand-in for libmime's charset module decodes as libmime's own module does, for the charsets mail
// uses; mailauth reaches it through parseHeaderValue (an RFC 2231 parameter of a Content-Type).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as standIn from '../../../server/src/mailauth/charsetStandIn';

// libmime's own module, as mailauth's unbundled dependency holds it (the unbundled tests run mailauth with it).
const libmime = createRequire(require.resolve('mailauth'))('libmime') as { parseHeaderValue(value: string): { value: string; params: Record<string, string> } };
const libcharset = createRequire(require.resolve('mailauth'))('libmime/lib/charset') as typeof standIn;

const SAMPLES: [charset: string, hex: string, text: string][] = [
  ['ISO-2022-JP', '1b2442467c4b5c386c1b2842', '日本語'],
  ['Shift_JIS', '93fa967b8cea', '日本語'],
  ['sjis', '93fa967b8cea', '日本語'],
  ['EUC-JP', 'c6fccbdcb8ec', '日本語'],
  ['GBK', 'd6d0cec4', '中文'],
  ['gb2312', 'd6d0cec4', '中文'],
  ['Big5', 'a4a4a4e5', '中文'],
  ['EUC-KR', 'c7d1b1b9', '한국'],
  ['windows-1252', '636166e92080', 'café €'],
  ['cp1252', '8093', '€“'],
  ['ISO-8859-2', 'a3f364bc', 'Łódź'],
  ['latin1', '636166e9', 'café'],
  ['UTF-8', 'e697a5e69cac', '日本'],
  ['x-unknown-charset', 'e697a5e69cac', '日本'],
];

test('decodes each charset to the text libmime decodes it to', () => {
  const decoded = SAMPLES.map(([charset, hex]) => [charset, standIn.decode(Buffer.from(hex, 'hex'), charset)]);
  assert.deepEqual(decoded, SAMPLES.map(([charset, , text]) => [charset, text]));
  assert.deepEqual(decoded, SAMPLES.map(([charset, hex]) => [charset, libcharset.decode(Buffer.from(hex, 'hex'), charset)]));
});

test('converts to UTF-8 as libmime does: bytes in a charset, a string, UTF-8 kept as it is', () => {
  const cases: [Buffer | string, string][] = [[Buffer.from('93fa967b', 'hex'), 'Shift_JIS'], ['日本', 'ISO-2022-JP'], [Buffer.from('e697a5', 'hex'), 'utf-8']];
  assert.deepEqual(
    cases.map(([data, charset]) => standIn.convert(data, charset).toString('hex')),
    cases.map(([data, charset]) => libcharset.convert(data, charset).toString('hex')),
  );
  assert.equal(standIn.encode('é').toString('hex'), 'c3a9');
});

test('two names of one charset compare equal, as libmime joins encoded words by it', () => {
  const same = (a: string, b: string) => standIn.normalizeCharset(a) === standIn.normalizeCharset(b);
  assert.deepEqual([same('SJIS', 'shift_jis'), same('Latin1', 'ISO-8859-1'), same('UTF8', 'utf-8'), same('gbk', 'big5')], [true, true, true, false]);
});

test("libmime's parseHeaderValue decodes an RFC 2231 parameter as the bundle's would", () => {
  const header = "multipart/mixed; boundary=\"b1\"; name*=iso-2022-jp''%1B%24BF%7CK%5C8l%1B%28B";
  const parsed = libmime.parseHeaderValue(header);
  assert.deepEqual(parsed, { value: 'multipart/mixed', params: { boundary: 'b1', name: '日本語' } });
  assert.equal(standIn.decode(standIn.convert(Buffer.from('1b2442467c4b5c386c1b2842', 'hex'), 'iso-2022-jp')), parsed.params.name);
});
