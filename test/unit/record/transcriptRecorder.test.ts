// The recorder: the bytes a wire tap saw, split as the network split them, -> the whole transcript text.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { proxyRecorders, TranscriptRecorder, type RecordedTranscript } from '../../../server/src/record/transcriptRecorder';
import { expectedReplyText } from '../../../server/src/model/volatileText';
import { FOLLOWED_LINE_OCTETS, LineSplitter } from '../../../server/src/record/wireLines';
import { ENVELOPE, HEAD, record, type Step } from '../../support/recording';
import { parseTranscript } from '../../../server/src/model';

describe('recording a connection as a transcript', () => {
  test("the proxy's recorders: the heading names the recorder and, when it was not verified, what left the server's certificate unverified", () => {
    const heading = (unverifiedBy?: string) => {
      const recorder = proxyRecorders({ host: '127.0.0.1', port: 2525 }, 'smtp-transcript record', unverifiedBy)({ remote: '127.0.0.1:50000' });
      recorder.fromServer(Buffer.from('220 mx\r\n'));
      recorder.closed('server');
      return recorder.transcript().text.split('\n').filter((line) => line.startsWith('#'));
    };
    assert.ok(heading()[0].startsWith('# Recorded by smtp-transcript record at '), heading()[0]);
    assert.ok(!heading().some((line) => line.includes('not verified')), heading().join('\n'));
    assert.ok(heading('--insecure-tls').includes("# --insecure-tls: the server's certificate was not verified."), heading('--insecure-tls').join('\n'));
    // An IPv6 server as --upstream takes it back: in brackets (RFC 3986 §3.2.2), not ::1:2525.
    const ipv6 = proxyRecorders({ host: '::1', port: 2525 }, 'smtp-transcript record')({ remote: '[::1]:50000' });
    ipv6.fromServer(Buffer.from('220 mx\r\n'));
    ipv6.closed('server');
    assert.match(ipv6.transcript().text.split('\n')[0], /-> server \[::1\]:2525, /);
  });

  test("a server that is no SMTP server: its lines are comments, their control characters written as \\xHH, not raw", () => {
    const recorded = record([
      ['S', 'SSH-2.0-OpenSSH\r\n\x1b[31mred\x00\x07\r\n'],
      ['C', 'QUIT\r\n'],
      ['closed', 'server'],
    ]);
    const comments = recorded.text.split('\n').filter((line) => line.startsWith('# S:'));
    assert.deepEqual(comments, ['# S: SSH-2.0-OpenSSH', '# S: \\x1b[31mred\\x00\\x07']);
    assert.ok(!/[\x00-\x08\x1b]/.test(recorded.text), JSON.stringify(recorded.text));
  });

  test('plain text the client sent after STARTTLS, before its handshake, is kept as comments (the server did not read it, RFC 3207 §5)', () => {
    const plain = Buffer.from('\0testuser\0s3cret!pw').toString('base64');
    const recorded = record([
      ['S', '220 mx.test ESMTP\r\n'],
      ['C', 'EHLO client.test\r\n'],
      ['S', '250-mx.test\r\n250 STARTTLS\r\n'],
      ['C', `STARTTLS\r\nAUTH PLAIN ${plain}\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@exa`],
      ['S', '220 2.0.0 Ready to start TLS\r\n'],
      ['tls', 'starttls'],
      ['C', 'EHLO client.test\r\n'],
      ['S', '250 mx.test\r\n'],
      ['C', 'QUIT\r\n'],
      ['S', '221 2.0.0 Bye\r\n'],
      ['closed', 'server'],
    ]);
    assert.deepEqual(recorded.text.split('\n').slice(recorded.text.split('\n').indexOf('C: STARTTLS')), [
      'C: STARTTLS',
      '# the client sent the next 2 lines in plain text after STARTTLS, before the TLS handshake (RFC 3207 §5); the server did not read them',
      '# C: AUTH PLAIN ****',
      '# C: MAIL FROM:<a@example.com>',
      'S: 220 2.0.0 Ready to start TLS',
      '# TLS (TLSv1.3) from here on',
      'C: EHLO client.test',
      'S: 250 mx.test',
      'C: QUIT',
      'S: 221 2.0.0 Bye',
      'S: <closed>',
      '',
    ]);
  });

  test('an AUTH line with blanks before the verb, refused, and one sent after QUIT: kept as comments, their credentials ****', () => {
    const plain = Buffer.from('\0testuser\0s3cret!pw').toString('base64');
    const recorded = record([
      ['S', '220 mx.test ESMTP\r\n'],
      ['C', 'EHLO client.test\r\n'],
      ['S', '250-mx.test\r\n250 AUTH PLAIN\r\n'],
      ['C', ` AUTH PLAIN ${plain}\r\n`],
      ['S', '500 5.5.2 Syntax error\r\n'],
      ['C', 'QUIT\r\n'],
      ['S', '221 2.0.0 Bye\r\n'],
      ['C', `  auth plain ${plain}\r\n`],
      ['closed', 'server'],
    ]);
    assert.deepEqual(recorded.text.split('\n').filter((line) => line.startsWith('# C:')), ['# C:  AUTH PLAIN ****', '# C:   auth plain ****']);
    assert.ok(!recorded.text.includes(plain) && !recorded.text.includes('s3cret'), recorded.text);
  });

  test('STARTTLS, AUTH PLAIN, a pipelined envelope and DATA; reads split mid-line; the password nowhere', () => {
    const plain = Buffer.from('\0testuser\0s3cret!pw').toString('base64');
    const recorded = record([
      ['S', '220 mx.test.local ESMTP Postfix\r\n'],
      ['C', 'EHLO client.te'],
      ['C', 'st\r\n'],
      ['S', '250-mx.test.local\r\n250-PIPELINING\r\n250 STARTTLS\r\n'],
      ['C', 'STARTTLS\r\n'],
      ['S', '220 2.0.0 Ready to start TLS\r\n'],
      ['tls', 'starttls'],
      ['C', 'EHLO client.test\r\n'],
      ['S', '250-mx.test.local\r\n250 AUTH PLAIN LOGIN\r\n'],
      ['C', `AUTH PLAIN ${plain}\r\n`],
      ['S', '235 2.7.0 Authentication successful\r\n'],
      ['C', 'MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n'],
      ['S', '250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n'],
      ['S', '354 End data with <CR><LF>.<CR><LF>\r\n'],
      ['C', 'Date: Thu, 03 Dec 2026 01:02:03 +0000\r\nSubject: *stars*\r\n\r\n..dot\r\ns3cret!pw\r\n.\r\n'],
      ['S', '250 2.0.0 Ok: queued as 4fXyZ12abc\r\n'],
      ['C', 'QUIT\r\n'],
      ['S', '221 2.0.0 Bye\r\n'],
      ['closed', 'server'],
    ]);
    assert.equal(
      recorded.text,
      [
        ...HEAD('STARTTLS (TLSv1.3), terminated by the proxy on both sides'),
        '@tls = starttls',
        '@user = testuser',
        '@password = {{$env SMTP_PASSWORD}}',
        '',
        'S: 220 mx.test.local ESMTP Postfix',
        'C: EHLO client.test',
        'S: 250-mx.test.local',
        'S: 250-PIPELINING',
        'S: 250 STARTTLS',
        'C: STARTTLS',
        'S: 220 2.0.0 Ready to start TLS',
        '# TLS (TLSv1.3) from here on',
        'C: EHLO client.test',
        'S: 250-mx.test.local',
        'S: 250 AUTH PLAIN LOGIN',
        'C: AUTH PLAIN {{$plain {{user}} {{password}}}}',
        'S: 235 2.7.0 Authentication successful',
        'C: MAIL FROM:<a@example.com>',
        'C: RCPT TO:<b@example.com>',
        'C: DATA',
        'S: 250 2.1.0 Ok',
        'S: 250 2.1.5 Ok',
        'S: 354 End data with <CR><LF>.<CR><LF>',
        'C: Date: {{$date}}',
        'C: Subject: *stars*',
        'C:',
        'C: ..dot',
        'C: {{password}}',
        'C: .',
        'S: 250 2.0.0 Ok: queued as *',
        'C: QUIT',
        'S: 221 2.0.0 Bye',
        'S: <closed>',
        '',
      ].join('\n'),
    );
    assert.deepEqual(recorded.problems, [
      { severity: 'warning', message: 'the captured password also appears outside the AUTH data; it was written as a reference (or **** outside C:/S: lines)' },
    ]);
  });

  test('BDAT chunks are read by their octet counts, even when one ends mid-line and the next command follows at once', () => {
    const recorded = record([
      ['S', '220 mx ESMTP\r\n'],
      ['C', 'EHLO c\r\n'],
      ['S', '250 CHUNKING\r\n'],
      ['C', 'MAIL FROM:<a@example.com>\r\n'],
      ['S', '250 Ok\r\n'],
      ['C', 'RCPT TO:<b@example.com>\r\n'],
      ['S', '250 Ok\r\n'],
      ['C', 'BDAT 12\r\nSubject: x\r\nBDAT 8 LAST\r\n\r\nBDAT 2'],
      ['S', '250 2.0.0 12 octets\r\n'],
      ['S', '250 2.0.0 Ok: queued as ABCDEF123456\r\n'],
      ['C', 'QUIT\r\n'],
      ['S', '221 Bye\r\n'],
      ['closed', 'client'],
    ]);
    assert.deepEqual(recorded.text.split('\n').slice(HEAD('').length + 1), [
      'S: 220 mx ESMTP',
      'C: EHLO c',
      'S: 250 CHUNKING',
      'C: MAIL FROM:<a@example.com>',
      'S: 250 Ok',
      'C: RCPT TO:<b@example.com>',
      'S: 250 Ok',
      'C: BDAT 12',
      'C: Subject: x',
      'C: BDAT 8 LAST',
      'C:',
      'C: BDAT 2',
      'S: 250 2.0.0 12 octets',
      'S: 250 2.0.0 Ok: queued as *',
      'C: QUIT',
      'S: 221 Bye',
      'S: <closed>',
      '',
    ]);
  });

  test('a BDAT chunk holding `{{` is written with `\\{{` and its declared count, which counts what is sent', () => {
    const recorded = record([
      ['S', '220 mx ESMTP\r\n'],
      ['C', 'EHLO c\r\n'],
      ['S', '250 CHUNKING\r\n'],
      ['C', 'MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\n'],
      ['S', '250 Ok\r\n250 Ok\r\n'],
      ['C', 'BDAT 12 LAST\r\nbody {{x}}\r\n'],
      ['S', '250 Ok\r\n'],
      ['closed', 'client'],
    ]);
    // `record` checks that the transcript parses without errors (a count off by the backslash was bdat-size-mismatch).
    assert.deepEqual(recorded.text.split('\n').slice(-5), ['C: BDAT 12 LAST', 'C: body \\{{x}}', 'S: 250 Ok', 'C: <close>', '']);
  });

  test('CRAM-MD5: the challenge is fresh each time (*), the answer a reference; LOGIN prompts stay; a client leaving without QUIT', () => {
    const challenge = Buffer.from('<1896.697170952@mx.test.local>').toString('base64');
    const recorded = record([
      ['S', '220 mx ESMTP\r\n'],
      ['C', 'EHLO c\r\n'],
      ['S', '250 AUTH CRAM-MD5 LOGIN\r\n'],
      ['C', 'AUTH CRAM-MD5\r\n'],
      ['S', `334 ${challenge}\r\n`],
      ['C', `${Buffer.from('testuser 0123456789abcdef0123456789abcdef').toString('base64')}\r\n`],
      ['S', '535 5.7.8 Error: authentication failed\r\n'],
      ['C', 'AUTH LOGIN\r\n'],
      ['S', '334 VXNlcm5hbWU6\r\n'],
      ['C', `${Buffer.from('testuser').toString('base64')}\r\n`],
      ['S', '334 UGFzc3dvcmQ6\r\n'],
      ['C', `${Buffer.from('pa55word').toString('base64')}\r\n`],
      ['S', '235 2.7.0 Authentication successful\r\n'],
      ['closed', 'client'],
    ]);
    assert.deepEqual(recorded.text.split('\n').slice(HEAD('').length), [
      '@user = testuser',
      '@password = {{$env SMTP_PASSWORD}}',
      '',
      'S: 220 mx ESMTP',
      'C: EHLO c',
      'S: 250 AUTH CRAM-MD5 LOGIN',
      'C: AUTH CRAM-MD5',
      'S: 334 *',
      'C: {{$cram-md5 {{user}} {{password}}}}',
      'S: 535 5.7.8 Error: authentication failed',
      'C: AUTH LOGIN',
      'S: 334 VXNlcm5hbWU6',
      'C: {{$base64 {{user}}}}',
      'S: 334 UGFzc3dvcmQ6',
      'C: {{$base64 {{password}}}}',
      'S: 235 2.7.0 Authentication successful',
      'C: <close>',
      '',
    ]);
    assert.ok(!recorded.text.includes('pa55word') && !recorded.text.includes(Buffer.from('pa55word').toString('base64')));
  });

  test('CRAM-MD5 hides the password: the recording server that knows it keeps it out of content; a proxy says it could not', () => {
    const challenge = Buffer.from('<1896.697170952@mx.test.local>').toString('base64');
    const steps = (recorder: TranscriptRecorder): RecordedTranscript => {
      for (const [side, text] of [
        ['S', '220 mx ESMTP\r\n'], ['C', 'EHLO c\r\n'], ['S', '250 AUTH CRAM-MD5\r\n'], ['C', 'AUTH CRAM-MD5\r\n'], ['S', `334 ${challenge}\r\n`],
        ['C', `${Buffer.from('testuser 0123456789abcdef0123456789abcdef').toString('base64')}\r\n`], ['S', '235 2.7.0 Ok\r\n'],
        ['C', 'MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n'], ['S', '250 Ok\r\n250 Ok\r\n354 go\r\n'],
        ['C', `secret is s3cret!pw, ${Buffer.from('s3cret!pw').toString('base64')}\r\n.\r\n`], ['S', '250 Ok\r\n'],
      ]) {
        if (side === 'C') recorder.fromClient(Buffer.from(text));
        else recorder.fromServer(Buffer.from(text));
      }
      recorder.closed('client');
      return recorder.transcript();
    };
    const origin = { startedAt: new Date('2026-12-03T01:02:03Z'), client: '127.0.0.1:50000', upstream: { host: '127.0.0.1', port: 2525 }, recorder: 'test' };
    const served = steps(new TranscriptRecorder({ ...origin, proxied: false, knownPasswords: ['s3cret!pw'] }));
    assert.deepEqual([served.text.split('\n').slice(-5, -3), served.problems.map((p) => p.message)], [
      ['C: secret is {{password}}, ****', 'C: .'],
      ['the captured password also appears outside the AUTH data; it was written as a reference (or **** outside C:/S: lines)', 'the captured password also appears base64-encoded outside the AUTH data; it was written as {{$base64 {{password}}}} where it stood alone, else masked with **** (that text no longer decodes as captured)'],
    ]);
    const proxied = steps(new TranscriptRecorder(origin));
    assert.deepEqual(proxied.problems, [{ severity: 'warning', message: 'the client sent its password as a CRAM-MD5 digest, which does not reveal it: where the password appears elsewhere (in a message) it could not be masked' }]);
  });

  test('a command sent before the greeting is written after it, with a comment; a server that never greeted gets `S: 220 *` (a pattern, not `\\*`)', () => {
    const early = record([['C', 'EHLO early.test\r\n'], ['S', '220-mx ESMTP\r\n'], ['C', 'NOOP\r\n'], ['S', '220 mx\r\n250 mx\r\n'], ['S', '250 Ok\r\n'], ['closed', 'client']]);
    assert.deepEqual([early.text.split('\n').slice(HEAD('').length + 1), early.problems], [
      ['S: 220-mx ESMTP', 'S: 220 mx', "# the client sent the next 2 lines before the server's greeting", 'C: EHLO early.test', 'C: NOOP', 'S: 250 mx', 'S: 250 Ok', 'C: <close>', ''],
      [],
    ]);
    const silent = record([['C', 'EHLO early.test\r\n'], ['closed', 'client']]);
    assert.deepEqual(silent.text.split('\n').slice(HEAD('').length + 1), ['S: 220 *', 'C: EHLO early.test', '']);
  });

  test('implicit TLS, and a server that closes after 421', () => {
    const recorded = record([
      ['tls', 'implicit'],
      ['S', '220 mx ESMTP\r\n'],
      ['C', 'EHLO c\r\n'],
      ['S', '421 4.3.2 Service shutting down\r\n'],
      ['closed', 'server'],
    ]);
    assert.equal(
      recorded.text,
      [...HEAD('implicit TLS (TLSv1.3)'), '@tls = implicit', '', 'S: 220 mx ESMTP', 'C: EHLO c', 'S: 421 4.3.2 Service shutting down', 'S: <closed>', ''].join('\n'),
    );
  });

  test('memory stays bounded: past its limit the recording stops and says so, and a line begun before is not written as if whole', () => {
    const recorded = record([['S', '220 mx ESMTP\r\n'], ['C', 'EHLO c\r\n'], ['S', '250 mx\r\n'], ['C', 'NOOP'], ['C', ' past the limit\r\n'], ['S', '250 Ok\r\n'], ['closed', 'client']], 40);
    assert.deepEqual(recorded.text.split('\n').slice(HEAD('').length + 1), ['S: 220 mx ESMTP', 'C: EHLO c', 'S: 250 mx', '# the recording stops here: the connection carried more than 40 octets', '']);
    assert.deepEqual(recorded.problems, [{ severity: 'warning', message: 'the connection carried more than the recording keeps; the transcript ends where the recording stopped' }]);
  });

  test('a line is one line however long; the proxy, which only follows the dialogue, keeps its start', () => {
    const whole = new LineSplitter();
    const followed = new LineSplitter(FOLLOWED_LINE_OCTETS);
    const twoMiB = Buffer.alloc(2 * 1024 * 1024, 'a');
    assert.deepEqual(
      [whole.push(twoMiB), whole.push(Buffer.from('ab\r\n')).map((line) => line.length), followed.push(twoMiB), followed.push(Buffer.from('ab\r\n')).map((line) => line.length)],
      [[], [twoMiB.length + 2], [], [FOLLOWED_LINE_OCTETS]],
    );
  });

  test('a connection that carried nothing is no transcript', () => {
    assert.deepEqual(record([['closed', 'client']]), { text: '', problems: [] });
  });
});

