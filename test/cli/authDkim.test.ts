// `smtp-transcript auth`: DKIM signatures judged by RFC 6376's rules beyond the cryptography (§6.1.1 the signature
// field, §6.1.2 and §3.6.1 the key record; RFC 8301 §3.1), and what l= leaves unsigned. The signatures are made by
// test/support/dkimHandSigner.ts and verify cryptographically; DNS from a zone file written by each test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { dkimRecordFor } from '../../server/src/mailauth/dkimSigning';
import { handSigned, type HandAlgorithm } from '../support/dkimHandSigner';
import { REPO, runCli } from '../support/cli';

const FIXTURES = path.join(REPO, 'test/fixtures/mailauth');
const ED25519 = readFileSync(path.join(FIXTURES, 'ed25519-test-only.key.pem'), 'utf8');
const RSA = readFileSync(path.join(FIXTURES, 'rsa-test-only.key.pem'), 'utf8');
const MESSAGE = 'From: <alice@signed.test>\r\nTo: <bob@example.test>\r\nSubject: hi\r\n\r\nHello.\r\nMore below.\r\n';

/** `auth --json` of MESSAGE signed with `tags` (under selector `sel` of signed.test, whose key record is `keyRecord`). */
async function judged(tags: Array<[string, string]>, { algorithm = 'ed25519-sha256' as HandAlgorithm, keyRecord = '' } = {}) {
  const pem = algorithm === 'ed25519-sha256' ? ED25519 : RSA;
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-auth-dkim-'));
  const record = keyRecord || dkimRecordFor(pem);
  writeFileSync(path.join(dir, 'dns.zone'), `sel._domainkey.signed.test TXT ${record.match(/.{1,250}/g)!.map((part) => `"${part}"`).join(' ')}\n_dmarc.signed.test TXT "v=DMARC1; p=reject"\n`);
  // The usual tags, each unless `tags` names it (then written where `tags` has it).
  const usual: Array<[string, string]> = [['v', '1'], ['a', algorithm], ['c', 'relaxed/relaxed'], ['d', 'signed.test'], ['s', 'sel']];
  const all = [...usual.filter(([name]) => !tags.some(([given]) => given === name)), ...tags];
  writeFileSync(path.join(dir, 'm.eml'), handSigned(MESSAGE, all, createPrivateKey(pem), algorithm));
  const run = await runCli(['auth', 'm.eml', '--ip', '127.0.0.1', '--helo', 'client.test', '--mail-from', '<>', '--zone', 'dns.zone', '--json'], { cwd: dir });
  assert.equal(run.stderr, '');
  const json = JSON.parse(run.stdout);
  const rows = (json.headers as string).split(/;\r\n /).filter((row) => row.startsWith('dkim='));
  return { code: run.code, dkim: json.dkim, dmarc: json.dmarc.result, rows };
}

test('auth: a correctly made signature passes (the hand signer agrees with mailauth)', async () => {
  const { code, dkim, dmarc } = await judged([['h', 'From:To:Subject']]);
  assert.deepEqual({ code, dkim, dmarc }, { code: 0, dkim: [{ result: 'pass', domain: 'signed.test', selector: 'sel', algorithm: 'ed25519-sha256', aligned: true }], dmarc: 'pass' });
});

/** The one signature's result and reason, its Authentication-Results row, DMARC's result and the exit code. */
async function outcome(tags: Array<[string, string]>, options: { algorithm?: HandAlgorithm; keyRecord?: string } = {}) {
  const { code, dkim, dmarc, rows } = await judged(tags, options);
  assert.equal(dkim.length, 1, JSON.stringify(dkim));
  return { result: dkim[0].result, reason: dkim[0].reason, row: rows[0], dmarc, code };
}

test('auth: a signature whose h= leaves out From is ignored, however well it verifies (RFC 6376 §5.4, §6.1.1)', async () => {
  const { result, reason, row, dmarc, code } = await outcome([['h', 'To:Subject']]);
  assert.deepEqual({ result, reason, dmarc, code }, { result: 'neutral', reason: 'h= does not name From: the author is not signed, so the signature is ignored (RFC 6376 §5.4, §6.1.1)', dmarc: 'fail', code: 1 });
  assert.match(row, /^dkim=neutral \(From field not signed\) header\.i=@signed\.test header\.s=sel header\.a=ed25519-sha256 header\.b=\S{8}$/);
});

