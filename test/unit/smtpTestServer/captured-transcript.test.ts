import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { parseServersEnv } from '../../servers/available';
import { capturedTranscript } from '../../servers/capturedTranscript';
import { parseSwaksOutput } from '../../servers/swaksOutput';

const credentials = { user: 'testuser', password: 'testpass', wrongPassword: 'not-the-password' };
const header = { comments: ['captured'], directives: [['port', '2525']] as Array<[string, string]>, sessionName: 'case' };
const b64 = (text: string): string => Buffer.from(text, 'latin1').toString('base64');

describe('parseSwaksOutput', () => {
  test('keeps sent and received lines, plain and TLS, and the close', () => {
    const output = [
      '=== Trying 127.0.0.1:2525...',
      '<-  220 mx ESMTP',
      ' -> STARTTLS',
      '<-  220 2.0.0 Ready',
      '=== TLS started with cipher TLSv1.3',
      ' ~> MAIL FROM:<a@b>',
      '<~* 550 5.7.1 denied',
      ' ~> ',
      ' ~>',
      '<** 535 no',
      '*** No authentication type succeeded',
      '=== Connection closed with remote host.',
    ].join('\n');
    assert.deepEqual(parseSwaksOutput(output), [
      { kind: 'received', text: '220 mx ESMTP' },
      { kind: 'sent', text: 'STARTTLS' },
      { kind: 'received', text: '220 2.0.0 Ready' },
      { kind: 'sent', text: 'MAIL FROM:<a@b>' },
      { kind: 'received', text: '550 5.7.1 denied' },
      { kind: 'sent', text: '' },
      { kind: 'sent', text: '' },
      { kind: 'received', text: '535 no' },
      { kind: 'closed' },
    ]);
  });
});

describe('capturedTranscript', () => {
  test('writes credentials as references and fresh Date/Message-Id headers', () => {
    const challenge = b64('<1.2@mx>');
    const digest = createHmac('md5', 'testpass').update('<1.2@mx>').digest('hex');
    const events = [
      ['received', '220 mx'],
      ['sent', `AUTH PLAIN ${b64('\0testuser\0testpass')}`],
      ['received', '235 ok'],
      ['sent', 'AUTH LOGIN'],
      ['received', '334 VXNlcm5hbWU6'],
      ['sent', b64('testuser')],
      ['received', '334 UGFzc3dvcmQ6'],
      ['sent', b64('not-the-password')],
      ['received', '535 no'],
      ['sent', 'AUTH CRAM-MD5'],
      ['received', `334 ${challenge}`],
      ['sent', b64(`testuser ${digest}`)],
      ['received', '235 ok'],
      ['sent', 'DATA'],
      ['received', '354 go'],
      ['sent', 'Date: Sat, 28 Nov 2026 15:53:54 +0000'],
      ['sent', 'Message-Id: <20261128155354.015643@vm>'],
      ['sent', ''],
      ['sent', 'AUTH {{x}}'],
      ['sent', '.'],
      ['received', '250-a {{b}}'],
      ['received', '250 queued'],
    ].map(([kind, text]) => ({ kind, text }) as { kind: 'sent' | 'received'; text: string });
    assert.equal(
      capturedTranscript([...events, { kind: 'closed' }], header, credentials),
      [
        '# captured',
        '@port = 2525',
        '',
        '### case',
        'S: 220 mx',
        'C: AUTH PLAIN {{$plain {{user}} {{password}}}}',
        'S: 235 ok',
        'C: AUTH LOGIN',
        'S: 334 VXNlcm5hbWU6',
        'C: {{$base64 {{user}}}}',
        'S: 334 UGFzc3dvcmQ6',
        'C: {{$base64 not-the-password}}',
        'S: 535 no',
        'C: AUTH CRAM-MD5',
        `S: 334 ${challenge}`,
        'C: {{$cram-md5 {{user}} {{password}}}}',
        'S: 235 ok',
        'C: DATA',
        'S: 354 go',
        'C: Date: {{$date}}',
        'C: Message-Id: {{$message-id}}',
        'C:',
        'C: AUTH \\{{x}}',
        'C: .',
        'S: 250-a \\{{b}}',
        'S: 250 queued',
        'S: <closed>',
        '',
      ].join('\n'),
    );
  });

  test('refuses to write an AUTH password it does not know', () => {
    const events = [{ kind: 'sent' as const, text: `AUTH PLAIN ${b64('\0testuser\0secret')}` }];
    assert.throws(() => capturedTranscript(events, header, credentials), /unknown password/);
  });
});

describe('parseServersEnv', () => {
  test('reads KEY=value lines and skips comments', () => {
    assert.deepEqual(parseServersEnv('# written by servers.sh\nSMTP_POSTFIX=127.0.0.1:2525\n\nSMTP_TEST_CA=/tmp/x/cert.pem\n'), {
      SMTP_POSTFIX: '127.0.0.1:2525',
      SMTP_TEST_CA: '/tmp/x/cert.pem',
    });
  });
});
