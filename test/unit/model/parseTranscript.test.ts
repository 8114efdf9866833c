import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../../server/src/model';
import { argumentRange, enhancedCodeRange, verbRange } from '../../../server/src/model/lineRanges';
import { isInclude } from '../../../server/src/model/contentParts';
import { outline, problems } from './transcriptOutline';

const CLASSIC = `S: 220 www.example.com ESMTP Postfix
C: HELO mydomain.com
S: 250 Hello mydomain.com
C: MAIL FROM: <sender@mydomain.com>
S: 250 Ok
C: RCPT TO: <friend@example.com>
S: 250 Ok
C: DATA
S: 354 End data with <CR><LF>.<CR><LF>
C: Subject: test message
C: From:""< sender@mydomain.com>
C: To:""< friend@example.com>
C:
C: Hello,
C: This is a test.
C: Goodbye.
C: .
S: 250 Ok: queued as 12345
C: quit
S: 221 Bye`;

describe('parseTranscript', () => {
  test('the classic transcript: one session, greeting, commands, message, no problems', () => {
    const t = parseTranscript(CLASSIC);
    assert.deepEqual(problems(t), []);
    assert.deepEqual(outline(t), [
      'greeting g-1 1-1 220',
      'command HELO g0 2-3 250',
      'command MAIL g1 4-5 250',
      'command RCPT g2 6-7 250',
      'command DATA g3 8-9 354',
      'message g4 10-18 250',
      'command QUIT g5 19-20 221',
    ]);
    const message = t.sessions[0].exchanges[5];
    assert.equal(message.kind, 'message');
    if (message.kind !== 'message') return;
    assert.deepEqual(
      message.parts.map((p) => (isInclude(p) ? '<include>' : p.text)),
      ['Subject: test message', 'From:""< sender@mydomain.com>', 'To:""< friend@example.com>', '', 'Hello,', 'This is a test.', 'Goodbye.'],
    );
    assert.equal(message.terminator?.line, 16);
  });

  test('command parts and ranges', () => {
    const t = parseTranscript('S: 220 hi\nC: mail FROM:<a@b.c> SIZE=10\nS: 250 2.1.0 Ok');
    const e = t.sessions[0].exchanges[1];
    assert.equal(e.kind, 'command');
    if (e.kind !== 'command') return;
    assert.equal(e.command.verb, 'MAIL');
    assert.equal(e.command.verbText, 'mail');
    assert.deepEqual(verbRange(e.command), { start: { line: 1, character: 3 }, end: { line: 1, character: 7 } });
    assert.equal(e.command.argument, 'FROM:<a@b.c> SIZE=10');
    assert.deepEqual(argumentRange(e.command), { start: { line: 1, character: 8 }, end: { line: 1, character: 28 } });
    const reply = e.reply!.lines[0];
    assert.deepEqual(
      { code: reply.code, separator: reply.separator, enhanced: reply.enhancedCode, text: reply.text },
      { code: '250', separator: ' ', enhanced: '2.1.0', text: 'Ok' },
    );
    assert.deepEqual(enhancedCodeRange(reply), { start: { line: 2, character: 7 }, end: { line: 2, character: 12 } });
  });

  test('multi-line replies group by continuation (RFC 5321 §4.2.1)', () => {
    const t = parseTranscript('S: 220-first\nS: 220 second\nC: EHLO me\nS: 250-mx\nS: 250-PIPELINING\nS: 250 SIZE 100');
    assert.deepEqual(outline(t), ['greeting g-1 1-2 220', 'command EHLO g0 3-6 250']);
    assert.deepEqual(t.sessions[0].exchanges[1].reply!.lines.map((l) => l.text), ['mx', 'PIPELINING', 'SIZE 100']);
  });

  test('pipelined commands share a group and take replies in order (RFC 2920)', () => {
    const t = parseTranscript(
      'S: 220 x\nC: EHLO a\nS: 250 ok\nC: MAIL FROM:<a@b>\nC: RCPT TO:<c@d>\nC: DATA\nS: 250 ok\nS: 250 ok\nS: 354 go\nC: hi\nC: .\nC: QUIT\nS: 250 queued\nS: 221 bye',
    );
    assert.deepEqual(problems(t), []);
    assert.deepEqual(outline(t), [
      'greeting g-1 1-1 220',
      'command EHLO g0 2-3 250',
      'command MAIL g1 4-7 250',
      'command RCPT g1 5-8 250',
      'command DATA g1 6-9 354',
      'message g2 10-13 250',
      'command QUIT g2 12-14 221',
    ]);
  });

  test('a missing reply stays in its group: later groups keep their own replies', () => {
    const t = parseTranscript(
      [
        'S: 220 *',
        'C: EHLO c.test',
        'S: 250 ok',
        'C: MAIL FROM:<a@example.com>',
        'C: RCPT TO:<b@example.com>',
        'C: RCPT TO:<c@example.com>',
        'S: 250 ok',
        'S: 250 ok',
        'C: RSET',
        'S: 250 reset',
        'C: QUIT',
        'S: 221 bye',
      ].join('\n'),
    );
    assert.deepEqual(problems(t), []);
    assert.deepEqual(outline(t), [
      'greeting g-1 1-1 220',
      'command EHLO g0 2-3 250',
      'command MAIL g1 4-7 250',
      'command RCPT g1 5-8 250',
      'command RCPT g1 6-6 -',
      'command RSET g2 9-10 250',
      'command QUIT g3 11-12 221',
    ]);
  });

  test('a command that must end its group (RFC 2920 §3.1) is the one whose reply was left out', () => {
    const t = parseTranscript(
      [
        'S: 220 *',
        'C: EHLO c.test',
        'S: 250 ok',
        'C: NOOP',
        'C: MAIL FROM:<a@example.com>',
        'S: 250 ok',
        'C: RCPT TO:<b@example.com>',
        'S: 250 ok',
        'C: DATA',
        'S: 354 go',
        'C: hi',
        'C: .',
        'S: 250 queued',
        'C: QUIT',
        'S: 221 bye',
      ].join('\n'),
    );
    assert.deepEqual(problems(t), []);
    assert.deepEqual(outline(t), [
      'greeting g-1 1-1 220',
      'command EHLO g0 2-3 250',
      'command NOOP g1 4-4 -',
      'command MAIL g1 5-6 250',
      'command RCPT g2 7-8 250',
      'command DATA g3 9-10 354',
      'message g4 11-13 250',
      'command QUIT g5 14-15 221',
    ]);
  });

  test('a complete group keeps its replies in order, even around a command that must end it', () => {
    const t = parseTranscript('S: 220 x\nC: EHLO a\nC: MAIL FROM:<a@b>\nS: 250 one\nS: 250 two');
    assert.deepEqual(outline(t), ['greeting g-1 1-1 220', 'command EHLO g0 2-4 250', 'command MAIL g0 3-5 250']);
    assert.deepEqual(t.sessions[0].exchanges[1].reply?.lines[0].text, 'one');
  });

  test('354 answers DATA and 334 answers AUTH: a reply missing before them stays missing', () => {
    const data = parseTranscript('S: 220 x\nC: EHLO a\nS: 250 ok\nC: RCPT TO:<b@c>\nC: DATA\nS: 354 go\nC: hi\nC: .\nS: 250 ok');
    assert.deepEqual(problems(data), []);
    assert.deepEqual(outline(data), [
      'greeting g-1 1-1 220',
      'command EHLO g0 2-3 250',
      'command RCPT g1 4-4 -',
      'command DATA g1 5-6 354',
      'message g2 7-9 250',
    ]);
    const auth = parseTranscript('S: 220 x\nC: NOOP\nC: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: dGVzdA==\nS: 235 ok');
    assert.deepEqual(outline(auth), ['greeting g-1 1-1 220', 'command NOOP g0 2-2 -', 'command AUTH g0 3-4 334', 'auth-response g1 5-6 235']);
  });

  test('a 354 that no waiting command can take answers the first of them, and opens no message content', () => {
    const t = parseTranscript('S: 220 x\nC: XYZZY\nS: 354 go\nC: hi\nC: .\nS: 250 ok');
    assert.deepEqual(problems(t), []);
    assert.deepEqual(outline(t), ['greeting g-1 1-1 220', 'command XYZZY g0 2-3 354', 'command HI g1 4-6 250', 'command . g1 5-5 -']);
  });

  test('an empty command line awaits no reply: the replies below go to the commands around it', () => {
    const t = parseTranscript('S: 220 *\nC: EHLO c.test\nS: 250 ok\nC:\nC: MAIL FROM:<a@example.com>\nS: 250 ok\nC: QUIT\nS: 221 bye');
    assert.deepEqual(problems(t), ['4:1 command-expected']);
    assert.deepEqual(outline(t), [
      'greeting g-1 1-1 220',
      'command EHLO g0 2-3 250',
      'command  g1 4-4 -',
      'command MAIL g1 5-6 250',
      'command QUIT g2 7-8 221',
    ]);
  });

  test('spaces before the verb and a tab after it do not hide the command', () => {
    const t = parseTranscript('S: 220 x\nC:  EHLO c.test\nS: 250 ok\nC: VRFY\tpostmaster\nS: 252 ok');
    assert.deepEqual(problems(t), []);
    const [, ehlo, vrfy] = t.sessions[0].exchanges;
    assert.ok(ehlo.kind === 'command' && vrfy.kind === 'command');
    if (ehlo.kind !== 'command' || vrfy.kind !== 'command') return;
    assert.deepEqual([ehlo.command.verb, ehlo.command.argument, vrfy.command.verb, vrfy.command.argument], ['EHLO', 'c.test', 'VRFY', 'postmaster']);
    assert.deepEqual(verbRange(ehlo.command), { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } });
    assert.deepEqual(argumentRange(ehlo.command), { start: { line: 1, character: 9 }, end: { line: 1, character: 15 } });
    assert.deepEqual(argumentRange(vrfy.command), { start: { line: 3, character: 8 }, end: { line: 3, character: 18 } });
  });

  test('a refused DATA does not open message content', () => {
    const t = parseTranscript('S: 220 x\nC: DATA\nS: 503 5.5.1 need RCPT\nC: QUIT\nS: 221 bye');
    assert.deepEqual(outline(t), ['greeting g-1 1-1 220', 'command DATA g0 2-3 503', 'command QUIT g1 4-5 221']);
  });

  test('AUTH dialogue: lines after 334 are responses, not commands (RFC 4954 §4)', () => {
    const t = parseTranscript(
      'S: 220 x\nC: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: dGVzdA==\nS: 334 UGFzc3dvcmQ6\nC: {{$base64 {{password}}}}\nS: 235 ok',
    );
    assert.deepEqual(outline(t), [
      'greeting g-1 1-1 220',
      'command AUTH g0 2-3 334',
      'auth-response g1 4-5 334',
      'auth-response g2 6-7 235',
    ]);
  });

  test('sessions, named separators and file-level directives', () => {
    const t = parseTranscript('@server = 127.0.0.1\n\n### first\n@port = 2525\nS: 220 a\n###\nS: 220 b\n### third one\n');
    assert.deepEqual(t.directives.map((d) => [d.name, d.value.text]), [['server', '127.0.0.1']]);
    assert.deepEqual(t.sessions.map((s) => [s.index, s.name, s.directives.map((d) => d.name)]), [
      [0, 'first', ['port']],
      [1, undefined, []],
      [2, 'third one', []],
    ]);
    assert.deepEqual(t.sessions[0].separator?.nameRange, { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } });
  });

  test('includes inside DATA content', () => {
    const t = parseTranscript('S: 220 x\nC: DATA\nS: 354 go\n< ./msg.eml\nC: .\nS: 250 ok');
    const message = t.sessions[0].exchanges[2];
    assert.ok(message.kind === 'message');
    if (message.kind !== 'message') return;
    assert.deepEqual(message.parts.map((p) => isInclude(p) && p.path.text), ['./msg.eml']);
  });

  test('close markers', () => {
    const t = parseTranscript('S: 421 4.3.2 shutting down\nS: <closed>\n###\nS: 220 x\nC: <close>');
    assert.deepEqual(t.sessions[0].expectsClose?.line, 1);
    assert.deepEqual(outline(t, 1), ['greeting g-1 4-4 220', 'client-close g0 5-5 -']);
    // A group's missing reply is never the close's: the reply below goes to the command sent with it.
    const pipelined = parseTranscript('S: 220 x\nC: NOOP\nC: <close>\nS: 250 ok');
    assert.deepEqual(outline(pipelined), ['greeting g-1 1-1 220', 'command NOOP g0 2-4 250', 'client-close g0 3-3 -']);
  });

  test('expectation wildcards: code classes and x in enhanced codes', () => {
    const t = parseTranscript('S: 2xx\nC: RCPT TO:<a@b>\nS: 55x 5.1.x no such user');
    const reply = t.sessions[0].exchanges[1].reply!;
    assert.deepEqual([reply.code, reply.enhancedCode, reply.lines[0].text], ['55x', '5.1.x', 'no such user']);
    assert.equal(t.sessions[0].exchanges[0].reply?.lines[0].separator, '');
  });

  test('variable references, nested built-ins and escapes', () => {
    const t = parseTranscript('@user = me\nS: 220 x\nC: AUTH PLAIN {{$plain {{user}} {{$env PW}}}} \\{{not}}');
    const e = t.sessions[0].exchanges[1];
    assert.ok(e.kind === 'command');
    if (e.kind !== 'command') return;
    const refs = e.command.line.variables;
    assert.deepEqual(refs.map((r) => [r.name, r.args, r.nested.map((n) => n.name)]), [['$plain', '{{user}} {{$env PW}}', ['user', '$env']]]);
    assert.deepEqual(refs[0].range, { start: { line: 2, character: 14 }, end: { line: 2, character: 45 } });
  });

  test('malformed input: every problem at its line with a precise code, never an exception', () => {
    const t = parseTranscript(
      [
        'S: 220 ok',
        'EHLO me',
        '250 ok',
        'C: HELO {{unclosed',
        'S: 25 short',
        '@ = x',
        '@name value',
        '-> MAIL FROM:<a@b>',
        'S: 250-continues',
        'C: NOOP',
        'S: 250 ok',
        '< file.eml',
        'S: 250 orphan',
        'C:',
        'S: 500 empty',
      ].join('\n'),
    );
    assert.deepEqual(problems(t), [
      '2:1 unknown-line',
      '3:1 unknown-line',
      '4:9 unterminated-reference',
      '5:4 reply-code-expected',
      '6:1 directive-syntax',
      '7:7 directive-syntax',
      '8:1 unknown-line',
      '9:1 reply-unterminated',
      '9:1 reply-without-command',
      '12:1 include-outside-content',
      '13:1 reply-without-command',
      '14:1 command-expected',
      // The empty command awaits no reply, so the 500 below it answers nothing.
      '15:1 reply-without-command',
    ]);
    assert.match(t.diagnostics[0].message, /did you mean `C: EHLO me`/);
    assert.match(t.diagnostics[1].message, /did you mean `S: 250 ok`/);
    assert.match(t.diagnostics[6].message, /swaks/);
  });

  test('DATA without its 354 or its terminator', () => {
    const t = parseTranscript('S: 220 x\nC: DATA\nC: hello\nS: 250 ok');
    assert.deepEqual(problems(t), ['2:1 data-reply-missing', '3:1 data-unterminated']);
  });

  test('lines after an expected close are reported', () => {
    const t = parseTranscript('S: 220 x\nC: QUIT\nS: 221 bye\nS: <closed>\nC: NOOP');
    assert.deepEqual(problems(t), ['5:1 line-after-close']);
  });

  test('a file that is not text: one diagnostic, nothing else read', () => {
    // Random bytes read as UTF-8: NULs, control characters and U+FFFD for what was no UTF-8.
    const binary = parseTranscript('\ufffd\ufffdI\n\u0004\ufffd\u0000\ufffd\nC: EHLO x\n\u0010\u0000\u0002\ufffd:\u0007');
    assert.deepEqual(problems(binary), ['1:1 not-a-transcript']);
    assert.deepEqual(binary.sessions, []);
    assert.match(binary.diagnostics[0].message, /^This does not look like a text transcript/);
    // A tab, a form feed, a stray NUL or escape in a text file: still text.
    assert.deepEqual(problems(parseTranscript('S: 220 x\t\f\nC: NOOP \u001b\u0000\nS: 250 ok')), []);
  });

  test('CRLF and CR line ends split like LSP', () => {
    assert.deepEqual(parseTranscript('S: 220 a\r\nC: QUIT\rS: 221 b').lines, ['S: 220 a', 'C: QUIT', 'S: 221 b']);
  });
});

