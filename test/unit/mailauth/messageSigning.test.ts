import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTranscript } from '../../../server/src/model/parseTranscript';
import { outgoingFor, type OutgoingContext } from '../../../server/src/replay/outgoing';
import { dkimHeaderFor, unstuffDots } from '../../../server/src/replay/messageSigning';
import { dkimRecordFor, readSigningKey } from '../../../server/src/mailauth/dkimSigning';

const FIXTURES = join(__dirname, '../../../../test/fixtures/mailauth');
const RSA = readFileSync(join(FIXTURES, 'rsa-test-only.key.pem'), 'utf8');
const ED25519 = readFileSync(join(FIXTURES, 'ed25519-test-only.key.pem'), 'utf8');

describe('signing DATA content on replay', () => {
  test('unstuffDots undoes RFC 5321 §4.5.2 stuffing at every line start, and nothing else', () => {
    assert.equal(unstuffDots(Buffer.from('..a\r\nb.c\r\n...\r\n.\r\n')).toString(), '.a\r\nb.c\r\n..\r\n\r\n');
  });

  test('the hook sees the content in wire form (after variables and includes) and its header goes first', async () => {
    const exchange = parseTranscript('S: 220\nC: DATA\nS: 354\nC: Subject: {{x}}\nC:\nC: ..dot\n< ./b.txt\nC: .\nS: 250').sessions[0].exchanges[2];
    const seen: string[] = [];
    const context: OutgoingContext = {
      resolve: (t) => t.replace('{{x}}', 'hi'),
      addSecret: () => undefined,
      readInclude: async () => Buffer.from('.inc\n'),
      signMessage: async (wire, line) => {
        seen.push(`${line}:${wire.toString('latin1')}`);
        return Buffer.from('DKIM-Signature: v=1;\r\n b=abc\r\n');
      },
    };
    const out = await outgoingFor(exchange, context);
    assert.deepEqual(seen, ['3:Subject: hi\r\n\r\n..dot\r\n..inc\r\n']);
    assert.equal(Buffer.concat(out.data).toString('latin1'), 'DKIM-Signature: v=1;\r\n b=abc\r\nSubject: hi\r\n\r\n..dot\r\n..inc\r\n.\r\n');
    assert.deepEqual(out.shown.map((l) => l.text), ['DKIM-Signature: v=1;', ' b=abc', 'Subject: hi', '', '..dot', '..inc', '.']);
  });

  test('the header names the settings; a key that cannot sign is a transcript error on the content line', async () => {
    const content = Buffer.from('From: <a@example.test>\r\n\r\nbody\r\n');
    const header = (await dkimHeaderFor(content, { domain: 'example.test', selector: 's1', key: ED25519, headers: ['From'] }, async () => Buffer.alloc(0), 4, new Date('2026-01-01T00:00:00Z'))).toString();
    // Ed25519 signatures are deterministic (RFC 8032 §5.1.6), so the whole header field is known.
    assert.equal(
      header,
      'DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=example.test;\r\n' +
        ' h=From; q=dns/txt; s=s1; t=1767225600;\r\n' +
        ' bh=Ck5SoRNWUpSR4X0COv7R5ub2pUTtl6xz4dTFz++ji4M=;\r\n' +
        ' b=KeJH90pwfFrwvgQJ7XCz/GcFJJfMgML8QGW3VB9wMxisnlcvWePDwbLGqTXzo+JvRuCrgES77\r\n' +
        ' ByVjqu4kxRPAg==\r\n',
    );
    await assert.rejects(dkimHeaderFor(content, { domain: 'example.test', selector: 's1', key: ED25519, algorithm: 'rsa-sha256' }, async () => Buffer.alloc(0), 4), {
      kind: 'transcript',
      message: '@dkim-key: the DKIM key is an ed25519 key, which cannot sign rsa-sha256: use ed25519-sha256',
      line: 4,
    });
    await assert.rejects(dkimHeaderFor(content, { domain: 'example.test', selector: 's1', key: 'k.pem' }, async () => Buffer.from('not a key'), 4), {
      message: '@dkim-key: the DKIM key is not a PEM private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)',
    });
  });

  test('the key decides the algorithm; its DNS record is RFC 6376 §3.6.1 / RFC 8463 §4.2 text', () => {
    assert.equal(readSigningKey(RSA, undefined).algorithm, 'rsa-sha256');
    assert.equal(readSigningKey(ED25519, undefined).algorithm, 'ed25519-sha256');
    assert.equal(dkimRecordFor(ED25519), 'v=DKIM1; k=ed25519; p=vdyhPcFBKIJxOXn5FHofXHOkLaVLteJP+vTjIasrXRY=');
    assert.match(dkimRecordFor(RSA), /^v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA1MPAQS3/);
  });
});
