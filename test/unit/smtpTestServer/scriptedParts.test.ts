// The scripted server's pure parts: how a C: line matches what a client sent, and how S: lines become a reply.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { capturedDefinition, matchClientLine, shownExpectation, takeCaptures } from '../../../server/src/model/clientLinePattern';
import { resolveText } from '../../../server/src/model/variables';
import { parseTranscript } from '../../../server/src/model/parseTranscript';
import { targetOf } from '../../../server/src/model/dialogueEvents';
import { concreteCode, replyLines } from '../../../server/src/smtpTestServer/scriptedReplies';
import { keywordsUsedAfter } from '../../../server/src/smtpTestServer/scriptedEhlo';
import { credentialsDiffer, plainCredentialsDiffer } from '../../../server/src/smtpTestServer/authCredentials';
import { startScriptedServer } from '../../../server/src/smtpTestServer/scriptedServer';
import { parseZone } from '../../../server/src/mailauth/zoneFile';
import { zoneResolver } from '../../../server/src/mailauth/zoneResolver';
import { connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { lockStep } from '../../support/lockStepClient';

const match = (expected: string, actual: string, command = true) => {
  const result = matchClientLine(takeCaptures(expected), actual, command);
  return result.matches ? { matches: true, captured: Object.fromEntries(result.captured) } : result;
};

describe('a C: line as an expectation of the client', () => {
  test('exact text, the verb in any case', () => {
    assert.deepEqual(match('MAIL FROM:<a@example.com>', 'mail FROM:<a@example.com>'), { matches: true, captured: {} });
    assert.deepEqual(match('MAIL FROM:<a@example.com>', 'MAIL FROM:<A@example.com>'), { matches: false });
    assert.deepEqual(match('Subject: hi', 'subject: hi', false), { matches: false });
  });

  test('* matches any run of characters, \\* a star', () => {
    assert.deepEqual(match('EHLO *', 'EHLO client.test'), { matches: true, captured: {} });
    assert.deepEqual(match('RCPT TO:<b@example.com>*', 'RCPT TO:<b@example.com> NOTIFY=NEVER'), { matches: true, captured: {} });
    assert.deepEqual(match('X-Stars: a\\*b', 'X-Stars: a*b', false), { matches: true, captured: {} });
    assert.deepEqual(match('X-Stars: a\\*b', 'X-Stars: aXb', false), { matches: false });
  });

  test('* pieces: the first starts the text, the last ends it, the others in order, none sharing characters', () => {
    const cases: [string, string, boolean][] = [
      ['X: a*a', 'X: a', false], // the two a's cannot be the same character
      ['X: a*a', 'X: aa', true],
      ['X: ab*bc', 'X: abc', false],
      ['X: *b*b*', 'X: b', false],
      ['X: *b*b*', 'X: xbyb', true],
      ['X: **', 'X: ', true],
      ['X: *', 'X:', false], // the space before the star is text
      ['X: a*b*c', 'X: acbc', true], // the first b after the a, then a c at the end
      ['X: a*b*c', 'X: acb', false],
      ['X: *\\*', 'X: 5*', true],
      ['X: *\\*', 'X: 5', false],
      ['X: é*ü', 'X: é\u{1F600}ü', true],
    ];
    assert.deepEqual(
      cases.map(([expected, actual]) => [expected, actual, match(expected, actual, false).matches]),
      cases.map(([expected, actual, matches]) => [expected, actual, matches]),
    );
  });

  test('/regex/ for the argument, in linear time', () => {
    assert.deepEqual(match('RCPT /TO:<[a-z]+@example\\.com>/', 'RCPT TO:<bob@example.com>'), { matches: true, captured: {} });
    assert.deepEqual(match('RCPT /TO:<[a-z]+@example\\.com>/', 'RCPT TO:<bob@example.org>'), { matches: false });
    assert.deepEqual(match('NOOP /(a+)+$/', `NOOP ${'a'.repeat(5000)}!`), { matches: false });
  });

  test('{{$capture name}} keeps what the client sent there', () => {
    assert.deepEqual(match('EHLO {{$capture helo}}', 'EHLO client.test'), { matches: true, captured: { helo: 'client.test' } });
    assert.deepEqual(match('MAIL FROM:<{{$capture user}}@{{$capture domain}}> *', 'MAIL FROM:<a@b.test> SIZE=10'), {
      matches: true,
      captured: { user: 'a', domain: 'b.test' },
    });
    assert.equal(shownExpectation(takeCaptures('EHLO {{$capture helo}}')), 'EHLO {{$capture helo}}');
  });

  test('a MIME boundary ({{$boundary N}}) is what the client makes: any text matches there', () => {
    assert.deepEqual(
      [
        match('--{{$boundary 1}}', '--_=_NmP-1b2c3d-Part_1', false),
        match('--{{$boundary 1}}--', '--_=_NmP-1b2c3d-Part_1--', false),
        match('Content-Type: multipart/mixed; boundary="{{$boundary 2}}"', 'Content-Type: multipart/mixed; boundary="===============123=="', false),
        match('--{{$boundary 1}}', 'not a delimiter', false),
      ],
      [{ matches: true, captured: {} }, { matches: true, captured: {} }, { matches: true, captured: {} }, { matches: false }],
    );
  });

  test('a fresh value ({{$date}}, {{$message-id}}, {{$uuid}}) is what the client makes: any text matches', () => {
    assert.deepEqual(
      [
        match('Date: {{$date}}', 'Date: Thu, 3 Dec 2026 02:00:16 +0000 (UTC)', false),
        match('Message-Id: {{ $message-id }}', 'Message-Id: <2464.0003.0000@vm>', false),
        match('X-Id: {{$uuid}}!', 'X-Id: 1!', false),
        match('Date: {{$date}}', 'Subject: x', false),
      ],
      [{ matches: true, captured: {} }, { matches: true, captured: {} }, { matches: true, captured: {} }, { matches: false }],
    );
  });

  test('a captured value is text: references the client sends are never substituted', () => {
    const definitions = new Map([['helo', capturedDefinition('helo', '{{$env SECRET}}{{other}}', 3)]]);
    const resolved = resolveText('250 hello {{helo}}', { definitions, env: { SECRET: 'hunter2' } });
    assert.deepEqual(resolved, { text: '250 hello {{$env SECRET}}{{other}}', secrets: [], errors: [] });
  });
});

describe('S: lines as the reply the scripted server sends', () => {
  const reply = (text: string) => {
    const exchange = parseTranscript(text).sessions[0].exchanges[0];
    return replyLines(exchange.reply!, targetOf(exchange), (t) => t);
  };

  test('as written, multi-line with the right separators and enhanced codes', () => {
    assert.deepEqual(reply('C: EHLO c.test\nS: 250-mx.example.com\nS: 250-PIPELINING\nS: 250 SIZE 1000'), ['250-mx.example.com', '250-PIPELINING', '250 SIZE 1000']);
    assert.deepEqual(reply('C: RCPT TO:<x@y.test>\nS: 550 5.1.1 No such user'), ['550 5.1.1 No such user']);
  });

  test('what only an expectation can say is made concrete', () => {
    assert.deepEqual(reply('S: 220 *'), ['220 localhost ESMTP smtp-transcript mock']);
    assert.deepEqual(reply('C: STARTTLS\nS: 2xx'), ['220 localhost Service ready']);
    assert.deepEqual(reply('C: DATA\nS: 3xx'), ['354 Start mail input; end with <CRLF>.<CRLF>']);
    assert.deepEqual(reply('C: NOOP\nS: 250 2.0.0 queued as *'), ['250 2.0.0 queued as x']);
    assert.equal(concreteCode('25x', { kind: 'command', verb: 'NOOP' }), '250');
    assert.equal(concreteCode('5xx', { kind: 'greeting' }), '554');
    assert.equal(concreteCode('2xx', { kind: 'message' }), '250');
    assert.equal(concreteCode('3xx', { kind: 'command', verb: 'AUTH' }), '334');
  });
});

describe('an EHLO reply that leaves its lines open advertises what the session uses next', () => {
  const ehlo = (text: string) => {
    const exchanges = parseTranscript(text).sessions[0].exchanges;
    const at = exchanges.findIndex((e) => e.kind === 'command' && e.command.verb === 'EHLO');
    return replyLines(exchanges[at].reply!, targetOf(exchanges[at]), (t) => t, keywordsUsedAfter(exchanges, at));
  };

  test('STARTTLS before TLS, AUTH with the mechanisms named, CHUNKING, PIPELINING and the parameters\' extensions', () => {
    const text = (reply: string, rest: string) => `S: 220 *\nC: EHLO c.test\n${reply}\n${rest}`;
    assert.deepEqual(ehlo(text('S: 250-*\nS: ...\nS: 250 SIZE 1000', 'C: STARTTLS\nS: 220 go\nC: EHLO c.test\nS: 250-*\nS: 250 *\nC: AUTH LOGIN\nS: 334 x')), [
      '250-localhost Hello',
      '250-STARTTLS',
      '250 SIZE 1000',
    ]);
    const mail = 'C: AUTH PLAIN AHUAcA==\nS: 235 ok\nC: AUTH CRAM-MD5\nS: 334 *\nC: x\nS: 235 ok\nC: MAIL FROM:<a@b.test> BODY=8BITMIME SMTPUTF8\nC: RCPT TO:<c@d.test> NOTIFY=NEVER\nS: 250 ok\nS: 250 ok\nC: BDAT 1 LAST\nC: x\nS: 250 ok';
    assert.deepEqual(ehlo(text('S: 250-mx.test\nS: 250 *', mail)), ['250-mx.test', '250-AUTH PLAIN CRAM-MD5', '250-8BITMIME', '250-SMTPUTF8', '250-PIPELINING', '250-DSN', '250 CHUNKING']);
  });

  test('a one-line reply written as an expectation (`S: 250 *`, as the templates write it) takes the keywords after its first line', () => {
    assert.deepEqual(ehlo('S: 220 *\nC: EHLO c.test\nS: 250 *\nC: STARTTLS\nS: 220 go\nC: EHLO c.test\nS: 250 *\nC: AUTH PLAIN x\nS: 235 ok'), ['250-localhost Hello', '250 STARTTLS']);
    assert.deepEqual(ehlo('S: 220 *\nC: EHLO c.test\nS: 250 *\nC: QUIT\nS: 221 bye'), ['250 localhost Hello']);
    // Text written out is what the server says: one line, as written.
    assert.deepEqual(ehlo('S: 220 *\nC: EHLO c.test\nS: 250 mx.test\nC: STARTTLS\nS: 220 go'), ['250 mx.test']);
  });

  test('a reply written out in full, or one for a session that uses nothing, is sent as written', () => {
    assert.deepEqual(ehlo('S: 220 *\nC: EHLO c.test\nS: 250-mx.test\nS: 250 SIZE 1\nC: STARTTLS\nS: 220 go'), ['250-mx.test', '250 SIZE 1']);
    assert.deepEqual(ehlo('S: 220 *\nC: EHLO c.test\nS: 250-mx.test\nS: ...\nS: 250 *\nC: QUIT\nS: 221 bye'), ['250-mx.test', '250 Requested mail action okay, completed']);
    assert.deepEqual(ehlo('S: 220 *\nC: EHLO c.test\nS: 250-mx.test\nS: ...\nS: 250 STARTTLS\nC: STARTTLS\nS: 220 go'), ['250-mx.test', '250 STARTTLS']);
  });
});

describe('which part of AUTH credentials differs, told without the password', () => {
  const plain = (authzid: string, user: string, password: string) => Buffer.from(`${authzid}\0${user}\0${password}`).toString('base64');
  test('the user name, the authorization identity or the password; nothing for the same or for what is not PLAIN', () => {
    assert.deepEqual(
      [
        plainCredentialsDiffer(plain('', 'testuser', 'testpass'), plain('', 'alice', 'testpass')),
        plainCredentialsDiffer(plain('', 'testuser', 'testpass'), plain('admin', 'testuser', 'testpass')),
        plainCredentialsDiffer(plain('', 'testuser', 'testpass'), plain('', 'testuser', 'wrong')),
        plainCredentialsDiffer(plain('', 'testuser', 'testpass'), plain('', 'testuser', 'testpass')),
        plainCredentialsDiffer('dGVzdHVzZXI=', plain('', 'testuser', 'x')),
        plainCredentialsDiffer('*', plain('', 'testuser', 'x')),
      ],
      [
        'the AUTH PLAIN user name differs: "testuser" expected, "alice" sent',
        'the AUTH PLAIN authorization identity differs: "" expected, "admin" sent',
        'the AUTH PLAIN password differs (the user name "testuser" is the one expected)',
        undefined,
        undefined,
        undefined,
      ],
    );
  });

  test('LOGIN: the user name (what was sent not shown: it may be the password) or the password; CRAM-MD5: the user or the digest', () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const login = (step: number) => ({ mechanism: 'LOGIN', step });
    const cram = { mechanism: 'CRAM-MD5', step: 0 };
    assert.deepEqual(
      [
        credentialsDiffer(login(0), b64('testuser'), b64('testpass')),
        credentialsDiffer(login(1), b64('testpass'), b64('wrong')),
        credentialsDiffer(login(1), b64('testpass'), b64('testpass')),
        credentialsDiffer(cram, b64('tim b913a602c7eda7a495b4e6e7334d3890'), b64('bob b913a602c7eda7a495b4e6e7334d3890')),
        credentialsDiffer(cram, b64('tim b913a602c7eda7a495b4e6e7334d3890'), b64('tim 0000a602c7eda7a495b4e6e7334d3890')),
        credentialsDiffer({ mechanism: 'XOAUTH2', step: 0 }, b64('user=a\x01auth=Bearer x\x01\x01'), b64('user=a\x01auth=Bearer y\x01\x01')),
        credentialsDiffer(login(0), '{{user}}', b64('bob')),
      ],
      [
        'the AUTH LOGIN user name differs from the "testuser" expected (what was sent is not shown)',
        'the AUTH LOGIN password differs',
        undefined,
        'the CRAM-MD5 user name differs: "tim" expected, "bob" sent',
        'the CRAM-MD5 digest differs (the user name "tim" is the one expected): another password, or a digest of another challenge',
        undefined,
        undefined,
      ],
    );
  });
});

