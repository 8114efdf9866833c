import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findings } from './syntaxHarness';
import { lines } from '../../../support/text';

/** DATA content (file lines) starting on line 9. */
const data = (...content: string[]) =>
  lines('S: 220 mx', 'C: EHLO client.test', 'S: 250 mx', 'C: MAIL FROM:<a@example.org> BODY=8BITMIME', 'S: 250 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 Ok', 'C: DATA', 'S: 354 Go', 'C: From: <a@example.org>', 'C: Date: {{$date}}', ...content, 'C: .', 'S: 250 Ok');

const MIME_RULES = ['mime-boundary', 'mime-transfer-encoding', 'encoded-word-syntax', 'mime-include-type'];
const mime = (text: string) => findings(text).filter((f) => MIME_RULES.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.range.start.line}: ${f.message}`);

const ALTERNATIVE = [
  'C: MIME-Version: 1.0',
  'C: Subject: =?utf-8?B?Y2Fmw6k=?= and =?iso-8859-1?Q?caf=E9?=',
  'C: Content-Type: multipart/alternative; boundary="=_b1"',
  'C:',
  'C: --=_b1',
  'C: Content-Type: text/plain; charset=utf-8',
  'C: Content-Transfer-Encoding: quoted-printable',
  'C:',
  'C: caf=C3=A9 soft=',
  'C:  break',
  'C: --=_b1',
  '< part text/html ./body.html',
  'C: --=_b1',
  'C: Content-Type: image/png',
  'C: Content-Transfer-Encoding: base64',
  'C:',
  'C: iVBORw0KGgo=',
  'C: --=_b1--',
];

describe('MIME structure', () => {
  test('a well-formed multipart/alternative with encoded-words, a part include and a base64 part passes', () => {
    assert.deepEqual(mime(data(...ALTERNATIVE)), []);
  });

  test('mime-boundary: missing, unused, unclosed, invalid', () => {
    assert.deepEqual(mime(data('C: MIME-Version: 1.0', 'C: Content-Type: multipart/mixed', 'C:', 'C: x')), [
      'mime-boundary 12: a multipart Content-Type needs a `boundary` parameter (`boundary="b1"`), the line that separates its parts (RFC 2046 §5.1.1)',
    ]);
    assert.deepEqual(mime(data('C: MIME-Version: 1.0', 'C: Content-Type: multipart/mixed; boundary=b1', 'C:', 'C: --b2', 'C: --b2--')), [
      'mime-boundary 12: no line `--b1` starts a part: the body must open each part with the boundary (RFC 2046 §5.1.1)',
    ]);
    assert.deepEqual(mime(data('C: MIME-Version: 1.0', 'C: Content-Type: multipart/mixed; boundary=b1', 'C:', 'C: --b1', 'C:', 'C: text')), [
      'mime-boundary 14: the boundary is never closed: end the last part with `--b1--` (RFC 2046 §5.1.1)',
    ]);
    assert.deepEqual(mime(data('C: Content-Type: multipart/mixed; boundary="ends with space "', 'C:', 'C: x')), [
      'mime-boundary 11: `boundary="ends with space "` is not a boundary: 1 to 70 letters, digits and `\'()+_,-./:=?` or spaces, not ending in a space (RFC 2046 §5.1.1)',
    ]);
  });

  test('mime-transfer-encoding: base64 and quoted-printable lines, 8-bit under 7bit, unknown and multipart encodings', () => {
    const part = (encoding: string, ...body: string[]) => data('C: MIME-Version: 1.0', `C: Content-Transfer-Encoding: ${encoding}`, 'C:', ...body);
    assert.deepEqual(mime(part('base64', `C: ${'A'.repeat(80)}`)), [
      'mime-transfer-encoding 14: a base64 line of 80 characters: at most 76 (RFC 2045 §6.8); `< base64 PATH` encodes a file in lines of 76',
    ]);
    assert.deepEqual(mime(part('base64', 'C: not base64!')), ['mime-transfer-encoding 14: `not base64!` is not base64, yet the body declares `Content-Transfer-Encoding: base64` (RFC 2045 §6.8)']);
    assert.deepEqual(mime(part('quoted-printable', 'C: a=b')), [
      'mime-transfer-encoding 14: `a=b`: in quoted-printable `=` starts `=XX` or a soft break at the end of a line; write `=3D` for `=` (RFC 2045 §6.7)',
    ]);
    assert.deepEqual(mime(part('7bit', 'C: café')), [
      'mime-transfer-encoding 14: the body holds 8-bit text but declares `Content-Transfer-Encoding: 7bit`: declare `8bit` (with `BODY=8BITMIME` on MAIL) or send it quoted-printable, e.g. `< quoted-printable PATH` (RFC 2045 §6.2)',
    ]);
    assert.deepEqual(mime(part('uuencode', 'C: x')), ['mime-transfer-encoding 12: `Content-Transfer-Encoding: uuencode` is not an encoding: `7bit`, `8bit`, `binary`, `quoted-printable`, `base64` (RFC 2045 §6.1)']);
    // A plain RFC 5322 message (no MIME-Version, no Content-Transfer-Encoding) is not judged as MIME.
    assert.deepEqual(mime(data('C:', 'C: café')), []);
  });

  test('nested parts are judged at their own lines; the preamble and the epilogue are not judged', () => {
    const nested = data(
      'C: MIME-Version: 1.0',
      'C: Content-Type: multipart/mixed; boundary="outer"',
      'C:',
      'C: a preamble with café',
      'C: --outer',
      'C: Content-Type: text/plain',
      'C: Content-Transfer-Encoding: base64',
      'C:',
      'C: aGVsbG8=',
      'C: not base64!',
      'C: --outer',
      'C: Content-Type: multipart/alternative; boundary="inner"',
      'C:',
      'C: --inner',
      'C: Content-Transfer-Encoding: quoted-printable',
      'C:',
      'C: a=b',
      'C: --inner--',
      'C: --outer--',
      'C: an epilogue with café',
    );
    assert.deepEqual(mime(nested), [
      'mime-transfer-encoding 20: `not base64!` is not base64, yet the body declares `Content-Transfer-Encoding: base64` (RFC 2045 §6.8)',
      'mime-transfer-encoding 27: `a=b`: in quoted-printable `=` starts `=XX` or a soft break at the end of a line; write `=3D` for `=` (RFC 2045 §6.7)',
    ]);
  });

  test('encoded-word-syntax and mime-include-type', () => {
    assert.deepEqual(mime(data('C: Subject: =?utf-8?X?abc?=', 'C:', 'C: x')), [
      'encoded-word-syntax 11: `=?utf-8?X?abc?=` starts an encoded-word but is not `=?charset?B?text?=` or `=?charset?Q?text?=` (RFC 2047 §2)',
    ]);
    assert.deepEqual(mime(data('C: Subject: =?utf-8?B?abc?=', 'C:', 'C: x')), ['encoded-word-syntax 11: `=?utf-8?B?abc?=`: the B encoding holds padded base64 (RFC 2047 §4.1)']);
    assert.deepEqual(mime(data('C:', '< attach ./report.pdf')), [
      'mime-include-type 12: `< attach` needs the file\'s media type before the path (`< attach application/pdf ./report.pdf`, `< attach text/html ./body.html`); without it the part is sent as application/octet-stream.',
    ]);
  });
});
