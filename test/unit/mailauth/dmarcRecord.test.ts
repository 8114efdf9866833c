// A DMARC record as RFC 7489 reads it: the policy (§6.6.3: p=, and sp= for a subdomain, a missing or invalid one
// read as p=none when rua holds a valid URI, else as no record), the alignment modes and pct (§6.3, §6.6.4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordModes, recordPolicy, sampledPolicy } from '../../../server/src/mailauth/dmarcRecord';

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

test('adkim/aspf are r or s in any case and with blanks around =; any other value is the default r, said so (RFC 7489 §6.3)', () => {
  assert.deepEqual(
    [
      recordModes('v=DMARC1; p=reject'),
      recordModes('v=DMARC1; p=reject; adkim=S; aspf = s'),
      recordModes('v=DMARC1; p=reject; adkim=R; aspf=r; x-unknown=1'),
      recordModes('v=DMARC1; p=reject; adkim=strict; aspf='),
    ],
    [
      { adkim: 'relaxed', aspf: 'relaxed', pct: 100, problems: [] },
      { adkim: 'strict', aspf: 'strict', pct: 100, problems: [] },
      { adkim: 'relaxed', aspf: 'relaxed', pct: 100, problems: [] },
      {
        adkim: 'relaxed',
        aspf: 'relaxed',
        pct: 100,
        problems: [
          'adkim=strict is not r or s, so the default r (relaxed) applies (RFC 7489 §6.3)',
          'aspf= is not r or s, so the default r (relaxed) applies (RFC 7489 §6.3)',
        ],
      },
    ],
  );
});

test('pct is an integer from 0 to 100; anything else is the default 100, said so (RFC 7489 §6.3)', () => {
  const pct = (record: string) => {
    const { pct, problems } = recordModes(record);
    return { pct, problems };
  };
  assert.deepEqual(
    [pct('v=DMARC1; p=reject; pct=20'), pct('v=DMARC1; p=reject; pct=0'), pct('v=DMARC1; p=reject; pct=100'), pct('v=DMARC1; p=reject; pct=150'), pct('v=DMARC1; p=reject; pct=-5'), pct('v=DMARC1; p=reject; pct=abc')],
    [
      { pct: 20, problems: [] },
      { pct: 0, problems: [] },
      { pct: 100, problems: [] },
      { pct: 100, problems: ['pct=150 is not an integer from 0 to 100, so the default 100 applies (RFC 7489 §6.3)'] },
      { pct: 100, problems: ['pct=-5 is not an integer from 0 to 100, so the default 100 applies (RFC 7489 §6.3)'] },
      { pct: 100, problems: ['pct=abc is not an integer from 0 to 100, so the default 100 applies (RFC 7489 §6.3)'] },
    ],
  );
});

test('under pct, the sampled-out part of p=reject is quarantined and of p=quarantine handled as usual (RFC 7489 §6.6.4)', () => {
  assert.deepEqual(
    [sampledPolicy('reject', 20), sampledPolicy('quarantine', 0), sampledPolicy('reject', 100), sampledPolicy('none', 50)],
    [
      'p=reject pct=20: 20% of failing messages are rejected, the rest treated as p=quarantine',
      "p=quarantine pct=0: 0% of failing messages are quarantined, the rest get the receiver's usual handling, as under p=none",
      undefined,
      undefined,
    ],
  );
});

test('np= is the policy of a subdomain that does not exist, when valid; otherwise sp= or p= (RFC 9091 §4.1)', () => {
  assert.deepEqual(
    [
      recordPolicy('v=DMARC1; p=none; sp=quarantine; np=reject', true, true),
      recordPolicy('v=DMARC1; p=none; sp=quarantine; np=reject', true, false),
      recordPolicy('v=DMARC1; p=none; np=reject', false, true),
      recordPolicy('v=DMARC1; p=none; sp=quarantine; np=never', true, true),
      recordPolicy('v=DMARC1; p=quarantine', true, true),
    ],
    [{ policy: 'reject' }, { policy: 'quarantine' }, { policy: 'none' }, { policy: 'quarantine' }, { policy: 'quarantine' }],
  );
  assert.deepEqual(recordModes('v=DMARC1; p=none; np=never').problems, ['np=never is not none, quarantine or reject, so it is ignored (RFC 9091 §4.1)']);
});