describe('replies on each connection', () => {
  test('a reply naming a capture or drawing a challenge is made anew for each connection; a fixed one is the same', async () => {
    const transcript = parseTranscript('S: 220 mx.test\nC: EHLO {{$capture helo}}\nS: 250 hello {{helo}}\nC: AUTH CRAM-MD5\nS: 334 *\nC: *\nS: 235 ok\nC: QUIT\nS: 221 bye\n');
    const server = await startScriptedServer(transcript, { port: 0, connections: 2, env: {}, timeoutMs: 2000, readInclude: () => Promise.reject(new Error('none')) });
    const session = async (helo: string) => (await lockStep(server.port, [`EHLO ${helo}\r\n`, 'AUTH CRAM-MD5\r\n', 'answer\r\n', 'QUIT\r\n'])).split('\r\n');
    const first = await session('one.test');
    const second = await session('two.test');
    await server.done;
    assert.deepEqual(
      [first[1], second[1], first[3], second[3], first[2] === second[2], first[2].startsWith('334 ')],
      ['250 hello one.test', '250 hello two.test', '235 ok', '235 ok', false, true],
    );
  });
});

describe('lines longer than 64 KiB', () => {
  /** One connection sending EHLO, `line` and QUIT to a script expecting `expected` there: what the mock judged. */
  async function play(expected: string, line: string) {
    const transcript = parseTranscript(`S: 220 mx.test\nC: EHLO c.test\nS: 250 mx.test\nC: ${expected}\nS: 250 ok\nC: QUIT\nS: 221 bye\n`);
    const server = await startScriptedServer(transcript, { port: 0, env: {}, timeoutMs: 5000, readInclude: () => Promise.reject(new Error('none')) });
    await lockStep(server.port, ['EHLO c.test\r\n', `${line}\r\n`, 'QUIT\r\n']);
    const [result] = await server.done;
    return [result.status, result.deviation?.message];
  }

  test('a line the transcript writes longer than 64 KiB is taken up to its own length (a recording keeps one whole)', async () => {
    const long = `NOOP ${'x'.repeat(100_000)}`;
    assert.deepEqual(
      [await play(long, long), await play(long, `${long}y`), await play('NOOP *', long)],
      [
        ['pass', undefined],
        ['fail', 'the client sent a line longer than 100005 octets, the line the transcript writes here'],
        ['fail', 'the client sent a line longer than 64 KiB'],
      ],
    );
  });
});

