// The web worker build's stand-ins for node:net, node:crypto and Buffer (server/src/lsp/web/) answer as Node does on
// the inputs the editing features give them: address literals, SASL base64 payloads, text whose octets are counted.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import fc from 'fast-check';
import { Buffer as WebBuffer } from '../../../server/src/lsp/web/buffer';
import { isIP, isIPv4, isIPv6 } from '../../../server/src/lsp/web/nodeNet';
import { createHmac, randomUUID } from '../../../server/src/lsp/web/nodeCrypto';

const ADDRESSES = [
  '', '1.2.3.4', '255.255.255.255', '256.1.1.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', '1.2.3.4 ', '0.0.0.0', '::', '::1',
  '1::', ':1', '1:', ':::', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::', '::2:3:4:5:6:7:8',
  '1:2:3:4:5:6:7::8', '1::2::3', 'fe80::1%eth0', 'fe80::1%', '::ffff:192.0.2.1', '::ffff:192.0.2.256', '1:2:3:4:5:6:1.2.3.4',
  '1:2:3:4:5:6:7:1.2.3.4', '12345::', 'g::1', 'IPv6:::1', '[::1]', '2001:db8::', '2001:DB8:0:0:8:800:200C:417A', '1.2.3.4::',
];
const addressText = fc.stringMatching(/^[0-9a-f:.%]{0,24}$/);

describe('node:net stand-in', () => {
  test('isIP, isIPv4 and isIPv6 answer as Node on address literals', () => {
    const ours = ADDRESSES.map((a) => [a, isIP(a), isIPv4(a), isIPv6(a)]);
    const node = ADDRESSES.map((a) => [a, net.isIP(a), net.isIPv4(a), net.isIPv6(a)]);
    assert.deepEqual(ours, node);
  });
  test('and on any short text of address characters', () => {
    fc.assert(fc.property(addressText, (a) => assert.deepEqual([isIP(a), isIPv4(a), isIPv6(a)], [net.isIP(a), net.isIPv4(a), net.isIPv6(a)])), {
      numRuns: 3000,
    });
  });
});

describe('Buffer stand-in', () => {
  test('UTF-8 octet counts as Node, lone surrogates included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => assert.equal(WebBuffer.byteLength(text, 'utf8'), Buffer.byteLength(text, 'utf8'))));
    assert.deepEqual(['', 'é', '\u{1F600}', '\uD800x'].map((t) => WebBuffer.byteLength(t, 'utf8')), [0, 2, 4, 4]);
  });
  test('base64 decoded as Node decodes it (to UTF-8 and to latin1), junk and padding included', () => {
    const payload = fc.oneof(
      fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString('base64')),
      fc.stringMatching(/^[A-Za-z0-9+/=_\- .*\r\n]{0,40}$/),
    );
    fc.assert(
      fc.property(payload, (text) => {
        assert.equal(WebBuffer.from(text, 'base64').toString('latin1'), Buffer.from(text, 'base64').toString('latin1'));
        assert.equal(WebBuffer.from(text, 'base64').toString('utf8'), Buffer.from(text, 'base64').toString('utf8'));
      }),
      { numRuns: 3000 },
    );
    assert.equal(WebBuffer.from('AHVzZXIAcGFzcw==', 'base64').toString('latin1'), '\0user\0pass');
    // More octets than a call takes arguments (a large AUTH payload or DKIM key): made a slice at a time.
    const large = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256)).toString('base64');
    assert.equal(WebBuffer.from(large, 'base64').toString('latin1'), Buffer.from(large, 'base64').toString('latin1'));
  });
  test('base64 encoded as Node encodes UTF-8 text', () => {
    fc.assert(fc.property(fc.string(), (text) => assert.equal(WebBuffer.from(text, 'utf8').toString('base64'), Buffer.from(text, 'utf8').toString('base64'))));
  });
});

describe('node:crypto stand-in', () => {
  test('random ids are UUIDs; HMAC says it belongs to replay', () => {
    assert.match(randomUUID(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.throws(() => createHmac(), { message: 'HMAC (CRAM-MD5) needs the desktop VS Code: it is computed when replaying' });
  });
});
