import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brief } from './lintHarness';
import { lines } from '../../support/text';

// Commands that break a rule and expect the matching refusal are valid tests: at most hints, never warnings or errors.
const loud = (text: string) => brief(text, undefined, { context: { env: { SMTP_PASSWORD: 'x' } } }).filter((d) => d.severity === 'error' || d.severity === 'warning');

describe('negative tests', () => {
  test('each command breaks a rule and expects its refusal: no warning, no error', () => {
    const text = lines(
      '@password = {{$env SMTP_PASSWORD}}',
      '### out of order',
      'S: 220 mx.example.com ESMTP',
      'C: MAIL FROM:<a@example.org>',
      'S: 503 5.5.1 Error: send HELO/EHLO first',
      'C: EHLO client.example.com',
      'S: 250-mx.example.com',
      'S: 250-PIPELINING',
      'S: 250-SIZE 1000',
      'S: 250-STARTTLS',
      'S: 250 AUTH PLAIN',
      'C: RCPT TO:<b@example.com>',
      'S: 503 5.5.1 Error: need MAIL command',
      'C: DATA',
      'S: 503 5.5.1 Error: need RCPT command',
      'C: MAIL FROM:<a@example.org> SIZE=5000',
      'S: 552 5.3.4 Message size exceeds fixed limit',
      'C: MAIL FROM:<a@example.org> SMTPUTF8',
      'S: 555 5.5.4 Unsupported option: SMTPUTF8',
      'C: AUTH LOGIN',
      'S: 504 5.5.4 Unrecognized authentication type',
      'C: MAIL FROM:<a@example.org>',
      'S: 250 2.1.0 Ok',
      'C: RCPT TO:<b@relay.test>',
      'S: 554 5.7.1 <b@relay.test>: Relay access denied',
      'C: DATA',
      'S: 554 5.5.1 Error: no valid recipients',
      'C: MAIL FROM:<c@example.org>',
      'S: 503 5.5.1 Error: nested MAIL command',
      'C: QUIT',
      'S: 221 2.0.0 Bye',
      // A session of its own: one that sends STARTTLS never sends AUTH above it (credentials-before-starttls).
      '### STARTTLS inside a transaction',
      'S: 220 mx.example.com ESMTP',
      'C: EHLO client.example.com',
      'S: 250-mx.example.com',
      'S: 250 STARTTLS',
      'C: MAIL FROM:<a@example.org>',
      'S: 250 2.1.0 Ok',
      'C: STARTTLS',
      'S: 503 5.5.1 Error: MAIL transaction in progress',
      'C: QUIT',
      'S: 221 2.0.0 Bye',
      '### a wrong password, then the right one, then AUTH again',
      'S: 220 mx.example.com ESMTP',
      'C: EHLO client.example.com',
      'S: 250-mx.example.com',
      'S: 250 STARTTLS',
      'C: STARTTLS',
      'S: 220 2.0.0 Ready to start TLS',
      'C: STARTTLS',
      'S: 554 5.5.1 Error: TLS already active',
      'C: EHLO client.example.com',
      'S: 250-mx.example.com',
      'S: 250 AUTH PLAIN LOGIN',
      'C: AUTH PLAIN {{$plain alice wrong{{password}}}}',
      'S: 535 5.7.8 Error: authentication failed',
      'C: AUTH PLAIN {{$plain alice {{password}}}}',
      'S: 235 2.7.0 Authentication successful',
      'C: AUTH PLAIN {{$plain alice {{password}}}}',
      'S: 503 5.5.1 Error: already authenticated',
      'C: QUIT',
      'S: 221 2.0.0 Bye',
    );
    assert.deepEqual(loud(text), []);
    assert.deepEqual(
      brief(text).filter((d) => d.severity === 'hint').map((d) => `${d.line} ${d.code}`),
      [
        '4 mail-before-helo',
        '12 rcpt-before-mail',
        '14 data-without-recipient',
        '16 size-above-limit',
        '18 extension-not-advertised',
        '20 credentials-before-tls',
        '20 auth-mechanism-not-advertised',
        '26 data-without-recipient',
        '28 mail-in-transaction',
        '39 starttls-in-transaction',
        '50 starttls-twice',
        '59 auth-twice',
      ],
    );
  });
});