describe('replies read the way a slip happened', () => {
  test('EHLO pipelined with MAIL: every reply one exchange late, the 354 on DATA, the content a message', () => {
    const t = parseTranscript(
      ['S: 220 mx', 'C: EHLO c.test', 'C: MAIL FROM:<a@x.test>', 'S: 250-mx', 'S: 250 PIPELINING', 'C: RCPT TO:<b@x.test>', 'C: DATA', 'S: 250 2.1.0 ok', 'S: 250 2.1.5 ok', 'S: 354 go', 'C: Subject: x', 'C: .', 'S: 250 queued'].join('\n'),
    );
    assert.deepEqual(outline(t), ['greeting g-1 1-1 220', 'command EHLO g0 2-5 250', 'command MAIL g0 3-8 250', 'command RCPT g1 6-9 250', 'command DATA g1 7-10 354', 'message g2 11-13 250']);
    assert.deepEqual(problems(t), []);
  });
  test('the final `.` without a reply before QUIT: QUIT keeps its 221', () => {
    const t = parseTranscript(['S: 220 mx', 'C: DATA', 'S: 354 go', 'C: hi', 'C: .', 'C: QUIT', 'S: 221 bye'].join('\n'));
    assert.deepEqual(outline(t), ['greeting g-1 1-1 220', 'command DATA g0 2-3 354', 'message g1 4-5 -', 'command QUIT g1 6-7 221']);
  });
  test('a 354 whose DATA is missing opens the content all the same', () => {
    const t = parseTranscript(['S: 220 mx', 'C: RCPT TO:<b@x.test>', 'S: 250 ok', 'S: 354 go', 'C: hi', 'C: .', 'S: 250 ok'].join('\n'));
    assert.deepEqual(outline(t), ['greeting g-1 1-1 220', 'command RCPT g0 2-3 250', 'message g1 5-7 250']);
    assert.deepEqual(problems(t), ['4:1 reply-without-command']);
  });
});