test('auth: an i= outside d= is a domain mismatch (RFC 6376 §6.1.1); one in a subdomain of d= passes', async () => {
  const outside = await outcome([['h', 'From:To:Subject'], ['i', 'alice@evilsigned.test']]);
  assert.deepEqual([outside.result, outside.reason, outside.dmarc], ['neutral', 'i=alice@evilsigned.test is not in d=signed.test or a subdomain of it (RFC 6376 §6.1.1)', 'fail']);
  assert.match(outside.row, /^dkim=neutral \(domain mismatch\) header\.i=@signed\.test /);
  assert.equal((await outcome([['h', 'From:To:Subject'], ['i', 'alice@mail.signed.test']])).result, 'pass');
});

test('auth: v=2 is an incompatible version (RFC 6376 §3.5, §6.1.1), a tag written twice a syntax error (§3.2)', async () => {
  const version = await outcome([['h', 'From:To:Subject'], ['v', '2']]);
  assert.deepEqual([version.result, version.reason], ['neutral', 'v=2 is not 1 (RFC 6376 §3.5, §6.1.1)']);
  assert.match(version.row, /^dkim=neutral \(incompatible version\) /);
  const twice = await outcome([['h', 'From:To:Subject'], ['x', '4102444800'], ['x', '4102444801']]);
  assert.deepEqual([twice.result, twice.reason], ['neutral', 'the tag x= is written twice, which makes the whole tag list invalid (RFC 6376 §3.2)']);
  assert.match(twice.row, /^dkim=neutral \(signature syntax error\) /);
});

test('auth: rsa-sha1 is not acceptable (RFC 8301 §3.1): dkim=policy, and DMARC fails', async () => {
  const { result, reason, row, dmarc, code } = await outcome([['h', 'From:To:Subject']], { algorithm: 'rsa-sha1' });
  assert.deepEqual({ result, reason, dmarc, code }, { result: 'policy', reason: 'a=rsa-sha1: RFC 8301 §3.1 forbids rsa-sha1 for signing and verifying', dmarc: 'fail', code: 1 });
  assert.match(row, /^dkim=policy \(rsa-sha1 not acceptable\) header\.i=@signed\.test header\.s=sel header\.a=rsa-sha1 /);
});

test('auth: a signature mailauth cannot read (a=rsa-sha512) is listed with its reason, not taken for an unsigned message', async () => {
  const { result, reason, row, code } = await outcome([['h', 'From:To:Subject'], ['a', 'rsa-sha512']], { algorithm: 'rsa-sha256' });
  assert.deepEqual(
    { result, reason, code },
    { result: 'neutral', reason: 'a=rsa-sha512 is not a DKIM signing algorithm (rsa-sha256, ed25519-sha256: RFC 6376 §3.3, RFC 8463 §3)', code: 1 },
  );
  assert.match(row, /^dkim=neutral \(signature syntax error\) header\.i=@signed\.test header\.s=sel header\.a=rsa-sha512 header\.b=\S+$/);
});