describe('the scripted server against a hostile client', () => {
  test('a BDAT size past the cap is refused at once, before any octet is buffered', async () => {
    const transcript = parseTranscript('S: 220 mx.test\nC: EHLO c.test\nS: 250 mx.test\nC: BDAT * LAST\nC: abc\nS: 250 ok\n');
    const server = await startScriptedServer(transcript, { port: 0, env: {}, timeoutMs: 2000, readInclude: () => Promise.reject(new Error('none')) });
    const received = await lockStep(server.port, ['EHLO c.test\r\n', 'BDAT 99999999999 LAST\r\n']);
    const [result] = await server.done;
    assert.equal(result.deviation?.message, 'the client declared a chunk of 99999999999 octets, more than the 67108864 the scripted server reads');
    assert.match(received, /554 5\.5\.0 smtp-transcript mock: line 4 of the transcript expects BDAT \* LAST\r\n$/);
  });

  test('a TLS client on the plain port (it expects implicit TLS) is said to be one, not shown as handshake bytes', async () => {
    const transcript = parseTranscript('S: 220 mx.test\nC: EHLO c.test\nS: 250 mx.test\nC: QUIT\nS: 221 bye\n');
    const server = await startScriptedServer(transcript, { port: 0, env: {}, timeoutMs: 2000, readInclude: () => Promise.reject(new Error('none')) });
    // Node's own TLS client, as a client configured for port 465 connects: it speaks first, with a ClientHello.
    const client = tlsConnect({ port: server.port, host: '127.0.0.1', rejectUnauthorized: false });
    client.on('error', () => undefined);
    const [result] = await server.done;
    client.destroy();
    assert.deepEqual(result.deviation, {
      line: 1,
      expected: 'EHLO c.test',
      actual: '(a TLS handshake)',
      message: 'the client began a TLS handshake on this plain port: it expects implicit TLS (give the mock --tls-port and connect the client there)',
    });
  });

  test('a client that sends its credentials in plain text after the 220 to STARTTLS is told so, the credentials masked (RFC 3207 §4)', async () => {
    const transcript = parseTranscript('S: 220 mx.test\nC: EHLO c.test\nS: 250 mx.test\nC: STARTTLS\nS: 220 go ahead\nC: EHLO c.test\nS: 250 mx.test\nC: QUIT\nS: 221 bye\n');
    const server = await startScriptedServer(transcript, { port: 0, env: {}, timeoutMs: 2000, readInclude: () => Promise.reject(new Error('none')) });
    const socket = connect(server.port, '127.0.0.1');
    const steps = ['EHLO c.test\r\n', 'STARTTLS\r\n', `AUTH PLAIN ${Buffer.from('\0testuser\0testpass').toString('base64')}\r\n`];
    socket.on('data', () => socket.write(steps.shift() ?? ''));
    const [result] = await server.done;
    socket.destroy();
    assert.deepEqual(result.deviation, {
      line: 3,
      expected: 'the TLS handshake',
      actual: 'AUTH PLAIN ****',
      message: 'the client sent plain text after the 220 to STARTTLS instead of starting the TLS handshake (RFC 3207 §4)',
    });
    assert.deepEqual(result.log.at(-1), { direction: 'C', text: 'AUTH PLAIN ****' });
  });
});