describe('volatile reply text', () => {
  test('queue ids, dates, ids and session ids become *; literal stars are escaped; the rest stays', () => {
    assert.deepEqual(
      [
        '2.0.0 Ok: queued as 4fXyZ12abc',
        'OK id=1tXyZa-000123-AB',
        'mx.test.local ESMTP Exim 4.96 Thu, 03 Dec 2026 01:02:03 +0000',
        'Message stored as: 2026-12-03T01:02:03.123Z',
        'session 0f8fad5b-d9cb-469f-a165-70867728950e ready',
        'Ok 8d4c1e2f9a0b7c6d5e4f',
        '2.1.5 Ok * star',
        'mx.test.local Hello client.test [127.0.0.1]',
      ].map(expectedReplyText),
      [
        '2.0.0 Ok: queued as *',
        'OK id=*',
        'mx.test.local ESMTP Exim 4.96 *',
        'Message stored as: *',
        'session * ready',
        'Ok *',
        '2.1.5 Ok \\* star',
        'mx.test.local Hello client.test [127.0.0.1]',
      ],
    );
  });
});

describe('a client that drops the connection in the middle of a message', () => {
  const opening: Step[] = ENVELOPE;
  const after = (recorded: RecordedTranscript, line: string) => recorded.text.split('\n').slice(recorded.text.split('\n').indexOf(line));

  test('inside DATA content: `C: <close>` under a note, no `.` added; the transcript parses as the client cutting the message', () => {
    const recorded = record([...opening, ['C', 'DATA\r\n'], ['S', '354 go\r\n'], ['C', 'Subject: half\r\n\r\n..dot\r\n'], ['closed', 'client']]);
    assert.deepEqual(after(recorded, 'C: DATA'), ['C: DATA', 'S: 354 go', 'C: Subject: half', 'C:', 'C: ..dot', '# the client closed the connection inside the message content, without the final "."', 'C: <close>', '']);
    assert.deepEqual(recorded.problems, []);
    const session = parseTranscript(recorded.text).sessions[0];
    assert.deepEqual(session.exchanges.slice(-2).map((e) => [e.kind, e.kind === 'message' && e.cutByClient]), [['message', true], ['client-close', false]]);
  });

  test('inside a BDAT chunk short of its size: `C: <close>`, the size kept as declared', () => {
    const recorded = record([...opening, ['C', 'BDAT 100 LAST\r\nSubject: half\r\n'], ['closed', 'client']]);
    assert.deepEqual(after(recorded, 'C: BDAT 100 LAST'), ['C: BDAT 100 LAST', 'C: Subject: half', '# the client closed the connection inside the BDAT chunk, short of the octets it declares', 'C: <close>', '']);
    const transcript = parseTranscript(recorded.text);
    assert.deepEqual([transcript.diagnostics, transcript.sessions[0].exchanges.map((e) => e.kind).slice(-2)], [[], ['bdat', 'client-close']]);
  });
});
