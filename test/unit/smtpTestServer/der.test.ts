// The DER encodings a test certificate is made of, byte for byte (ITU-T X.690).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bitString, boolean, element, explicit, implicit, oid, time, unsignedInteger, utf8String } from '../../../server/src/smtpTestServer/der';

const hex = (bytes: Buffer) => bytes.toString('hex');

test('lengths: short form under 128 octets, long form in as few octets as needed (X.690 §8.1.3)', () => {
  assert.equal(hex(element(0x04, Buffer.alloc(127))).slice(0, 4), '047f');
  assert.equal(hex(element(0x04, Buffer.alloc(128))).slice(0, 6), '048180');
  assert.equal(hex(element(0x04, Buffer.alloc(300))).slice(0, 8), '0482012c');
  assert.equal(element(0x04, Buffer.alloc(300)).length, 304);
});

test('object identifiers: the first two arcs in one subidentifier, the rest base 128 (§8.19)', () => {
  assert.equal(hex(oid('1.2.840.10045.4.3.2')), '06082a8648ce3d040302');
  assert.equal(hex(oid('2.5.29.17')), '0603551d11');
  assert.equal(hex(oid('1.3.6.1.5.5.7.3.1')), '06082b06010505070301');
});

test('integers are minimal and never negative: a leading zero only before a set top bit (§8.3)', () => {
  assert.equal(hex(unsignedInteger(Buffer.from([2]))), '020102');
  assert.equal(hex(unsignedInteger(Buffer.from([0x80, 0x01]))), '0203008001');
  assert.equal(hex(unsignedInteger(Buffer.from([0x00, 0x00, 0x7f]))), '02017f');
  assert.equal(hex(unsignedInteger(Buffer.from([0x00, 0x80]))), '02020080');
});

test('UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5)', () => {
  assert.equal(time(new Date('2049-12-31T23:59:59Z')).toString('latin1'), '\x17\x0d491231235959Z');
  assert.equal(time(new Date('2050-01-01T00:00:00Z')).toString('latin1'), '\x18\x0f20500101000000Z');
});

test('strings, booleans, bit strings and context tags', () => {
  assert.equal(hex(utf8String('localhost')), '0c096c6f63616c686f7374');
  assert.equal(hex(boolean(true)), '0101ff');
  assert.equal(hex(bitString(Buffer.from([0x84]), 2)), '03020284');
  assert.equal(hex(explicit(0, Buffer.from('020102', 'hex'))), 'a003020102');
  assert.equal(hex(implicit(7, Buffer.from([127, 0, 0, 1]))), '87047f000001');
});
