import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { base64Lines, quotedPrintable } from '../../../server/src/mime/transferEncodings';
import { mimeIncludeText } from '../../../server/src/mime/mimeInclude';
import { parseTranscript } from '../../../server/src/model/parseTranscript';
import { isInclude } from '../../../server/src/model/contentParts';
import { outgoingFor, type OutgoingContext } from '../../../server/src/replay/outgoing';

describe('transfer encodings', () => {
  test('base64 in lines of 76 characters (RFC 2045 §6.8)', () => {
    const bytes = Buffer.from(Array.from({ length: 100 }, (_, i) => i));
    const text = base64Lines(bytes);
    assert.deepEqual(text.split('\r\n').map((l) => l.length), [76, 60, 0]);
    assert.deepEqual(Buffer.from(text.replace(/\r\n/g, ''), 'base64'), bytes);
  });

  test('quoted-printable: =, 8-bit octets, trailing space, a leading dot, soft breaks at 76 (RFC 2045 §6.7)', () => {
    assert.equal(quotedPrintable(Buffer.from('a=b\n.dot line \ncaf\u00e9\n', 'utf8')), 'a=3Db\r\n=2Edot line=20\r\ncaf=C3=A9\r\n');
    const long = quotedPrintable(Buffer.from('x'.repeat(100)));
    assert.equal(long, `${'x'.repeat(75)}=\r\n${'x'.repeat(25)}\r\n`);
    // An escape is never split by a soft break.
    const escapes = quotedPrintable(Buffer.from('x'.repeat(74) + '==='));
    assert.equal(escapes, `${'x'.repeat(74)}=\r\n=3D=3D=3D\r\n`);
  });
});

describe('MIME includes', () => {
  test('part and attach: the headers, an empty line, the encoded file', () => {
    assert.equal(
      mimeIncludeText('part', 'text/html', 'body.html', Buffer.from('<p>caf\u00e9</p>\n', 'utf8')),
      'Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>caf=C3=A9</p>\r\n',
    );
    assert.equal(
      mimeIncludeText('attach', 'application/pdf', 'r\u00e9port "1".pdf', Buffer.from('%PDF')),
      "Content-Type: application/pdf; name*=utf-8''r%C3%A9port%20%221%22.pdf\r\nContent-Transfer-Encoding: base64\r\n" +
        "Content-Disposition: attachment; filename*=utf-8''r%C3%A9port%20%221%22.pdf\r\n\r\nJVBERg==\r\n",
    );
    assert.equal(
      mimeIncludeText('attach', 'text/plain;charset=us-ascii', 'notes "a".txt', Buffer.from('hi\n')),
      'Content-Type: text/plain; charset=us-ascii; name="notes \\"a\\".txt"\r\nContent-Transfer-Encoding: quoted-printable\r\n' +
        'Content-Disposition: attachment; filename="notes \\"a\\".txt"\r\n\r\nhi\r\n',
    );
  });

  test('the parser reads the mode and the media type; an ordinary include stays one', () => {
    const includes = parseTranscript('S: 220\nC: DATA\nS: 354\n< attach image/png;x=1 ./logo.png\n< base64 ./dir/a b.bin\n< part ./forgot-type.txt\n< ./plain.eml\nC: .\nS: 250')
      .sessions[0].exchanges[2];
    assert.equal(includes.kind, 'message');
    if (includes.kind !== 'message') return;
    assert.deepEqual(
      includes.parts.map((p) => (isInclude(p) ? [p.mime?.mode, p.mime?.contentType, p.path.text, p.path.character] : [])),
      [
        ['attach', 'image/png;x=1', './logo.png', 23],
        ['base64', undefined, './dir/a b.bin', 9],
        ['part', undefined, './forgot-type.txt', 7],
        [undefined, undefined, './plain.eml', 2],
      ],
    );
  });

  test('replay sends multipart/alternative built from part includes, dot-stuffed where needed', async () => {
    const exchange = parseTranscript(
      'S: 220\nC: DATA\nS: 354\nC: Content-Type: multipart/alternative; boundary="b1"\nC:\nC: --b1\n< part text/plain ./a.txt\nC: --b1\n< part text/html ./a.html\nC: --b1--\nC: .\nS: 250',
    ).sessions[0].exchanges[2];
    const files: Record<string, string> = { './a.txt': 'Hello\n', './a.html': '<p>Hello</p>\n' };
    const context: OutgoingContext = { resolve: (t) => t, addSecret: () => undefined, readInclude: async (path) => Buffer.from(files[path]) };
    const out = await outgoingFor(exchange, context);
    assert.equal(
      Buffer.concat(out.data).toString(),
      'Content-Type: multipart/alternative; boundary="b1"\r\n\r\n--b1\r\n' +
        'Content-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nHello\r\n--b1\r\n' +
        'Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>Hello</p>\r\n--b1--\r\n.\r\n',
    );
  });
});
