import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { checkSettingValue } from '../../../server/src/settings/registry';
import { readSettings } from '../../../server/src/replay/sessionSettings';
import { parseTranscript } from '../../../server/src/model/parseTranscript';
import type { Directive } from '../../../server/src/model/types';
import { lintTranscript } from '../../../server/src/features/lint';

const messages = (name: string, value: string) => checkSettingValue(name, value).map((p) => [p.message, p.replacement]);

describe('DKIM setting values', () => {
  test('good values pass', () => {
    for (const [name, value] of [
      ['dkim-domain', 'example.test'],
      ['dkim-selector', 'mail.s2026'],
      ['dkim-key', './keys/dkim.pem'],
      ['dkim-key', '-----BEGIN PRIVATE KEY-----'],
      ['dkim-algorithm', 'ED25519-SHA256'],
      ['dkim-headers', 'From:To:Subject'],
      ['dkim-headers', 'from, to date'],
      ['dkim-canonicalization', 'simple/relaxed'],
    ]) assert.deepEqual(messages(name, value), [], `${name} = ${value}`);
  });

  test('bad values say why and suggest the likely intent', () => {
    assert.deepEqual(messages('dkim-domain', 'alice@example.test'), [['`@dkim-domain = alice@example.test` is not a domain name (the `d=` tag): give the domain only, without the local part', undefined]]);
    assert.deepEqual(messages('dkim-selector', 'a b'), [['`@dkim-selector = a b` is not a selector: DNS labels such as `s2026` or `mail.eu` (the `s=` tag)', undefined]]);
    assert.deepEqual(messages('dkim-key', '-----BEGIN PUBLIC KEY-----'), [['`@dkim-key = -----BEGIN PUBLIC KEY-----` is not a private key: signing needs the private key; the public key goes in DNS', undefined]]);
    assert.deepEqual(messages('dkim-algorithm', 'ed25519'), [['`@dkim-algorithm = ed25519` is not `rsa-sha256` or `ed25519-sha256`: did you mean `ed25519-sha256`?', 'ed25519-sha256']]);
    assert.deepEqual(messages('dkim-algorithm', 'rsa-sha1'), [['`@dkim-algorithm = rsa-sha1` is not `rsa-sha256` or `ed25519-sha256`: RFC 8301 §3.1 forbids signing with rsa-sha1; use `rsa-sha256`', 'rsa-sha256']]);
    assert.deepEqual(messages('dkim-canonicalization', 'relaxed'), [['`@dkim-canonicalization = relaxed` is not `relaxed/relaxed`, `relaxed/simple`, `simple/relaxed` or `simple/simple`: did you mean `relaxed/simple`?', 'relaxed/simple']]);
    assert.deepEqual(messages('dkim-headers', 'To:Subject'), [['`@dkim-headers = To:Subject` is not a list of header field names that includes `From`: did you mean `From:To:Subject`?', 'From:To:Subject']]);
  });

  test('replay reads the settings, and names the missing ones', () => {
    const read = (text: string) => {
      const transcript = parseTranscript(text);
      const definitions = new Map<string, Directive>(transcript.directives.map((d) => [d.name, d]));
      return readSettings(definitions, (d) => d.value.text, {}).dkim;
    };
    assert.deepEqual(read('@dkim-domain = example.test\n@dkim-selector = s1\n@dkim-key = k.pem\n@dkim-headers = From:Subject\n@dkim-algorithm = RSA-SHA256\nS: 220'), {
      domain: 'example.test',
      selector: 's1',
      key: 'k.pem',
      keyLine: 2,
      algorithm: 'rsa-sha256',
      headers: ['From', 'Subject'],
    });
    assert.equal(read('@server = x.test\nS: 220'), undefined);
    // The line is the error's field (the CLI prints `line 1: ...`), as for every ReplayError.
    assert.throws(() => read('@dkim-domain = example.test\nS: 220'), {
      message: 'DKIM signing needs @dkim-domain, @dkim-selector and @dkim-key: @dkim-selector and @dkim-key are missing',
      line: 0,
    });
  });
});

describe('lint: an incomplete DKIM setting set', () => {
  const MESSAGE = ['S: 220 *', 'C: MAIL FROM:<a@example.test>', 'S: 250 ok', 'C: RCPT TO:<b@example.test>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: From: <a@example.test>', 'C: Date: {{$date}}', 'C:', 'C: hi', 'C: .', 'S: 250 ok'];
  const dkim = (text: string) =>
    lintTranscript(parseTranscript(text))
      .filter((d) => d.code === 'setting-value')
      .map((d) => `${d.range.start.line}: ${d.message}`);

  test('said once, on the first @dkim-* line, in the session or at file level; a complete set passes', () => {
    assert.deepEqual(dkim(['@dkim-domain = example.test', '@dkim-headers = From', ...MESSAGE].join('\n')), [
      '0: DKIM signing needs @dkim-domain, @dkim-selector and @dkim-key: @dkim-selector and @dkim-key are missing, so replay refuses to send the message.',
    ]);
    assert.deepEqual(dkim(['@dkim-domain = example.test', '### one', '@dkim-selector = s1', ...MESSAGE].join('\n')), [
      '0: DKIM signing needs @dkim-domain, @dkim-selector and @dkim-key: @dkim-key is missing, so replay refuses to send the message.',
      '2: DKIM signing needs @dkim-domain, @dkim-selector and @dkim-key: @dkim-key is missing, so replay refuses to send the message.',
    ]);
    assert.deepEqual(dkim(['@dkim-domain = example.test', '@dkim-selector = s1', '@dkim-key = k.pem', ...MESSAGE].join('\n')), []);
    // No DATA message: nothing is signed, nothing to say.
    assert.deepEqual(dkim(['@dkim-domain = example.test', 'S: 220 *', 'C: QUIT', 'S: 221 bye'].join('\n')), []);
  });

  test('a message sent with BDAT is signed too, so an incomplete set is said there as well', () => {
    const chunked = ['S: 220 *', 'C: MAIL FROM:<a@example.test>', 'S: 250 ok', 'C: RCPT TO:<b@example.test>', 'S: 250 ok', 'C: BDAT * LAST', 'C: From: <a@example.test>', 'C:', 'C: hi', 'S: 250 ok'];
    assert.deepEqual(dkim(['@dkim-domain = example.test', ...chunked].join('\n')), [
      '0: DKIM signing needs @dkim-domain, @dkim-selector and @dkim-key: @dkim-selector and @dkim-key are missing, so replay refuses to send the message.',
    ]);
  });
});
