import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { importTranscript } from '../../../server/src/import';
import { secretForms } from '../../../server/src/import/secretForms';

const FIXTURES = path.resolve(__dirname, '../../../../test/unit/import/fixtures');

describe('secretForms', () => {
  test('the secret, its base64, and the fragments that depend on it alone at each of the 3 octet offsets', () => {
    assert.deepEqual(secretForms('testpass', 'password'), [
      { text: 'testpass', reference: '{{password}}', encoded: false },
      { text: 'dGVzdHBhc3M=', reference: '{{$base64 {{password}}}}', encoded: true },
      { text: 'dGVzdHBhc3', encoded: true },
      { text: 'Rlc3RwYXNz', encoded: true },
      { text: '0ZXN0cGFzc', encoded: true },
    ]);
  });
});

describe('import replaces base64 forms of the captured password', () => {
  test('real swaks AUTH LOGIN output, with the password base64-encoded in the message at every offset', () => {
    const capture = readFileSync(path.join(FIXTURES, 'swaks-postfix-auth-login.txt'), 'utf8');
    const subject = capture.split('\n').find((line) => line.startsWith(' ~> Subject: '))!;
    const injected = [
      ' ~> X-Login: dGVzdHBhc3M=\r', // base64('testpass') on its own
      ' ~> SGkgdGVzdHBhc3Mh\r', // base64('Hi testpass!'): offset 0
      ' ~> SGksIHRlc3RwYXNzIQ==\r', // base64('Hi, testpass!'): offset 1
      ' ~> SGksLCB0ZXN0cGFzcyE=\r', // base64('Hi,, testpass!'): offset 2
      ' ~> AHRlc3R1c2VyAHRlc3RwYXNz\r', // an AUTH PLAIN blob, base64('\0testuser\0testpass')
    ];
    const input = capture.replace(subject, [subject, ...injected].join('\n')).concat('*** swaks echoed dGVzdHBhc3M=\n');
    const result = importTranscript(input);
    const index = result.text.split('\n').findIndex((line) => line.startsWith('C: Subject: '));
    assert.deepEqual(result.text.split('\n').slice(index + 1, index + 6), [
      'C: X-Login: {{$base64 {{password}}}}',
      'C: SGkg****Mh',
      'C: SGksIH****IQ==',
      'C: SGksLCB****yE=',
      'C: AHRlc3R1c2VyAH****',
    ]);
    assert.match(result.text, /^# swaks: swaks echoed \*\*\*\*$/m);
    assert.match(result.text, /^C: \{\{\$base64 \{\{password\}\}\}\}$/m); // the AUTH LOGIN answer, as before
    for (const form of secretForms('testpass', 'password')) assert.ok(!result.text.includes(form.text), form.text);
    assert.deepEqual(result.problems.at(-1), {
      severity: 'warning',
      message: 'the captured password also appears base64-encoded outside the AUTH data; it was written as {{$base64 {{password}}}} where it stood alone, else masked with **** (that text no longer decodes as captured)',
    });
  });
});
