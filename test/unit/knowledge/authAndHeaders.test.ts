import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AUTH_MECHANISMS,
  HEADER_FIELDS,
  REQUIRED_HEADER_FIELDS,
  lookupAuthMechanism,
  lookupHeaderField,
  specUrl,
  suggestHeaderField,
} from '../../../server/src/knowledge';

describe('AUTH mechanisms', () => {
  test('are looked up case-insensitively', () => {
    assert.equal(lookupAuthMechanism('plain')?.name, 'PLAIN');
    assert.equal(lookupAuthMechanism('NO-SUCH'), undefined);
  });

  test('only PLAIN and LOGIN send the password itself', () => {
    const cleartext = [...AUTH_MECHANISMS.values()].filter((spec) => spec.cleartextPassword).map((spec) => spec.name);
    assert.deepEqual(cleartext, ['PLAIN', 'LOGIN']);
  });

  test('a mechanism that completes with its initial response must allow one', () => {
    for (const spec of AUTH_MECHANISMS.values()) {
      if (spec.completesWithInitialResponse) assert.ok(spec.initialResponse, spec.name);
    }
    assert.deepEqual(
      ['PLAIN', 'EXTERNAL', 'LOGIN', 'CRAM-MD5'].map((name) => lookupAuthMechanism(name)?.completesWithInitialResponse),
      [true, true, false, false],
    );
  });

  test('every mechanism links to its specification', () => {
    for (const spec of AUTH_MECHANISMS.values()) assert.match(specUrl(spec.spec), /^https:\/\//, spec.name);
  });
});

describe('header fields', () => {
  test('Date and From are the required fields (RFC 5322 §3.6)', () => {
    assert.deepEqual(REQUIRED_HEADER_FIELDS, ['Date', 'From']);
  });

  test('names are unique and looked up case-insensitively', () => {
    const names = HEADER_FIELDS.map((spec) => spec.name.toLowerCase());
    assert.equal(new Set(names).size, names.length);
    assert.equal(lookupHeaderField('message-id')?.name, 'Message-ID');
    assert.equal(lookupHeaderField('X-Mailer'), undefined);
  });

  test('RFC 5322 §3.6 allows at most one of these', () => {
    const once = HEADER_FIELDS.filter((spec) => spec.maxOne).map((spec) => spec.name);
    assert.deepEqual(once, ['Date', 'From', 'Sender', 'Reply-To', 'To', 'Cc', 'Bcc', 'Message-ID', 'In-Reply-To', 'References', 'Subject']);
  });

  test('suggests a field name for a typo', () => {
    assert.deepEqual(['Subjcet', 'Form', 'Content-Typ', 'X-Whatever', 'Subject'].map(suggestHeaderField), [
      'Subject',
      'From',
      'Content-Type',
      undefined,
      undefined,
    ]);
  });
});