test("auth: the key record's h=, s= and t=s restrict what it verifies, an empty p= is a revoked key (RFC 6376 §3.6.1, §6.1.2)", async () => {
  const rsa = dkimRecordFor(RSA);
  const withTag = (tag: string) => rsa.replace('k=rsa;', `k=rsa; ${tag};`);
  const cases: Array<[Array<[string, string]>, string, string, string]> = [
    [[], withTag('h=sha1'), 'inappropriate hash algorithm', "the key record's h=sha1 does not allow sha256 (RFC 6376 §3.6.1, §6.1.2)"],
    [[], withTag('s=other'), 'no key for signature', "the key record's s=other is not for email, so verifiers ignore it (RFC 6376 §3.6.1)"],
    [[['i', '@mail.signed.test']], withTag('t=s'), 'domain mismatch', "the key record's t=s allows no subdomain in i=, and i=@mail.signed.test is not in d=signed.test itself (RFC 6376 §3.6.1)"],
    [[], 'v=DKIM1; k=rsa; p=', 'key revoked', 'the key record has an empty p=: the key is revoked (RFC 6376 §3.6.1, §6.1.2)'],
  ];
  for (const [tags, keyRecord, short, reason] of cases) {
    const judgedOne = await outcome([['h', 'From:To:Subject'], ...tags], { algorithm: 'rsa-sha256', keyRecord });
    assert.deepEqual([judgedOne.result, judgedOne.reason, judgedOne.dmarc], ['neutral', reason, 'fail'], keyRecord);
    assert.ok(judgedOne.row.startsWith(`dkim=neutral (${short}) header.i=@signed.test`), judgedOne.row);
  }
  // The same signature under the key as published, and under one allowing sha256 for email, passes.
  assert.equal((await outcome([['h', 'From:To:Subject']], { algorithm: 'rsa-sha256', keyRecord: withTag('h=sha1:sha256; s=email:other') })).result, 'pass');
});

test('auth: a key in testing mode (t=y) is noted: its mail is to be treated as unsigned (RFC 6376 §3.6.1)', async () => {
  const { dkim } = await judged([['h', 'From:To:Subject']], { algorithm: 'rsa-sha256', keyRecord: dkimRecordFor(RSA).replace('k=rsa;', 'k=rsa; t=y;') });
  assert.deepEqual(dkim[0].notes, ['the key record says t=y: the domain is testing DKIM, and its mail is to be treated as unsigned, whatever the result (RFC 6376 §3.6.1)']);
});

test('auth: l= says how much of the body is signed and how much is not (RFC 6376 §8.2); the JSON output stays JSON', async () => {
  // The canonicalized body is "Hello.\r\nMore below.\r\n", 21 octets.
  const part = await judged([['h', 'From:To:Subject'], ['l', '8']]);
  assert.deepEqual([part.dkim[0].result, part.dkim[0].notes], ['pass', ["l=8: only the first 8 of the body's 21 canonicalized octets are signed; the 13 after them could be anything (RFC 6376 §8.2)"]]);
  const whole = await judged([['h', 'From:To:Subject'], ['l', '21']]);
  assert.deepEqual([whole.dkim[0].result, whole.dkim[0].notes], ['pass', ['l=21: the whole canonicalized body is signed']]);
  // An l= beyond the body: mailauth printed a debugging line on standard output here, before the JSON.
  const beyond = await judged([['h', 'From:To:Subject'], ['l', '5000']]);
  assert.deepEqual(beyond.dkim[0].notes, ['l=5000 counts more octets than the canonicalized body has (21)']);
});

test('auth: x= in the past is an expired signature (RFC 6376 §3.5), and x= before t= an invalid one', async () => {
  const expired = await outcome([['h', 'From:To:Subject'], ['t', '1700000000'], ['x', '1700086400']]);
  assert.deepEqual([expired.result, expired.reason, expired.dmarc], ['neutral', 'expired', 'fail']);
  assert.match(expired.row, /^dkim=neutral \(expired\) header\.i=@signed\.test /);
  const backwards = await outcome([['h', 'From:To:Subject'], ['t', '4102444800'], ['x', '4102358400']]);
  assert.deepEqual([backwards.result, backwards.reason], ['neutral', 'invalid expiration']);
  // An x= far ahead is not expired.
  assert.equal((await outcome([['h', 'From:To:Subject'], ['t', '1700000000'], ['x', '4102444800']])).result, 'pass');
});