describe('BDAT as the scripted server reads it (RFC 3030 §2)', () => {
  /** One connection sending `bdat` then `abc` CRLF; the result's status and deviation message. */
  async function chunk(bdat: string) {
    const transcript = parseTranscript('S: 220 mx.test\nC: EHLO c.test\nS: 250 mx.test\nC: BDAT * LAST\nC: abc\nS: 250 ok\nC: QUIT\nS: 221 bye\n');
    const server = await startScriptedServer(transcript, { port: 0, env: {}, timeoutMs: 2000, readInclude: () => Promise.reject(new Error('none')) });
    // RFC 3030 §2: the chunk follows its BDAT command at once.
    await lockStep(server.port, ['EHLO c.test\r\n', `${bdat}\r\nabc\r\n`, 'QUIT\r\n']);
    const [result] = await server.done;
    return [result.status, result.deviation?.message ?? ''];
  }

  test('`BDAT *` in the file takes the size the client declares, digits as written; anything else is a deviation', async () => {
    assert.deepEqual(
      [await chunk('BDAT 5 LAST'), await chunk('BDAT 005 LAST'), await chunk('bdat 5 LAST'), await chunk('BDAT  5 LAST'), await chunk('BDAT x LAST'), await chunk('BDAT 5 LAST now')],
      [
        ['pass', ''],
        ['pass', ''],
        ['pass', ''],
        ['fail', 'the client sent something other than line 4'],
        ['fail', 'the client sent something other than line 4'],
        ['fail', 'the client sent something other than line 4'],
      ],
    );
  });
});

