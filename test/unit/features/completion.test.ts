import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { allRules, isParseError } from '../../../server/src/features/lint';
import { complete, details, EHLO_REPLY, item, labels } from './completionHelpers';

describe('line start', () => {
  const CLIENT_FIRST = ['C: ', 'S: ', '### ', '@', '# '];
  const SERVER_FIRST = ['S: ', 'C: ', '### ', '@', '# '];

  test('offers the line kinds; a reply first when a command awaits one', () => {
    assert.deepEqual(labels('C: EHLO x\nS|'), SERVER_FIRST);
    assert.deepEqual(labels('C: EHLO x\nS: 250 ok\n#|'), CLIENT_FIRST);
    assert.deepEqual(item('S: 220 mx\nC|', 'C: '), {
      label: 'C: ',
      kind: 14,
      detail: 'client line',
      documentation: {
        kind: 'markdown',
        value: '**C:** what the client sends: a command, an AUTH response, or a line of message content. `C:` alone is an empty content line.',
      },
      sortText: '00000',
      insertTextFormat: 2,
      textEdit: { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, newText: 'C: ' },
      command: { title: 'Suggest', command: 'editor.action.triggerSuggest' },
    });
  });

  test('the greeting first: a session starts with the server speaking (RFC 5321 §4.3.1)', () => {
    assert.deepEqual(labels('|'), SERVER_FIRST);
    assert.deepEqual(labels('@server = 127.0.0.1\n|'), SERVER_FIRST);
    assert.deepEqual(labels('S: 220 mx\nC: QUIT\nS: 221 bye\n### two\n|'), SERVER_FIRST);
  });

  test('`S:` while a reply is awaited or continues, also where the reply is written below the cursor', () => {
    assert.deepEqual(labels('S: 220 mx\nC: EHLO x\n|'), SERVER_FIRST);
    assert.deepEqual(labels('S: 220 mx\nC: EHLO x\n|\nS: 250 mx'), SERVER_FIRST);
    assert.deepEqual(labels('S: 220 mx\nC: EHLO x\nS: 250-mx\n|\nS: 250 SIZE'), SERVER_FIRST);
    assert.deepEqual(labels('S: 220-mx\n|'), SERVER_FIRST);
    // Pipelined (RFC 2920): one reply of two is written.
    assert.deepEqual(labels('S: 220 mx\nC: MAIL FROM:<a@x>\nC: RCPT TO:<b@x>\nS: 250 ok\n|'), SERVER_FIRST);
  });

  test('`C:` once the replies are complete and inside message content; `S:` after its `.` line', () => {
    assert.deepEqual(labels('S: 220 mx\nC: EHLO x\nS: 250-mx\nS: 250 SIZE\n|'), CLIENT_FIRST);
    assert.deepEqual(labels('S: 220 mx\nC: DATA\nS: 354 go\n|'), CLIENT_FIRST);
    assert.deepEqual(labels('S: 220 mx\nC: DATA\nS: 354 go\nC: Subject: x\n|'), CLIENT_FIRST);
    assert.deepEqual(labels('S: 220 mx\nC: DATA\nS: 354 go\nC: Subject: x\nC: .\n|'), SERVER_FIRST);
    assert.deepEqual(labels('S: 220 mx\nC: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\n|'), CLIENT_FIRST);
  });

  test('a BDAT chunk: `C:` until it holds its declared octets, then `S:`', () => {
    assert.deepEqual(labels('S: 220 mx\nC: BDAT 10 LAST\nC: abc\n|'), CLIENT_FIRST);
    assert.deepEqual(labels('S: 220 mx\nC: BDAT 5 LAST\nC: abc\n|'), SERVER_FIRST);
    assert.deepEqual(labels('S: 220 mx\nC: BDAT * LAST\nC: abc\n|'), CLIENT_FIRST);
  });

  test('a new session first once the session has ended', () => {
    const ended = ['### ', 'S: ', 'C: ', '@', '# '];
    assert.deepEqual(labels('S: 220 mx\nC: QUIT\nS: 221 bye\n|'), ended);
    assert.deepEqual(labels('S: 220 mx\nC: NOOP\nS: 421 bye\nS: <closed>\n|'), ended);
    assert.deepEqual(labels('S: 220 mx\nC: <close>\n|'), ended);
    // The client dropped the connection inside the content (or a chunk short of its size).
    assert.deepEqual(labels('S: 220 mx\nC: DATA\nS: 354 go\nC: half\nC: <close>\n|'), ended);
    assert.deepEqual(labels('S: 220 mx\nC: BDAT 90 LAST\nC: half\nC: <close>\n|'), ended);
    // The server closed inside the content, or in place of a reply.
    assert.deepEqual(labels('S: 220 mx\nC: DATA\nS: 354 go\nC: half\nS: <closed>\n|'), ended);
    assert.deepEqual(labels('S: 220 mx\nC: NOOP\nS: <closed>\n|'), ended);
  });
});

