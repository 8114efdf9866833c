// A DMARC record's policy as RFC 7489 §6.6.3 reads it: p= (and sp= for a subdomain), a missing or invalid one read
// as p=none when rua holds a valid URI, else as no record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordPolicy } from '../../../server/src/mailauth/dmarcRecord';

test('valid policies apply as written, in any case; sp= only to a subdomain', () => {
  assert.deepEqual(
    [
      recordPolicy('v=DMARC1; p=reject', false),
      recordPolicy('v=DMARC1; p = Quarantine ; rua=mailto:r@example.test', false),
      recordPolicy('v=DMARC1; p=none; sp=reject', false),
      recordPolicy('v=DMARC1; p=none; sp=reject', true),
      recordPolicy('v=DMARC1; p=reject', true),
    ],
    [{ policy: 'reject' }, { policy: 'quarantine' }, { policy: 'none' }, { policy: 'reject' }, { policy: 'reject' }],
  );
});

test('a missing or invalid p=, or an invalid sp=: p=none with a valid rua URI, otherwise no policy', () => {
  const asNone = (problem: string) => ({ policy: 'none', problem: `${problem}, and its rua holds a valid URI, so the record counts as p=none (RFC 7489 §6.6.3)` });
  const noPolicy = (problem: string) => ({ problem: `${problem}, and it has no valid rua URI, so no DMARC policy applies (RFC 7489 §6.6.3)` });
  assert.deepEqual(
    [
      recordPolicy('v=DMARC1; p=bogus', false),
      recordPolicy('v=DMARC1; p=bogus; rua=mailto:dmarc@example.test', false),
      recordPolicy('v=DMARC1; p=bogus; rua=not a uri, https://example.test/dmarc!10m', false),
      recordPolicy('v=DMARC1; p=bogus; rua=dmarc@example.test', false),
      recordPolicy('v=DMARC1; p=bogus; rua=', false),
      recordPolicy('v=DMARC1; rua=mailto:dmarc@example.test', false),
      recordPolicy('v=DMARC1; p=reject; sp=never', false),
      recordPolicy('v=DMARC1; p=reject; sp=never; rua=mailto:d@example.test', true),
      recordPolicy('v=DMARC1; p=', false),
    ],
    [
      noPolicy('p=bogus is not none, quarantine or reject'),
      asNone('p=bogus is not none, quarantine or reject'),
      asNone('p=bogus is not none, quarantine or reject'),
      noPolicy('p=bogus is not none, quarantine or reject'),
      noPolicy('p=bogus is not none, quarantine or reject'),
      asNone('the record has no p= tag'),
      noPolicy('sp=never is not none, quarantine or reject'),
      asNone('sp=never is not none, quarantine or reject'),
      noPolicy('p= is not none, quarantine or reject'),
    ],
  );
});
