import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, fixed, summary } from './syntaxHarness';
import { lines } from '../../../support/text';

const b64 = (text: string) => Buffer.from(text, 'latin1').toString('base64');
/** An AUTH dialogue starting on line 4, after the greeting and EHLO. */
const auth = (...dialogue: string[]) => lines('S: 220 mx.example.com ESMTP', 'C: EHLO client.test', 'S: 250 mx', ...dialogue);

describe('AUTH', () => {
  test('references, `=`, `*` and an empty answer pass', () => {
    assert.deepEqual(summary(lines('@user = alice', '@password = {{$env SMTP_PASSWORD}}', auth('C: AUTH PLAIN {{$plain {{user}} {{password}}}}', 'S: 235 2.7.0 Ok'))), []);
    assert.deepEqual(summary(auth('C: AUTH PLAIN =', 'S: 535 5.7.8 No')), []);
    assert.deepEqual(summary(auth('C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', 'C: *', 'S: 501 5.7.0 Cancelled')), []);
    assert.deepEqual(summary(auth('C: AUTH EXTERNAL', 'S: 334 ', 'C:', 'S: 235 Ok')), []);
  });

  test('auth-base64: an initial response or an answer to 334 that is not base64', () => {
    assert.deepEqual(summary(auth('C: AUTH PLAIN user:pass', 'S: 235 Ok')), [{ rule: 'auth-base64', line: 4, severity: 'warning' }]);
    assert.deepEqual(findingsOf(auth('C: AUTH PLAIN user:pass', 'S: 235 Ok'), 'auth-base64')[0].range, {
      start: { line: 3, character: 14 },
      end: { line: 3, character: 23 },
    });
    assert.deepEqual(summary(auth('C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', 'C: alice', 'S: 334 UGFzc3dvcmQ6', 'C: {{$base64 {{pw}}}}', 'S: 235 Ok')), [
      { rule: 'auth-base64', line: 6, severity: 'warning' },
    ]);
    // Unpadded base64 is not what RFC 4954 asks for.
    assert.deepEqual(summary(auth('C: AUTH LOGIN YWxpY2U', 'S: 334 UGFzc3dvcmQ6', 'C: {{$base64 {{pw}}}}', 'S: 235 Ok')), [
      { rule: 'auth-base64', line: 4, severity: 'warning' },
    ]);
  });

  test('auth-base64: the message never quotes the line (credential material)', () => {
    const [finding] = findingsOf(auth('C: AUTH PLAIN AHRlc3R1c2VyAHRlc3RwYXN', 'S: 235 Ok'), 'auth-base64');
    assert.equal(
      finding.message,
      'The AUTH PLAIN initial response is not valid base64: AUTH initial responses are base64-encoded (RFC 4954 §4). Write `{{$base64 text}}` to have the text encoded, or `=` for an empty initial response.',
    );
    const [answer] = findingsOf(auth('C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', 'C: alice:hunter2', 'S: 235 Ok'), 'auth-base64');
    assert.doesNotMatch(answer.message, /alice|hunter2/);
    assert.match(answer.message, /^The AUTH LOGIN response to 334 is not valid base64/);
  });

  test('auth-base64: expecting 501 (cannot decode) makes it a negative test', () => {
    assert.deepEqual(summary(auth('C: AUTH PLAIN not-base64!', 'S: 501 5.5.2 Cannot decode response')), [{ rule: 'auth-base64', line: 4, severity: 'hint' }]);
  });

  test('auth-plain-payload: not authzid NUL authcid NUL passwd', () => {
    assert.deepEqual(summary(auth(`C: AUTH PLAIN ${b64('alice:secret')}`, 'S: 235 Ok')), [{ rule: 'auth-plain-payload', line: 4, severity: 'warning' }]);
    assert.deepEqual(summary(auth(`C: AUTH PLAIN ${b64('\0alice\0')}`, 'S: 235 Ok')), [{ rule: 'auth-plain-payload', line: 4, severity: 'warning' }]);
    assert.match(findingsOf(auth(`C: AUTH PLAIN ${b64('\0alice\0')}`, 'S: 235 Ok'), 'auth-plain-payload')[0].message, /an empty password/);
    assert.deepEqual(summary(auth('C: AUTH PLAIN', 'S: 334 ', `C: ${b64('a\0b\0c\0d')}`, 'S: 501 5.5.2 Bad')), [{ rule: 'auth-plain-payload', line: 6, severity: 'hint' }]);
  });

  test('auth-literal-password: a PLAIN payload written in base64', () => {
    const text = auth(`C: AUTH PLAIN ${b64('\0alice\0secret')}`, 'S: 235 2.7.0 Ok');
    assert.deepEqual(summary(text), [{ rule: 'auth-literal-password', line: 4, severity: 'warning' }]);
    const [finding] = findingsOf(text, 'auth-literal-password');
    assert.match(finding.message, /`\{\{\$plain alice \{\{password\}\}\}\}`/);
    assert.match(finding.message, /\{\{\$env SMTP_PASSWORD\}\}/);
    assert.doesNotMatch(finding.message, /secret/);
  });

  test('auth-literal-password: the LOGIN password answer, found by its challenge or its position', () => {
    const byChallenge = auth('C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', `C: ${b64('alice')}`, 'S: 334 UGFzc3dvcmQ6', `C: ${b64('secret')}`, 'S: 235 Ok');
    assert.deepEqual(summary(byChallenge), [{ rule: 'auth-literal-password', line: 8, severity: 'warning' }]);
    const byPosition = auth('C: AUTH LOGIN', 'S: 334 *', `C: ${b64('alice')}`, 'S: 334 *', `C: ${b64('secret')}`, 'S: 235 Ok');
    assert.deepEqual(summary(byPosition), [{ rule: 'auth-literal-password', line: 8, severity: 'warning' }]);
    const initialUser = auth(`C: AUTH LOGIN ${b64('alice')}`, 'S: 334 UGFzc3dvcmQ6', `C: ${b64('secret')}`, 'S: 235 Ok');
    assert.deepEqual(summary(initialUser), [{ rule: 'auth-literal-password', line: 6, severity: 'warning' }]);
  });

  test('auth-literal-password: a wrong password expecting 535 is a negative test', () => {
    assert.deepEqual(summary(auth('C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', `C: ${b64('alice')}`, 'S: 334 UGFzc3dvcmQ6', `C: ${b64('wrong')}`, 'S: 535 5.7.8 Authentication failed')), [
      { rule: 'auth-literal-password', line: 8, severity: 'hint' },
    ]);
  });

  test('auth-literal-password: built-ins given a literal password', () => {
    assert.deepEqual(summary(auth('C: AUTH PLAIN {{$plain alice secret}}', 'S: 235 Ok')), [{ rule: 'auth-literal-password', line: 4, severity: 'warning' }]);
    const xoauth2 = auth('C: AUTH XOAUTH2 {{$xoauth2 alice ya29.token}}', 'S: 235 Ok');
    assert.deepEqual(summary(xoauth2), [{ rule: 'auth-literal-password', line: 4, severity: 'warning' }]);
    assert.equal(
      findingsOf(xoauth2, 'auth-literal-password')[0].message,
      '`{{$xoauth2 ...}}` is given the token literally, so the token sits in the file. Write `{{$xoauth2 alice {{token}}}}` instead, with `@token = {{$env SMTP_TOKEN}}` above it: replay reads the environment variable, so the token never needs to be in the file.',
    );
    assert.deepEqual(summary(auth('C: AUTH PLAIN {{$base64 \\0alice\\0secret}}', 'S: 235 Ok')), [{ rule: 'auth-literal-password', line: 4, severity: 'warning' }]);
    assert.deepEqual(summary(lines('@auth = {{$plain alice secret}}', auth('C: AUTH PLAIN {{auth}}', 'S: 235 Ok'))), [{ rule: 'auth-literal-password', line: 1, severity: 'warning' }]);
    assert.deepEqual(summary(auth('C: AUTH PLAIN {{$plain alice secret}}', 'S: 535 5.7.8 No')), [{ rule: 'auth-literal-password', line: 4, severity: 'hint' }]);
  });

  test('auth-literal-password: a secret-named variable with a literal value, fixed to read the environment', () => {
    const text = lines('@user = alice', '@password = hunter2', auth('C: AUTH PLAIN {{$plain {{user}} {{password}}}}', 'S: 235 Ok'));
    assert.deepEqual(summary(text), [{ rule: 'auth-literal-password', line: 2, severity: 'warning' }]);
    assert.equal(fixed(text, 'auth-literal-password'), text.replace('@password = hunter2', '@password = {{$env SMTP_PASSWORD}}'));
    assert.deepEqual(summary(lines('### s', '@api-token = abc', 'S: 220 mx')), [{ rule: 'auth-literal-password', line: 2, severity: 'warning' }]);
    assert.equal(fixed(lines('@api-token = abc', 'S: 220 mx'), 'auth-literal-password'), lines('@api-token = {{$env SMTP_API_TOKEN}}', 'S: 220 mx'));
  });

  test('auth-literal-password: a literal wrong password used only where 535 is expected gets a hint', () => {
    const text = lines('@bad_password = nope', auth('C: AUTH PLAIN {{$plain alice {{bad_password}}}}', 'S: 535 5.7.8 No'));
    assert.deepEqual(summary(text), [{ rule: 'auth-literal-password', line: 1, severity: 'hint' }]);
    assert.deepEqual(summary(lines('@user = alice', '@password = {{$env SMTP_PASSWORD}}', 'S: 220 mx')), []);
  });
});