describe('verbs the session state allows next', () => {
  test('after the greeting: EHLO and HELO first, then commands allowed at any time, and LMTP\'s LHLO', () => {
    assert.deepEqual(labels('S: 220 mx\nC: |'), ['EHLO', 'HELO', 'RSET', 'VRFY', 'NOOP', 'QUIT', 'LHLO', 'EXPN', 'HELP']);
  });

  test('an LMTP session (LHLO) offers LHLO again, never EHLO or HELO; an SMTP one never LHLO (RFC 2033 §4.1)', () => {
    const lmtp = ['S: 220 lmtp', 'C: LHLO x', 'S: 250-lmtp', 'S: 250 PIPELINING'];
    assert.deepEqual(labels([...lmtp, 'C: |'].join('\n')), ['MAIL', 'RSET', 'VRFY', 'NOOP', 'QUIT', 'LHLO']);
    assert.deepEqual(labels([...lmtp, 'C: MAIL FROM:<a@x>', 'S: 250 ok', 'C: RCPT TO:<b@x>', 'S: 250 ok', 'C: |'].join('\n')), ['RCPT', 'DATA', 'RSET', 'VRFY', 'NOOP', 'QUIT', 'LHLO']);
    assert.ok(!labels([...EHLO_REPLY, 'C: STARTTLS', 'S: 220 go ahead', 'C: |'].join('\n')).includes('LHLO'));
  });

  test('after a recorded EHLO reply: what it advertised, MAIL, and no unadvertised extension', () => {
    assert.deepEqual(labels([...EHLO_REPLY, 'C: |'].join('\n')), ['MAIL', 'STARTTLS', 'AUTH', 'EHLO', 'HELO', 'RSET', 'VRFY', 'NOOP', 'QUIT']);
  });

  test('after STARTTLS: EHLO again first, STARTTLS and AUTH gone until then', () => {
    assert.deepEqual(labels([...EHLO_REPLY, 'C: STARTTLS', 'S: 220 go ahead', 'C: |'].join('\n')), ['EHLO', 'HELO', 'RSET', 'NOOP', 'QUIT']);
  });

  test('in a transaction: RCPT; DATA only once a recipient was accepted (a 550 does not count)', () => {
    const mail = ['S: 220 mx', 'C: EHLO x', 'S: 250 mx', 'C: MAIL FROM:<a@x>', 'S: 250 ok'];
    assert.deepEqual(labels([...mail, 'C: RCPT TO:<b@x>', 'S: 550 no', 'C: |'].join('\n')), ['RCPT', 'EHLO', 'HELO', 'RSET', 'VRFY', 'NOOP', 'QUIT', 'EXPN', 'HELP', 'ETRN', 'ATRN']);
    assert.deepEqual(labels([...mail, 'C: RCPT TO:<b@x>', 'S: 250 ok', 'C: |'].join('\n')).slice(0, 3), ['RCPT', 'DATA', 'EHLO']);
  });

  test('no STARTTLS under @tls = implicit, even when advertised', () => {
    const text = '@tls = Implicit\nS: 220 mx\nC: EHLO x\nS: 250-mx\nS: 250 STARTTLS\nC: |';
    assert.deepEqual(labels(text), ['MAIL', 'EHLO', 'HELO', 'RSET', 'VRFY', 'NOOP', 'QUIT']);
  });

  test('nothing after QUIT', () => {
    assert.deepEqual(labels('S: 220 mx\nC: QUIT\nS: 221 bye\nC: |'), []);
  });

  test('each verb is a documented snippet; with arguments already written only the verb is replaced', () => {
    assert.deepEqual(item('S: 220 mx\nC: EHLO x\nS: 250 mx\nC: ma|', 'MAIL'), {
      label: 'MAIL',
      kind: 14,
      detail: 'RFC 5321 §4.1.1.2',
      documentation: {
        kind: 'markdown',
        value: [
          '**MAIL**: Starts a mail transaction with the reverse-path, the address failure reports go to (`<>` for none), and optional ESMTP parameters.',
          '```abnf\nmail = "MAIL FROM:" Reverse-path [SP Mail-parameters] CRLF\n```',
          'Replies: success 250 · error 552, 451, 452, 550, 553, 503, 455, 555, 500, 501, 421',
          '[RFC 5321 §4.1.1.2](https://www.rfc-editor.org/rfc/rfc5321#section-4.1.1.2)',
        ].join('\n\n'),
      },
      sortText: '00000',
      insertTextFormat: 2,
      textEdit: { range: { start: { line: 3, character: 3 }, end: { line: 3, character: 5 } }, newText: 'MAIL FROM:<$1>' },
      filterText: 'MAIL',
    });
    assert.deepEqual(item('S: 220 mx\nC: EHLO x\nS: 250 mx\nC: ma| FROM:<a@x>', 'MAIL')?.textEdit, {
      range: { start: { line: 3, character: 3 }, end: { line: 3, character: 5 } },
      newText: 'MAIL',
    });
    assert.equal(item('S: 220 mx\nC:|', 'EHLO')?.textEdit?.newText, ' EHLO ${1:client.example.com}');
  });
});

