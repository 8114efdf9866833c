import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt, md, RFC5321_3_3 } from './hoverHelpers';
import { replyCodeDocumentation } from '../../../server/src/features/protocolDocumentation';
import { markdownAsPlainText } from '../../../server/src/features/plainText';
import { REPLY_CODES } from '../../../server/src/knowledge/replyCodes';

describe('protocol', () => {
  test('a verb: summary, syntax, replies and RFC link; an unknown one gets a did-you-mean', () => {
    assert.deepEqual(hoverAt('C: rs|et'), [
      3,
      7,
      md(
        '**RSET**: Aborts the current mail transaction: the server discards the sender, recipients and content. Allowed at any time.',
        '```abnf\nrset = "RSET" CRLF\n```',
        'Replies: success 250 · error 500, 501, 421',
        '[RFC 5321 §4.1.1.5](https://www.rfc-editor.org/rfc/rfc5321#section-4.1.1.5)',
      ),
    ]);
    assert.deepEqual(hoverAt('C: EHOL| x'), [3, 7, '**EHOL**: not a known SMTP command. Did you mean `EHLO`?']);
  });

  test('a MAIL parameter', () => {
    assert.deepEqual(hoverAt('C: MAIL FROM:<a@x> SI|ZE=100'), [
      19,
      23,
      md(
        '**SIZE** (MAIL parameter, EHLO keyword `SIZE`): The size of the message in octets, so the server can refuse it before the content is sent.',
        '```abnf\nSIZE=1*20DIGIT\n```',
        '[RFC 1870](https://www.rfc-editor.org/rfc/rfc1870)',
      ),
    ]);
  });

  test('reply codes, wildcard codes and enhanced status codes', () => {
    assert.deepEqual(hoverAt('C: RCPT TO:<a@x>\nS: 55|0 5.1.1 no such user'), [
      3,
      6,
      md(
        '**550** Requested action not taken: mailbox unavailable',
        `**Here**, as the reply to \`RCPT\`: this recipient is not added; the transaction goes on with those accepted (DATA needs at least one). ${RFC5321_3_3}`,
        'Permanent: the mailbox does not exist, access is denied, or the command is rejected for policy reasons.',
        '5xx: Permanent Negative Completion reply · x5x: Mail system.',
        '[RFC 5321 §4.2.3](https://www.rfc-editor.org/rfc/rfc5321#section-4.2.3)',
      ),
    ]);
    assert.deepEqual(hoverAt('C: NOOP\nS: 2x|x'), [
      3,
      6,
      md(
        '**2xx**',
        '2xx: Positive Completion reply.',
        'The requested action has been successfully completed. A new request may be initiated.',
        '[RFC 5321 §4.2.1](https://www.rfc-editor.org/rfc/rfc5321#section-4.2.1)',
      ),
    ]);
    assert.deepEqual(hoverAt('C: RCPT TO:<a@x>\nS: 550 5.1.|1 no such user'), [
      7,
      12,
      md(
        '**5.1.1** Bad destination mailbox address',
        'The mailbox does not exist: the part left of the "@" is invalid. Useful only for permanent failures.',
        'Class 5: Permanent Failure. Subject 1: Addressing Status.',
        'Usually with reply codes 451, 550.',
        '[RFC 3463 §3.2](https://www.rfc-editor.org/rfc/rfc3463#section-3.2)',
      ),
    ]);
  });

  test("a reply's standard text shows its `<domain>` and `<CRLF>`: escaped, not taken for HTML, for every code in the table", () => {
    assert.deepEqual(hoverAt('S: 22|0 mx.test')?.[2].split('\n\n')[0], '**220** \\<domain\\> Service ready');
    assert.deepEqual(hoverAt('C: DATA\nS: 3|54 go')?.[2].split('\n\n')[0], '**354** Start mail input; end with \\<CRLF\\>.\\<CRLF\\>');
    for (const spec of REPLY_CODES.values()) {
      const value = replyCodeDocumentation(String(spec.code)).value;
      // Outside inline code, every `<` and `>` is escaped (an HTML tag would be dropped by the renderer).
      assert.doesNotMatch(value.replace(/`[^`]*`/g, ''), /(^|[^\\])[<>]/, `reply ${spec.code}`);
      // As plain text (editors without Markdown) it reads as the RFC writes it.
      assert.ok(markdownAsPlainText(value).startsWith(`${spec.code} ${spec.text}\n`), `reply ${spec.code} as plain text`);
    }
  });

  test('EHLO keywords and the mechanisms listed after AUTH', () => {
    const ehlo = 'C: EHLO x\nS: 250-mx.test\nS: 250-CHUNK|ING\nS: 250 AUTH PLAIN';
    assert.deepEqual(hoverAt(ehlo), [
      7,
      15,
      md(
        '**CHUNKING**: Chunking',
        'The BDAT command sends message content in counted chunks instead of dot-stuffed DATA.',
        'Commands: BDAT',
        '[RFC 3030 §2](https://www.rfc-editor.org/rfc/rfc3030#section-2)',
      ),
    ]);
    assert.equal(hoverAt('C: EHLO x\nS: 250-mx.te|st\nS: 250 AUTH PLAIN'), undefined);
    assert.deepEqual(hoverAt('C: EHLO x\nS: 250-mx.test\nS: 250 AUTH PL|AIN')?.slice(0, 2), [12, 17]);
  });

  test('a header field name inside DATA content, not in the body', () => {
    const message = 'C: DATA\nS: 354 go\nC: From: a@x\nC:\nC: From: not a header';
    assert.deepEqual(hoverAt(message.replace('C: From: a', 'C: Fr|om: a')), [
      3,
      7,
      md('**From**: The author(s) of the message.', 'Required, once.', '[RFC 5322 §3.6.2](https://www.rfc-editor.org/rfc/rfc5322#section-3.6.2)'),
    ]);
    assert.equal(hoverAt(message.replace('not a', 'not| a')), undefined);
    assert.equal(hoverAt(message.replace('C: From: not', 'C: Fr|om: not')), undefined);
  });
});

describe('AUTH payloads', () => {
  test('PLAIN on the AUTH line decoded with the password masked', () => {
    // base64("\0user\0secret")
    assert.deepEqual(hoverAt('C: AUTH PLAIN AHVzZXIAc2Vj|cmV0'), [14, 30, md('**AUTH PLAIN response**', 'Decoded, credentials masked:', '```text\n\\0user\\0****\n```')]);
  });

  test('LOGIN: the user name shown, the password masked; the 334 challenge decoded', () => {
    const login = 'C: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: dXNlcg==\nS: 334 UGFzc3dvcmQ6\nC: c2VjcmV0\nS: 235 ok';
    assert.deepEqual(hoverAt(login.replace('dXNl', 'dX|Nl')), [3, 11, md('**AUTH LOGIN response**', 'Decoded, credentials masked:', '```text\nuser\n```')]);
    assert.deepEqual(hoverAt(login.replace('c2Vj', 'c2|Vj')), [3, 11, md('**AUTH LOGIN response**', 'Decoded, credentials masked:', '```text\n****\n```')]);
    assert.deepEqual(hoverAt(login.replace('VXNl', 'VX|Nl')), [7, 19, md('**334 challenge**, decoded:', '```text\nUsername:\n```')]);
    // Text that decodes to control characters or invalid UTF-8 was no base64 meant to be read (inlay hints agree).
    assert.equal(hoverAt('C: AUTH LOGIN\nS: 334 ab|cd'), undefined);
  });

  test('CRAM-MD5 and XOAUTH2 keep the user and mask the digest or token; `*` and bad base64 explained', () => {
    const cram = Buffer.from('user 0123456789abcdef').toString('base64');
    assert.deepEqual(hoverAt(`C: AUTH CRAM-MD5\nS: 334 PDEyMzQ+\nC: |${cram}`)?.[2], md('**AUTH CRAM-MD5 response**', 'Decoded, credentials masked:', '```text\nuser ****\n```'));
    const xoauth = Buffer.from('user=u@x\x01auth=Bearer tok\x01\x01').toString('base64');
    assert.deepEqual(hoverAt(`C: AUTH XOAUTH2 |${xoauth}`)?.[2], md('**AUTH XOAUTH2 response**', 'Decoded, credentials masked:', '```text\nuser=u@x\\x01auth=Bearer ****\\x01\\x01\n```'));
    assert.deepEqual(hoverAt('C: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: |*')?.[2], md('**AUTH LOGIN response**', '`*` cancels the authentication exchange; the server answers 501 (RFC 4954 §4).'));
    assert.deepEqual(hoverAt('C: AUTH PLAIN not-base|64')?.[2], md('**AUTH PLAIN response**', 'Not valid base64: every AUTH response is base64-encoded (RFC 4954 §4).'));
  });
});

describe('variables, built-ins and directives', () => {
  const doc = '@user = alice\n@password = hunter2\n### s\n@host = mx\nC: AUTH PLAIN {{$plain {{user}} {{password}}}}\nC: EHLO {{host}} {{nope}}';

  test('a variable: its value and where it is defined; a secret masked; an undefined one explained', () => {
    assert.deepEqual(hoverAt(doc.replace('{{user}}', '{{us|er}}')), [23, 31, md('**user** = `alice`', 'Defined on line 1, for every session.')]);
    assert.deepEqual(hoverAt(doc.replace('{{password}}', '{{pass|word}}')), [
      32,
      44,
      md('**password** = `****`', 'A secret (its name contains pass, secret, token or key): replay output shows it as `****`.', 'Defined on line 2, for every session.'),
    ]);
    assert.deepEqual(hoverAt(doc.replace('{{host}}', '{{ho|st}}'))?.[2], md('**host** = `mx`', 'Defined on line 4, in session `s`.'));
    assert.deepEqual(hoverAt(doc.replace('{{nope}}', '{{no|pe}}'))?.[2], '**nope**: not defined above this line. Define it with `@nope = value` before its first use.');
    // A directive's value is substituted where it is used: it may name a variable defined further down.
    assert.deepEqual(hoverAt('@greeting = hi {{na|me}}\n@name = world\nC: VRFY {{greeting}}')?.[2], md('**name** = `world`', 'Defined on line 2, for every session.'));
  });

  test('a built-in: its signature and summary', () => {
    assert.deepEqual(hoverAt(doc.replace('{{$plain', '{{$pl|ain')), [
      14,
      46,
      md('```smtp\n{{$plain user password}}\n```', 'The AUTH PLAIN response: base64 of NUL user NUL password (RFC 4616 §2).'),
    ]);
  });

  test('a setting directive: what it does, its values and its value here', () => {
    assert.deepEqual(hoverAt('@ma|tch = strict')?.[2], md(
      '**@match** = `code | strict`',
      'How replies are compared with the `S:` expectations.',
      "- `code`: The code and, when given, the enhanced code must match; a different text is only reported.\n- `strict`: Every line's text must match too (`*` matches any run, `/regex/` a regular expression), and the number of lines.",
      'Default: code.',
      'Set to `strict` on line 1, for every session.',
    ));
    assert.deepEqual(hoverAt('@pass|word = x')?.[2], md('**password** = `****`', 'A secret (its name contains pass, secret, token or key): replay output shows it as `****`.', 'Defined on line 1, for every session.'));
  });

  test('blank lines, comments and line prefixes have no hover', () => {
    assert.equal(hoverAt('# comm|ent'), undefined);
    assert.equal(hoverAt('# smtp-lint-disable-next-line |  '), undefined);
    assert.equal(hoverAt('|'), undefined);
    assert.equal(hoverAt('C|: NOOP'), undefined);
  });
});

describe('suppression comments, separators and markers', () => {
  test('a rule id in a suppression comment: description, default severity, RFC, and the line it silences', () => {
    assert.deepEqual(hoverAt('# smtp-lint-disable-next-line extension-not-advertised, mail-befo|re-helo\n# note\nC: MAIL FROM:<a@x>'), [
      56,
      72,
      md(
        '**mail-before-helo** · default severity: warning',
        'MAIL sent before a successful EHLO or HELO (many servers refuse it with 503).',
        '[RFC 5321 §4.1.4](https://www.rfc-editor.org/rfc/rfc5321#section-4.1.4)',
        'It applies to line 3.',
      ),
    ]);
    assert.deepEqual(hoverAt('# smtp-lint-disable-next-line mail-befre-h|elo'), [
      30,
      45,
      '**mail-befre-helo**: no lint rule has this id, so the comment silences nothing for it. Did you mean `mail-before-helo`?',
    ]);
    assert.deepEqual(hoverAt('#smtp-lint-disable-next-line no-such-ru|le-at-all')?.[2], '**no-such-rule-at-all**: no lint rule has this id, so the comment silences nothing for it.');
  });

  test('the suppression keyword', () => {
    assert.deepEqual(hoverAt('# smtp-lint-dis|able-next-line'), [
      2,
      29,
      md(
        '**smtp-lint-disable-next-line** *rule-id* [*rule-id*...] silences the named lint rules on the next line that is not a comment; without ids, every rule.',
        'Ids are separated by spaces or commas: `# smtp-lint-disable-next-line extension-not-advertised, mail-before-helo`. The list of rules: `smtp-transcript lint --list-rules` or docs/lint-rules.md.',
        'There is no line after it to silence.',
      ),
    ]);
  });

  test('a `###` separator: the session\'s target as replay reads it, its exchanges and mail transactions', () => {
    const doc = [
      '@server = 127.0.0.1',
      '@port = 2525',
      '### sub|mit',
      '@tls = starttls',
      '@requires = STARTTLS',
      'S: 220 *',
      'C: EHLO x',
      'S: 250 ok',
      'C: MAIL FROM:<a@x>',
      'S: 250 ok',
      'C: RCPT TO:<b@x>',
      'S: 250 ok',
      'C: DATA',
      'S: 354 go',
      'C: Subject: hi',
      'C: .',
      'S: 250 ok',
      '@port = 9999',
      'C: QUIT',
      'S: 221 bye',
      '###',
    ].join('\n');
    assert.deepEqual(hoverAt(doc), [
      0,
      10,
      md(
        '**Session 1 of 2** `submit`: a connection of its own.',
        'Connects to `127.0.0.1:2525`, TLS `starttls`; runs only when the EHLO reply advertises `STARTTLS`.',
        '7 exchanges, 1 mail transaction:',
        '- `MAIL <a@x> → 1 recipient: b@x · Subject: hi`',
      ),
    ]);
    assert.deepEqual(hoverAt(doc.replace('### sub|mit', '### submit').replace(/###$/, '#|##')), [
      0,
      3,
      md(
        '**Session 2 of 2** (unnamed): a connection of its own.',
        'Connects to `127.0.0.1:2525`, TLS `none`.',
        '0 exchanges, 0 mail transactions.',
      ),
    ]);
    assert.deepEqual(hoverAt('@tls = implicit\n#|## a\nS: 220 x')?.[2], md(
      '**Session 1 of 1** `a`: a connection of its own.',
      'Connects to the server given by the caller (CLI option or editor setting), port `465`, TLS `implicit`.',
      '1 exchange, 0 mail transactions.',
    ));
  });

  test('`S: <closed>`, `C: <close>` and `S: ...`', () => {
    assert.deepEqual(hoverAt('C: QUIT\nS: 221 bye\nS: <clo|sed>'), [
      3,
      11,
      '`S: <closed>` expects the server to close the connection here: after a `421`, after the `221` answering QUIT, or after a fatal error (RFC 5321 §3.8). Right after a command with no reply written, the server closes instead of replying; among DATA content lines, it closes after reading the lines above (the message is never finished). Nothing may follow it in the session.',
    ]);
    assert.equal(hoverAt('C: QUIT\nS: 221 bye\nS|: <closed>'), undefined);
    assert.deepEqual(hoverAt('S: 220 x\nC: <cl|ose>'), [
      3,
      10,
      "`C: <close>` closes the connection from the client's side without QUIT: replay drops the socket. Nothing more can be sent in the session.",
    ]);
    assert.deepEqual(hoverAt('S: 220 x\nC: DATA\nS: 354 go\nC: half\nC: <clo|se>\nS: <closed>'), [
      3,
      10,
      md(
        '`C: <close>` as the last line of the message content: the client closes the connection in the middle of the message. Replay sends the content lines above and drops the socket without the final `.`; the mock expects the client to close there.',
        'The message is never complete, so the server must not deliver it (RFC 5321 §4.1.1.4: only the `.` line completes a message). Nothing more can be sent in the session; only `S:` lines and comments may follow. A line of content after it would make it a content line.',
      ),
    ]);
    assert.deepEqual(hoverAt('S: 220 x\nC: BDAT 99 LAST\nC: half\nC: <|close>')?.[2].split('\n\n')[0],
      '`C: <close>` as the last line of the BDAT chunk, short of the octets it declares: the client closes the connection in the middle of the message. Replay sends the chunk lines above and drops the socket without the rest of the chunk; the mock expects the client to close there.',
    );
    // Followed by more content, it is a line of the message: no marker hover.
    assert.equal(hoverAt('S: 220 x\nC: DATA\nS: 354 go\nC: <clo|se>\nC: .\nS: 250 ok'), undefined);
    const ellipsis = '`S: ...` matches any number of further lines of the same reply: `S: 250-mx.example.com`, `S: ...`, `S: 250 SMTPUTF8` matches an EHLO reply that starts and ends with those lines, whatever it lists between them.';
    assert.deepEqual(hoverAt('C: EHLO x\nS: 250-mx\nS: .|..\nS: 250 SMTPUTF8'), [
      3,
      6,
      md(ellipsis, 'In force here: `@match = code`, where replies with a different number of lines pass anyway: `...` changes nothing until `@match = strict`.'),
    ]);
    assert.deepEqual(hoverAt('@match = strict\nC: EHLO x\nS: 250-mx\nS: ..|.\nS: 250 SMTPUTF8')?.[2], md(ellipsis, 'In force here: `@match = strict`, where every line is compared.'));
  });
});

