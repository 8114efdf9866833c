// The DKIM checks RFC 6376 puts around the cryptography (§6.1.1 the signature field, §6.1.2 and §3.6.1 the key
// record, RFC 8301 §3.1), and the body canonicalizations of §3.4 on the RFC's own example (§3.4.5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { canonicalBodyLength, dkimSignatureFields, keyProblem, signatureProblem, tagList } from '../../../server/src/mailauth/dkimSignatureReview';

const GOOD = 'v=1; a=rsa-sha256; c=relaxed/simple; d=example.test; s=sel; h=From:To; bh=AAAA; b=BBBB';

test('the signature field: what RFC 6376 §6.1.1 and RFC 8301 §3.1 refuse, with the PERMFAIL wording and the reason', () => {
  const problem = (text: string) => {
    const found = signatureProblem(tagList(text));
    return found && `${found.result} (${found.comment}): ${found.reason}`;
  };
  assert.deepEqual(
    [
      problem(GOOD),
      problem(`${GOOD}; i=alice@mail.example.test`),
      problem(GOOD.replace('v=1', 'v=2')),
      problem(GOOD.replace('s=sel; ', '').replace(' bh=AAAA;', '')),
      problem(GOOD.replace('a=rsa-sha256', 'a=rsa-md5')),
      problem(GOOD.replace('c=relaxed/simple', 'c=relaxed/loose')),
      problem(`${GOOD}; l=12k`),
      problem(GOOD.replace('h=From:To', 'h=To:Subject')),
      problem(GOOD.replace('h=From:To', 'h = to : FROM ')),
      problem(`${GOOD}; i=@example.test.evil.test`),
      problem(`${GOOD}; d=other.test`),
      problem(GOOD.replace('a=rsa-sha256', 'a=rsa-sha1')),
    ],
    [
      undefined,
      undefined,
      'neutral (incompatible version): v=2 is not 1 (RFC 6376 §3.5, §6.1.1)',
      'neutral (signature missing required tag): it has no bh=, s=, which a signature must have (RFC 6376 §3.5, §6.1.1)',
      'neutral (signature syntax error): a=rsa-md5 is not a DKIM signing algorithm (rsa-sha256, ed25519-sha256: RFC 6376 §3.3, RFC 8463 §3)',
      'neutral (signature syntax error): c=relaxed/loose is not simple or relaxed for the header and the body (RFC 6376 §3.4)',
      'neutral (signature syntax error): l=12k is not a number (RFC 6376 §3.5)',
      'neutral (From field not signed): h= does not name From: the author is not signed, so the signature is ignored (RFC 6376 §5.4, §6.1.1)',
      undefined,
      'neutral (domain mismatch): i=@example.test.evil.test is not in d=example.test or a subdomain of it (RFC 6376 §6.1.1)',
      'neutral (signature syntax error): the tag d= is written twice, which makes the whole tag list invalid (RFC 6376 §3.2)',
      'policy (rsa-sha1 not acceptable): a=rsa-sha1: RFC 8301 §3.1 forbids rsa-sha1 for signing and verifying',
    ],
  );
});

test('the key record: k=, h=, s=, t=s and an empty p= (RFC 6376 §3.6.1, §6.1.2); absent tags allow everything (k= is rsa)', () => {
  const problem = (signature: string, key: string) => keyProblem(tagList(signature), key)?.comment;
  assert.deepEqual(
    [
      problem(GOOD, 'v=DKIM1;k=rsa;p=MIIB'),
      problem(GOOD, 'v=DKIM1;h=sha1;p=MIIB'),
      problem(GOOD, 'v=DKIM1;h=sha1:SHA256;p=MIIB'),
      problem(GOOD, 'v=DKIM1;s=*;p=MIIB'),
      problem(GOOD, 'v=DKIM1;s=tlsrpt;p=MIIB'),
      problem(`${GOOD}; i=@example.test`, 'v=DKIM1;t=s;p=MIIB'),
      problem(`${GOOD}; i=@mail.example.test`, 'v=DKIM1;t=y:s;p=MIIB'),
      problem(GOOD, 'v=DKIM1;k=rsa;p='),
      problem(GOOD, 'v=DKIM1;k=ed25519;p=MIIB'),
      problem(GOOD.replace('a=rsa-sha256', 'a=ed25519-sha256'), 'v=DKIM1;p=MIIB'),
    ],
    [undefined, 'inappropriate hash algorithm', undefined, undefined, 'no key for signature', undefined, 'domain mismatch', 'key revoked', 'inappropriate key algorithm', 'inappropriate key algorithm'],
  );
});

test('DKIM-Signature fields are found in the header section only, folded lines joined', () => {
  const message = Buffer.from(`Received: x\r\nDKIM-Signature: v=1; d=a.test;\r\n\tb=AB CD\r\nFrom: a@a.test\r\n\r\nDKIM-Signature: v=1; d=body.test\r\n`);
  assert.deepEqual(
    dkimSignatureFields(message).map((field) => Object.fromEntries(field.tags)),
    [{ v: '1', d: 'a.test', b: 'AB CD' }],
  );
});

// RFC 6376 §3.4.5: the example message, and its body canonicalized each way.
const EXAMPLE = 'A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n';
const RELAXED_BODY = ' C\r\nD E\r\n';
const SIMPLE_BODY = ' C \r\nD \t E\r\n';

test('canonicalized body lengths follow RFC 6376 §3.4.5, and an empty body (§3.4.3, §3.4.4)', () => {
  const length = (message: string, c: string) => canonicalBodyLength(Buffer.from(message, 'latin1'), tagList(`c=${c}`));
  assert.deepEqual(
    [length(EXAMPLE, 'relaxed/relaxed'), length(EXAMPLE, 'relaxed/simple'), length(EXAMPLE, 'simple'), length('A: X\r\n\r\n', 'simple/relaxed'), length('A: X\r\n\r\n', 'simple/simple'), length('A: X\r\n\r\nno line end', 'relaxed/relaxed')],
    [RELAXED_BODY.length, SIMPLE_BODY.length, SIMPLE_BODY.length, 0, 2, 13],
  );
});

test("mailauth's body hashes are those of RFC 6376 §3.4.5's canonicalized bodies", async () => {
  // The verifier's own body canonicalization (mailauth/lib/dkim/body), fed the example's body.
  const { dkimBody } = (await import('mailauth/lib/dkim/body/index.js' as string)) as { dkimBody: (c: string, hash: string, length: false) => { update(chunk: Buffer | null, final?: boolean): void; digest(encoding: 'base64'): string } };
  const hashOf = (canonicalization: string) => {
    const hasher = dkimBody(canonicalization, 'sha256', false);
    hasher.update(Buffer.from(EXAMPLE.slice(EXAMPLE.indexOf('\r\n\r\n') + 4), 'latin1'));
    return hasher.digest('base64');
  };
  const sha256 = (text: string) => createHash('sha256').update(text, 'latin1').digest('base64');
  assert.deepEqual([hashOf('relaxed'), hashOf('simple')], [sha256(RELAXED_BODY), sha256(SIMPLE_BODY)]);
});