describe('replies', () => {
  test('codes valid for the command answered, success first, each with its standard text', () => {
    assert.deepEqual(labels('C: RCPT TO:<a@x>\nS: |'), ['250', '251', '550', '551', '552', '553', '450', '451', '452', '503', '455', '555', '500', '501', '421']);
    assert.deepEqual(item('C: RCPT TO:<a@x>\nS: |', '251'), {
      label: '251',
      kind: 12,
      detail: 'success · User not local; will forward to <forward-path>',
      documentation: {
        kind: 'markdown',
        value: [
          '**251** User not local; will forward to \\<forward-path\\>',
          // What it would do here (no count: the completion is of a reply not yet written).
          '**Here**, as the reply to `RCPT`: the recipient is added to the transaction. [RFC 5321 §3.3](https://www.rfc-editor.org/rfc/rfc5321#section-3.3)',
          'The recipient is accepted and the server will forward the message to the address it names (RFC 5321 §3.4).',
          '2xx: Positive Completion reply · x5x: Mail system.',
          'Also: "OK, no messages waiting for node \\<x\\>" (RFC 1985)',
          '[RFC 5321 §4.2.3](https://www.rfc-editor.org/rfc/rfc5321#section-4.2.3)',
        ].join('\n\n'),
      },
      sortText: '00001',
      insertTextFormat: 2,
      textEdit: { range: { start: { line: 1, character: 3 }, end: { line: 1, character: 3 } }, newText: '251${1: User not local; will forward to <forward-path>}' },
    });
  });

  test('the greeting, the end of DATA and AUTH responses have replies of their own', () => {
    assert.deepEqual(labels('S: |'), ['220', '554', '521', '421']);
    assert.deepEqual(labels('C: DATA\nS: 354 go\nC: x\nC: .\nS: 4|'), ['250', '552', '554', '451', '452', '450', '550', '421']);
    assert.deepEqual(labels('C: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: dXNlcg==\nS: |').slice(0, 3), ['235', '334', '432']);
    // Each code's documentation says what it would do there, after the code's own title.
    const here = (marked: string, label: string): string | undefined => (item(marked, label)?.documentation as { value: string } | undefined)?.value.split('\n\n')[1];
    assert.match(here('C: DATA\nS: 354 go\nC: x\nC: .\nS: |', '250')!, /^\*\*Here\*\*, as the reply to the message's final `\.`: the server takes full responsibility/);
    assert.match(here('C: DATA\nS: 354 go\nC: x\nC: .\nS: |', '421')!, /: the server is closing the connection, and the session ends here\./);
    assert.match(here('S: |', '554')!, /^\*\*Here\*\*, as the greeting: the server turns the session down/);
  });

  test('a continued reply offers its own code, with `-` or as the last line; only the code is replaced', () => {
    assert.deepEqual(labels('C: EHLO x\nS: 250-mx\nS: 2|'), ['250-', '250 ']);
    assert.deepEqual(item('C: EHLO x\nS: 250-mx\nS: 2|50-SIZE', '250-')?.textEdit, {
      range: { start: { line: 2, character: 3 }, end: { line: 2, character: 7 } },
      newText: '250-',
    });
  });

  test('EHLO keywords in an EHLO reply, enhanced codes of the reply\'s class elsewhere', () => {
    assert.deepEqual(labels('C: EHLO x\nS: 250-mx\nS: 250-PIPE|').slice(0, 3), ['8BITMIME', 'ATRN', 'AUTH']);
    assert.deepEqual(labels('C: RCPT TO:<a@x>\nS: 550 5.1|').slice(0, 3), ['5.0.0', '5.1.0', '5.1.1']);
    assert.deepEqual(item('C: RCPT TO:<a@x>\nS: 550 5.1|', '5.1.1')?.textEdit, {
      range: { start: { line: 1, character: 7 }, end: { line: 1, character: 10 } },
      newText: '5.1.1 ',
    });
    assert.deepEqual(labels('C: DATA\nS: 354 |'), []);
  });

  test('a code\'s standard text is a placeholder with the space in it: typing `-` makes `250-`, not `250 -`', () => {
    const accepted = item('S: 220 mx\nC: NOOP\nS: 25|', '250')?.textEdit;
    assert.deepEqual(accepted, { range: { start: { line: 2, character: 3 }, end: { line: 2, character: 5 } }, newText: '250${1: Requested mail action okay, completed}' });
  });

  test('after `250-` in an EHLO reply, EHLO keywords; on its first line (the server\'s name), nothing', () => {
    assert.deepEqual(labels('S: 220 mx\nC: EHLO x\nS: 250-mx\nS: 250-|').slice(0, 3), ['8BITMIME', 'ATRN', 'AUTH']);
    // A line typed under a reply that already ended continues it, for completion.
    assert.deepEqual(labels('S: 220 mx\nC: EHLO x\nS: 250 mx\nS: 250-|').slice(0, 3), ['8BITMIME', 'ATRN', 'AUTH']);
    assert.deepEqual(labels('S: 220 mx\nC: EHLO x\nS: 250-|'), []);
    assert.deepEqual(labels('S: 220 mx\nC: EHLO x\nS: 550 5.7|').slice(0, 2), ['5.0.0', '5.1.0']);
  });

  test('nothing after `S: <closed>` is a code to complete', () => {
    assert.deepEqual(labels('C: QUIT\nS: 221 bye\nS: <clo|sed>'), []);
  });
});

describe('message content', () => {
  const data = 'C: MAIL FROM:<a@x>\nS: 250 ok\nC: RCPT TO:<b@x>\nS: 250 ok\nC: DATA\nS: 354 go\n';

  test('header names before the first empty line, required ones first', () => {
    assert.deepEqual(labels(`${data}C: Su|`).slice(0, 4), ['Date', 'From', 'Sender', 'Reply-To']);
    assert.deepEqual(item(`${data}C: Su|`, 'Subject')?.textEdit, {
      range: { start: { line: 6, character: 3 }, end: { line: 6, character: 5 } },
      newText: 'Subject: ',
    });
    assert.deepEqual(labels(`${data}C: Subject: x\nC:\nC: Su|`), []);
  });

  test('common values after `Name: `, and the built-ins made for Date and Message-ID', () => {
    assert.deepEqual(labels(`${data}C: MIME-Version: |`), ['1.0']);
    assert.deepEqual(labels(`${data}C: Date: |`), ['{{$date}}']);
    assert.equal(item(`${data}C: Message-ID: |`, '{{$message-id}}')?.textEdit?.newText, '{{\\$message-id}}');
  });
});

describe('directives and variables', () => {
  test('setting names after `@`, each inserted with its value choices', () => {
    assert.deepEqual(labels('@|'), ['server', 'port', 'tls', 'tls-servername', 'ca', 'timeout', 'connect-timeout', 'match', 'requires', 'replay',
      'dkim-domain', 'dkim-selector', 'dkim-key', 'dkim-algorithm', 'dkim-headers', 'dkim-canonicalization']);
    assert.equal(item('@t|', 'tls')?.textEdit?.newText, 'tls = ${1|none,starttls,implicit|}');
    assert.equal(item('@t| = none', 'tls')?.textEdit?.newText, 'tls');
  });

  test('setting values after `@name = `', () => {
    assert.deepEqual(labels('@tls = |'), ['none', 'starttls', 'implicit']);
    assert.deepEqual(labels('@match=s|'), ['code', 'strict']);
    assert.deepEqual(labels('@replay = |'), ['run', 'skip']);
    assert.deepEqual(labels('@requires = CHUNKING SM|').includes('SMTPUTF8'), true);
    assert.deepEqual(labels('@user = |'), []);
  });

  test('a setting value replaces the word at the cursor, an empty range at the cursor when there is none', () => {
    const ranges = (marked: string) => [...new Set(complete(marked).map((i) => JSON.stringify(i.textEdit && 'range' in i.textEdit ? i.textEdit.range : undefined)))];
    const onLine0 = (start: number, end: number) => [JSON.stringify({ start: { line: 0, character: start }, end: { line: 0, character: end } })];
    assert.deepEqual(ranges('@tls = |'), onLine0(7, 7));
    assert.deepEqual(ranges('@tls =   |'), onLine0(9, 9));
    assert.deepEqual(ranges('@tls =\t|'), onLine0(7, 7));
    assert.deepEqual(ranges('@match = |'), onLine0(9, 9));
    assert.deepEqual(ranges('@timeout = |'), onLine0(11, 11));
    assert.deepEqual(ranges('@dkim-algorithm = |'), onLine0(18, 18));
    assert.deepEqual(ranges('@dkim-canonicalization = |'), onLine0(25, 25));
    assert.deepEqual(ranges('@tls = st|arttls  '), onLine0(7, 15));
    assert.deepEqual(ranges('@tls = x |'), onLine0(9, 9));
    assert.deepEqual(ranges('@match=s|'), onLine0(7, 8));
    assert.deepEqual(ranges('@requires = CHUNKING |'), onLine0(21, 21));
  });

  test('{{$capture}} is offered in C: lines only, where the scripted server reads it', () => {
    assert.ok(labels('C: EHLO {{$|').includes('$capture'));
    assert.deepEqual(labels('S: 250 hello {{$|'), ['$env', '$base64', '$plain', '$cram-md5', '$xoauth2', '$date', '$message-id', '$uuid', '$boundary', '$cr', '$lf']);
    assert.ok(!labels('@x = {{$|').includes('$capture'));
  });

  test('{{$any-lines}} is offered alone on a content line only, where the scripted server accepts any lines', () => {
    const data = 'C: MAIL FROM:<a@x>\nS: 250 ok\nC: RCPT TO:<b@x>\nS: 250 ok\nC: DATA\nS: 354 go\nC: Subject: x\nC:\n';
    assert.ok(labels(`${data}C: {{$|`).includes('$any-lines'));
    assert.ok(!labels(`${data}C: text {{$|`).includes('$any-lines'));
    assert.ok(!labels('C: EHLO {{$|').includes('$any-lines'));
  });

  test('variables defined above inside `{{`, secrets masked, then built-ins', () => {
    const text = '@user = alice\n@password = hunter2\n### s\n@host = mx.test\nC: EHLO {{h|';
    assert.deepEqual(labels(text), ['user', 'password', 'host', '$env', '$base64', '$plain', '$cram-md5', '$xoauth2', '$date', '$message-id', '$uuid', '$boundary', '$capture', '$cr', '$lf']);
    assert.deepEqual(
      complete(text).filter((i) => i.kind === 6).map((i) => [i.label, i.detail]),
      [['user', 'alice'], ['password', '****'], ['host', 'mx.test']],
    );
    assert.deepEqual(item(text, 'host')?.textEdit, {
      range: { start: { line: 4, character: 10 }, end: { line: 4, character: 11 } },
      newText: 'host}}',
    });
    assert.equal(item('@host = a\nC: EHLO {{h|}}', 'host')?.textEdit?.newText, 'host');
  });

  test('three groups whatever the names: variables, then settings in force, then built-ins; secrets masked', () => {
    const text = [
      '@server = 127.0.0.1',
      '@tls = starttls',
      '@zeta = z',
      '@api_key = {{$env KEY}}',
      '### s',
      '@alpha = a',
      '@port = 2525',
      'C: EHLO {{|',
    ].join('\n');
    assert.deepEqual(details(text), [
      ['zeta', 'z', '00000'],
      ['api_key', '****', '00001'],
      ['alpha', 'a', '00002'],
      ['server', '127.0.0.1', '10003'],
      ['tls', 'starttls', '10004'],
      ['port', '2525', '10005'],
      ['$env', '{{$env NAME}}', '20006'],
      ['$base64', '{{$base64 text}}', '20007'],
      ['$plain', '{{$plain user password}}', '20008'],
      ['$cram-md5', '{{$cram-md5 user password}}', '20009'],
      ['$xoauth2', '{{$xoauth2 user token}}', '20010'],
      ['$date', '{{$date}}', '20011'],
      ['$message-id', '{{$message-id}}', '20012'],
      ['$uuid', '{{$uuid}}', '20013'],
      ['$boundary', '{{$boundary N}}', '20014'],
      ['$capture', '{{$capture name}}', '20015'],
      ['$cr', '{{$cr}}', '20016'],
      ['$lf', '{{$lf}}', '20017'],
    ]);
    // Only what is in scope: another session's variables are not.
    assert.deepEqual(labels('### a\n@mine = 1\n### b\nC: EHLO {{|').filter((l) => !l.startsWith('$')), []);
  });

  test('built-ins after `{{$` with their signatures as snippets', () => {
    assert.deepEqual(item('C: AUTH PLAIN {{$p|', '$plain'), {
      label: '$plain',
      kind: 3,
      detail: '{{$plain user password}}',
      documentation: {
        kind: 'markdown',
        value: '```smtp\n{{$plain user password}}\n```\n\nThe AUTH PLAIN response: base64 of NUL user NUL password (RFC 4616 §2).',
      },
      sortText: '00002',
      insertTextFormat: 2,
      textEdit: { range: { start: { line: 0, character: 16 }, end: { line: 0, character: 18 } }, newText: '\\$plain ${1:user} ${2:password}}}' },
    });
    assert.deepEqual(labels('C: EHLO \\{{|'), []);
  });
});

describe('suppression comments', () => {
  // Parse errors are not offered: no comment silences them. Parse warnings are.
  const parseErrors = ['not-a-transcript', 'unknown-line', 'reply-code-expected', 'reply-without-command', 'invalid-reference'];
  const ids = allRules().map((rule) => rule.id).filter((id) => !parseErrors.includes(id) && !isParseError(id));

  test('the keyword after `#`, inserted with a space so the rule ids follow', () => {
    assert.deepEqual(item('# smtp-l|', 'smtp-lint-disable-next-line'), {
      label: 'smtp-lint-disable-next-line',
      kind: 14,
      detail: 'silence lint rules on the next line',
      documentation: {
        kind: 'markdown',
        value: [
          '**smtp-lint-disable-next-line** *rule-id* [*rule-id*...] silences the named lint rules on the next line that is not a comment; without ids, every rule.',
          'Ids are separated by spaces or commas: `# smtp-lint-disable-next-line extension-not-advertised, mail-before-helo`. The list of rules: `smtp-transcript lint --list-rules` or docs/lint-rules.md.',
        ].join('\n\n'),
      },
      sortText: '00000',
      insertTextFormat: 2,
      textEdit: { range: { start: { line: 0, character: 2 }, end: { line: 0, character: 8 } }, newText: 'smtp-lint-disable-next-line ' },
      command: { title: 'Suggest', command: 'editor.action.triggerSuggest' },
    });
    assert.deepEqual(labels('# a note about |'), []);
  });

  test('every rule id after the keyword, each documented with its description, severity and RFC', () => {
    assert.deepEqual(labels('# smtp-lint-disable-next-line |'), ids);
    const offered = labels('# smtp-lint-disable-next-line |');
    assert.deepEqual(parseErrors.filter((id) => offered.includes(id)), []);
    assert.ok(offered.includes('data-reply-missing') && offered.includes('mail-before-helo'));
    assert.deepEqual(item('C: EHLO x\n# smtp-lint-disable-next-line mail-b|', 'mail-before-helo'), {
      label: 'mail-before-helo',
      kind: 20,
      detail: 'warning · RFC 5321 §4.1.4',
      documentation: {
        kind: 'markdown',
        value: [
          '**mail-before-helo** · default severity: warning',
          'MAIL sent before a successful EHLO or HELO (many servers refuse it with 503).',
          '[RFC 5321 §4.1.4](https://www.rfc-editor.org/rfc/rfc5321#section-4.1.4)',
        ].join('\n\n'),
      },
      sortText: `0${String(ids.indexOf('mail-before-helo')).padStart(4, '0')}`,
      insertTextFormat: 2,
      textEdit: { range: { start: { line: 1, character: 30 }, end: { line: 1, character: 36 } }, newText: 'mail-before-helo' },
    });
  });

  test('after a comma or a space, more ids: the ones already named are left out', () => {
    const named = ['extension-not-advertised', 'mail-before-helo'];
    const others = ids.filter((id) => !named.includes(id));
    assert.deepEqual(labels('# smtp-lint-disable-next-line extension-not-advertised, mail-before-helo |'), others);
    // On a named id: that one is offered again (it is the word replaced), the others named are not.
    assert.deepEqual(labels('# smtp-lint-disable-next-line extension-not-advertised,|mail-before-helo'), ids.filter((id) => id !== 'extension-not-advertised'));
    assert.deepEqual(item('# smtp-lint-disable-next-line data-unterminated,|', 'env-unset')?.textEdit, {
      range: { start: { line: 0, character: 48 }, end: { line: 0, character: 48 } },
      newText: 'env-unset',
    });
    // Right after the keyword it is still the word being written.
    assert.deepEqual(labels('# smtp-lint-disable-next-line|'), ['smtp-lint-disable-next-line']);
  });
});