describe('LIMITS and REQUIRETLS', () => {
  test('the LIMITS keyword with its syntax, and each limit name after it (RFC 9422)', () => {
    const ehlo = (marked: string) => `C: EHLO x\nS: 250-mx.test\n${marked}\nS: 250 SIZE`;
    assert.deepEqual(hoverAt(ehlo('S: 250-LIM|ITS MAILMAX=10 RCPTMAX=100')), [
      7,
      13,
      md(
        '**LIMITS**: Server limits',
        'The server announces the limits it applies in this session: `MAILMAX=` (transactions per session), `RCPTMAX=` (recipients per transaction) and `RCPTDOMAINMAX=` (recipient domains per transaction).',
        '```abnf\nLIMITS SP limit-name-value *(SP limit-name-value)  ; limit-name-value = limit-name ["=" limit-value]\n```',
        '[RFC 9422](https://www.rfc-editor.org/rfc/rfc9422)',
      ),
    ]);
    assert.deepEqual(hoverAt(ehlo('S: 250-LIMITS MAILMAX=10 RCPT|MAX=100')), [
      25,
      32,
      md(
        '**RCPTMAX** (LIMITS): The most recipients the server accepts in one transaction; more are refused (452) and go in another transaction.',
        'The number counts RCPT commands in one transaction.',
        '[RFC 9422 §4.2](https://www.rfc-editor.org/rfc/rfc9422#section-4.2)',
      ),
    ]);
    assert.equal(hoverAt(ehlo('S: 250-LIMITS MAILMAX=1|0')), undefined);
  });
  test('REQUIRETLS as an EHLO keyword and as a MAIL parameter (RFC 8689)', () => {
    assert.deepEqual(hoverAt('C: EHLO x\nS: 250-mx.test\nS: 250 REQUIRE|TLS')?.[2], md(
      '**REQUIRETLS**: Require TLS',
      'The `REQUIRETLS` MAIL parameter (no value) asks every hop to relay the message only over verified TLS; it is offered and used only on a TLS session.',
      '[RFC 8689 §4](https://www.rfc-editor.org/rfc/rfc8689#section-4)',
    ));
    assert.deepEqual(hoverAt('C: MAIL FROM:<a@x> REQUIRE|TLS'), [
      19,
      29,
      md(
        '**REQUIRETLS** (MAIL parameter, EHLO keyword `REQUIRETLS`): Every hop must relay the message over TLS with a verified certificate, or return it.',
        '```abnf\nREQUIRETLS\n```',
        '[RFC 8689](https://www.rfc-editor.org/rfc/rfc8689)',
      ),
    ]);
  });
});