test('auth: of two signatures, the one that passes counts; the other is listed with its reason (RFC 6376 §6.1, RFC 7489 §4.2)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-auth-dkim-'));
  writeFileSync(path.join(dir, 'dns.zone'), `sel._domainkey.signed.test TXT "${dkimRecordFor(ED25519)}"\n_dmarc.signed.test TXT "v=DMARC1; p=reject"\n`);
  const key = createPrivateKey(ED25519);
  const usual: Array<[string, string]> = [['v', '1'], ['a', 'ed25519-sha256'], ['c', 'relaxed/relaxed'], ['d', 'signed.test'], ['s', 'sel']];
  const once = handSigned(MESSAGE, [...usual, ['h', 'From:To:Subject']], key, 'ed25519-sha256');
  writeFileSync(path.join(dir, 'm.eml'), handSigned(once, [...usual, ['h', 'To:Subject']], key, 'ed25519-sha256'));
  const run = await runCli(['auth', 'm.eml', '--ip', '127.0.0.1', '--helo', 'client.test', '--mail-from', '<>', '--zone', 'dns.zone'], { cwd: dir });
  assert.equal(run.code, 0, run.stdout);
  assert.deepEqual(run.stdout.split('\n').filter((line) => /^(dkim|dmarc)=/.test(line)), [
    'dkim=neutral d=signed.test s=sel a=ed25519-sha256: h= does not name From: the author is not signed, so the signature is ignored (RFC 6376 §5.4, §6.1.1)',
    'dkim=pass d=signed.test s=sel a=ed25519-sha256, aligned with From',
    'dmarc=pass header.from=signed.test p=reject: DKIM aligned (signed.test)',
  ]);
});

test('auth: a DKIM-Signature that is no tag list at all is listed and refused by name, without "undefined" (RFC 6376 §3.5)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-auth-dkim-'));
  writeFileSync(path.join(dir, 'm.eml'), 'DKIM-Signature: garbage\r\nFrom: <alice@soft.test>\r\n\r\nHello.\r\n');
  const run = await runCli(['auth', 'm.eml', '--ip', '127.0.0.1', '--helo', 'client.test', '--mail-from', 'alice@soft.test', '--zone', path.join(FIXTURES, 'auth.zone')], { cwd: dir });
  const reason = 'it has no v=, a=, b=, bh=, d=, h=, s=, which a signature must have (RFC 6376 §3.5, §6.1.1)';
  assert.deepEqual([run.code, ...run.stdout.split('\n').filter((line) => /^dkim=|^A strict|^ dkim=/.test(line))], [
    1,
    `dkim=neutral: ${reason}`,
    `A strict receiver refuses it: 550 5.7.20 No passing DKIM signature found (a signature without d= and s=: neutral, ${reason})`,
    ' dkim=neutral (signature missing required tag);',
  ]);
});

test('auth: a t= in the future is noted: verifiers may ignore such a signature (RFC 6376 §3.5)', async () => {
  const { dkim } = await judged([['h', 'From:To:Subject'], ['t', '4102444800']]);
  assert.deepEqual([dkim[0].result, dkim[0].notes], ['pass', ['t=4102444800 (2100-01-01T00:00:00.000Z) is in the future: a verifier may ignore such a signature (RFC 6376 §3.5)']]);
});

test('auth: a dkim row longer than a folded line is rewritten too, then folded', async () => {
  const selector = `${'a'.repeat(60)}.${'b'.repeat(40)}`;
  const { result, row } = await outcome([['h', 'To:Subject'], ['s', selector]]);
  assert.equal(result, 'neutral');
  assert.match(row, new RegExp(`^dkim=neutral \\(From field not signed\\) header\\.i=@signed\\.test\\r\\n header\\.s=${selector} header\\.a=ed25519-sha256 header\\.b=\\S{8}$`));
});

test("auth: a key record whose k= names another key type than its p= holds is refused (RFC 6376 §3.6.1, §6.1.2)", async () => {
  const rsaAsEd25519 = dkimRecordFor(RSA).replace('k=rsa', 'k=ed25519');
  const { result, reason, dmarc } = await outcome([['h', 'From:To:Subject']], { algorithm: 'rsa-sha256', keyRecord: rsaAsEd25519 });
  assert.deepEqual([result, reason, dmarc], ['neutral', "the key record's k=ed25519 does not fit a=rsa-sha256 (RFC 6376 §3.6.1, §6.1.2)", 'fail']);
});
