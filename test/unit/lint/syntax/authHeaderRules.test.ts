import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dataTransaction, findingsOf } from './syntaxHarness';

/** DATA content (file lines) starting on line 10, followed by From, Date and a body. */
const data = (...content: string[]) => dataTransaction([...content, 'C: From: <a@example.org>', 'C: Date: {{$date}}', 'C:', 'C: Body']);

const messages = (text: string, rule: string) => findingsOf(text, rule).map((f) => `${f.range.start.line}: ${f.message}`);

const SIGNATURE = ['C: DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org;', 'C:  s=s1; t=1767225600; h=From:Date;', 'C:  bh=YWJj; b=ZGVm'];

describe('mail-authentication header fields', () => {
  test('a well-formed DKIM-Signature, ARC set and Authentication-Results pass', () => {
    const text = data(
      ...SIGNATURE,
      'C: ARC-Seal: i=1; a=rsa-sha256; cv=none; d=example.org; s=arc; t=1; b=YWJj',
      'C: ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=arc; h=From; bh=YQ==; b=Yg==',
      'C: ARC-Authentication-Results: i=1; mx.example.org; spf=pass smtp.mailfrom=a@example.org',
      'C: Authentication-Results: mx.example.org (comment; with semicolon);',
      'C:  dkim=pass header.d=example.org; spf=softfail (why) smtp.mailfrom=example.org; dmarc=pass',
      'C: Authentication-Results: mx.example.org; none',
    );
    assert.deepEqual([...['dkim-signature-syntax', 'arc-header-syntax', 'authentication-results-syntax'].flatMap((rule) => messages(text, rule))], []);
  });

  test('dkim-signature-syntax: what verifiers reject, one finding per field on its first line', () => {
    const cases: Array<[string[], string]> = [
      [['C: DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=s1; h=From; bh=YQ=='], 'DKIM-Signature: the required tag `b=` is missing (RFC 6376 §3.5)'],
      [['C: DKIM-Signature: v=2; a=rsa-sha256; d=example.org; s=s1; h=From; bh=YQ==; b=Yg=='], 'DKIM-Signature: `v=2`: the only version is `v=1` (RFC 6376 §3.5)'],
      [['C: DKIM-Signature: v=1; a=rsa-sha1; d=example.org; s=s1; h=From; bh=YQ==; b=Yg=='], 'DKIM-Signature: `a=rsa-sha1`: verifiers must not accept SHA-1 signatures any more; use `rsa-sha256` (RFC 8301 §3.1)'],
      [['C: DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=s1; h=To:Subject; bh=YQ==; b=Yg=='], 'DKIM-Signature: `h=` does not list `From`, which must be signed (RFC 6376 §5.4)'],
      [['C: DKIM-Signature: v=1; v=1; a=rsa-sha256'], 'DKIM-Signature: the tag `v=` appears twice; each tag may appear once (RFC 6376 §3.2)'],
      [['C: DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=s1; h=From; bh=YQ==; b=Yg==; i=@other.org'], 'DKIM-Signature: `i=@other.org` must be `[local]@domain` with the domain `example.org` or a subdomain of it (RFC 6376 §3.5)'],
      [['C: DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=s1; h=From; bh=YQ==; b=Yg==; t=20; x=10'], 'DKIM-Signature: `x=` (expiry) is not after `t=` (signing time) (RFC 6376 §3.5)'],
      [['C: DKIM-Signature: v=1 a=rsa-sha256'], 'DKIM-Signature: the required tags `a=`, `b=`, `bh=`, `d=`, `h=`, `s=` are missing (RFC 6376 §3.5)'],
    ];
    for (const [content, message] of cases) assert.deepEqual(messages(data(...content), 'dkim-signature-syntax'), [`9: ${message}`], content[0]);
  });

  test('arc-header-syntax and authentication-results-syntax', () => {
    assert.deepEqual(messages(data('C: ARC-Seal: i=51; a=rsa-sha256; cv=none; d=example.org; s=arc; b=YQ=='), 'arc-header-syntax'), ['9: ARC-Seal: `i=51` is not an instance number from 1 to 50 (RFC 8617 §4.2.1)']);
    assert.deepEqual(messages(data('C: ARC-Seal: i=1; a=rsa-sha256; cv=maybe; d=example.org; s=arc; b=YQ=='), 'arc-header-syntax'), ['9: ARC-Seal: `cv=maybe` is not a chain status: `none`, `pass` or `fail` (RFC 8617 §4.1.3)']);
    assert.deepEqual(messages(data('C: ARC-Authentication-Results: mx.example.org; spf=pass'), 'arc-header-syntax'), ['9: ARC-Authentication-Results: the value starts with the instance, `i=1; authserv-id; method=result ...` (RFC 8617 §4.1.1)']);
    assert.deepEqual(messages(data('C: Authentication-Results: spf=pass'), 'authentication-results-syntax'), [
      '9: Authentication-Results: the value starts with the authserv-id, the name of the receiver that checked (`mx.example.org; spf=pass ...`, RFC 8601 §2.2)',
    ]);
    assert.deepEqual(messages(data('C: Authentication-Results: mx.example.org; dmarc=softfail'), 'authentication-results-syntax'), [
      '9: Authentication-Results: `dmarc=softfail`: dmarc results are `none`, `pass`, `fail`, `temperror`, `permerror` (RFC 8601 §2.7)',
    ]);
  });

  test('a field with a variable is known only at replay and is not judged', () => {
    assert.deepEqual(messages(data('C: DKIM-Signature: {{signature}}'), 'dkim-signature-syntax'), []);
  });
});