describe('{{$any-lines}}: message content accepted whole where the transcript says so', () => {
  const script = [
    'S: 220 mx.test',
    'C: EHLO c.test',
    'S: 250 mx.test',
    'C: MAIL FROM:<a@c.test>',
    'S: 250 ok',
    'C: RCPT TO:<b@example.com>',
    'S: 250 ok',
    'C: DATA',
    'S: 354 go',
    'C: Subject: {{$capture subject}}',
    'C: {{$any-lines}}',
    'C: -- ',
    'C: {{$any-lines}}',
    'C: .',
    'S: 250 queued: {{subject}}',
    'C: QUIT',
    'S: 221 bye',
  ].join('\n');

  /** Plays one connection: the client sends `content` lines after DATA; resolves with the result and what it got. */
  async function play(content: string[], judged = false) {
    const authentication = judged ? { authentication: { resolver: zoneResolver(parseZone('')), enforce: false } } : {};
    const server = await startScriptedServer(parseTranscript(script), { port: 0, env: {}, timeoutMs: 5000, readInclude: () => Promise.reject(new Error('none')), ...authentication });
    const turns = ['EHLO c.test', 'MAIL FROM:<a@c.test>', 'RCPT TO:<b@example.com>', 'DATA', content.join('\r\n'), 'QUIT'].map((turn) => `${turn}\r\n`);
    const received = await lockStep(server.port, turns);
    const [result] = await server.done;
    const log = result.log.map((entry) => `${entry.direction} ${entry.text.length > 200 ? `${entry.text.slice(0, 20)}... (${entry.text.length})` : entry.text}`);
    return { status: result.status, deviation: result.deviation, last: received.trimEnd().split('\r\n').slice(-2), log };
  }

  test('any run of lines, none included, up to the next written line and to the final dot', async () => {
    const { log, ...played } = await play(['Subject: hi', 'From: x', 'To: y', '', 'body 1', 'body 2', '-- ', 'sig', '.']);
    assert.deepEqual(played, { status: 'pass', deviation: undefined, last: ['250 queued: hi', '221 bye'] });
    assert.deepEqual(log.slice(9, 18), ['C Subject: hi', 'C From: x', 'C To: y', 'C ', 'C body 1', 'C body 2', 'C -- ', 'C sig', 'C .']);
    const { log: _short, ...short } = await play(['Subject: short', '-- ', '.']);
    assert.deepEqual(short, { status: 'pass', deviation: undefined, last: ['250 queued: short', '221 bye'] });
  });

  test('a run of any length: its first 20 lines are logged, the others counted (the log stays small)', async () => {
    const body = Array.from({ length: 5000 }, (_, i) => `body ${i + 1}`);
    const { log, ...played } = await play(['Subject: long', ...body, '-- ', ...body, '.']);
    assert.deepEqual(played, { status: 'pass', deviation: undefined, last: ['250 queued: long', '221 bye'] });
    assert.deepEqual(log.slice(9), [
      'C Subject: long',
      ...body.slice(0, 20).map((line) => `C ${line}`),
      'info 4980 more lines accepted by {{$any-lines}}, not shown',
      'C -- ',
      ...body.slice(0, 20).map((line) => `C ${line}`),
      'info 4980 more lines accepted by {{$any-lines}}, not shown',
      'C .',
      'S 250 queued: long',
      'C QUIT',
      'S 221 bye',
    ]);
  });

  test('judged messages are held up to 64 MiB: a larger one is read to its end and passes, its verdict `not judged`', async () => {
    const line = 'x'.repeat(998);
    const { log, ...played } = await play(['Subject: huge', ...Array.from({ length: 68_000 }, () => line), '-- ', '.'], true);
    assert.deepEqual(played, { status: 'pass', deviation: undefined, last: ['250 queued: huge', '221 bye'] });
    assert.deepEqual(log.slice(30, 35), [
      'info 67980 more lines accepted by {{$any-lines}}, not shown',
      'C -- ',
      'C .',
      'info authentication: not judged: it is larger than the 67108864 octets the scripted server holds to judge a message',
      'S 250 queued: huge',
    ]);
  });

  test('a written line the run never reaches is a deviation at that line', async () => {
    const result = await play(['Subject: hi', 'body', '.']);
    assert.equal(result.status, 'fail');
    assert.deepEqual(result.deviation, { line: 11, expected: '-- ', actual: '.', message: 'the message ended before this line' });
  });
});
