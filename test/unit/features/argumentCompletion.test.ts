import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { details, EHLO_REPLY, item, labels } from './completionHelpers';

describe('command arguments', () => {
  /** A submission session as servers record it: AUTH and DSN advertised again after STARTTLS. */
  const SUBMISSION = [
    'S: 220 mx.test ESMTP',
    'C: EHLO client.test',
    'S: 250-mx.test',
    'S: 250-PIPELINING',
    'S: 250-STARTTLS',
    'S: 250 8BITMIME',
    'C: STARTTLS',
    'S: 220 2.0.0 Ready to start TLS',
    'C: EHLO client.test',
    'S: 250-mx.test',
    'S: 250-SIZE 10240000',
    'S: 250-AUTH CRAM-MD5 LOGIN PLAIN',
    'S: 250-DSN',
    'S: 250 8BITMIME',
  ];

  test('MAIL and RCPT parameters the EHLO reply advertised, and their values', () => {
    assert.deepEqual(labels([...EHLO_REPLY, 'C: MAIL FROM:<a@x> |'].join('\n')), ['SIZE=', 'BODY=', 'RET=', 'ENVID=', 'AUTH=']);
    assert.deepEqual(labels([...EHLO_REPLY, 'C: MAIL FROM:<a@x>', 'S: 250 ok', 'C: RCPT TO:<b@x> |'].join('\n')), ['NOTIFY=', 'ORCPT=']);
    assert.deepEqual(labels([...EHLO_REPLY, 'C: MAIL FROM:<a@x> BODY=8|'].join('\n')), ['7BIT', '8BITMIME']);
    assert.deepEqual(item([...EHLO_REPLY, 'C: MAIL FROM:<a@x> BODY=8|'].join('\n'), '8BITMIME')?.textEdit, {
      range: { start: { line: 8, character: 24 }, end: { line: 8, character: 25 } },
      newText: '8BITMIME',
    });
    // Before the path, the path itself (see 'the path of MAIL and RCPT'): here only the null reverse-path.
    assert.deepEqual(labels([...EHLO_REPLY, 'C: MAIL FROM:|'].join('\n')), ['<>']);
  });

  test('only what the EHLO reply in force advertised: DSN parameters with DSN, SMTPUTF8 with SMTPUTF8', () => {
    const smtputf8 = ['S: 220 mx', 'C: EHLO x', 'S: 250-mx', 'S: 250-SMTPUTF8', 'S: 250 8BITMIME'];
    assert.deepEqual(details([...smtputf8, 'C: MAIL FROM:<a@x> |'].join('\n')), [
      ['BODY=', 'advertised: 8BITMIME', '00000'],
      ['SMTPUTF8', 'advertised: SMTPUTF8', '00001'],
    ]);
    assert.deepEqual(labels([...smtputf8, 'C: MAIL FROM:<a@x>', 'S: 250 ok', 'C: RCPT TO:<b@x> |'].join('\n')), []);
    // After STARTTLS the EHLO written then is the one in force.
    assert.deepEqual(labels([...SUBMISSION, 'C: MAIL FROM:<a@x> |'].join('\n')), ['SIZE=', 'BODY=', 'RET=', 'ENVID=', 'AUTH=']);
    assert.deepEqual(labels([...SUBMISSION, 'C: MAIL FROM:<a@x>', 'S: 250 ok', 'C: RCPT TO:<b@x> |'].join('\n')), ['NOTIFY=', 'ORCPT=']);
  });

  test('a parameter already written is not offered again; BODY=BINARYMIME needs BINARYMIME and CHUNKING', () => {
    assert.deepEqual(labels([...EHLO_REPLY, 'C: MAIL FROM:<a@x> SIZE=100 RET=HDRS |'].join('\n')), ['BODY=', 'ENVID=', 'AUTH=']);
    // On a written keyword, it is offered again, and only the keyword is replaced.
    assert.deepEqual(labels([...EHLO_REPLY, 'C: MAIL FROM:<a@x> SI|ZE=100'].join('\n')), ['SIZE', 'BODY', 'RET', 'ENVID', 'AUTH']);
    assert.deepEqual(item([...EHLO_REPLY, 'C: MAIL FROM:<a@x> SI|ZE=100'].join('\n'), 'SIZE')?.textEdit, {
      range: { start: { line: 8, character: 19 }, end: { line: 8, character: 23 } },
      newText: 'SIZE',
    });
    const binary = ['S: 220 mx', 'C: EHLO x', 'S: 250-mx', 'S: 250-BINARYMIME', 'S: 250 CHUNKING'];
    // RFC 3030 §3: BINARYMIME defines BODY= on its own; BODY=8BITMIME still needs 8BITMIME.
    assert.deepEqual(details([...binary, 'C: MAIL FROM:<a@x> |'].join('\n')), [['BODY=', 'advertised: BINARYMIME', '00000']]);
    assert.deepEqual(details([...binary, 'C: MAIL FROM:<a@x> BODY=|'].join('\n')), [
      ['7BIT', 'BODY=7BIT', '00000'],
      ['BINARYMIME', 'BODY=BINARYMIME · needs BINARYMIME and CHUNKING', '00001'],
    ]);
    assert.deepEqual(labels([...EHLO_REPLY, 'C: MAIL FROM:<a@x> BODY=|'].join('\n')), ['7BIT', '8BITMIME']);
  });

  test('without a recorded EHLO reply every known parameter is offered, marked as not advertised', () => {
    assert.deepEqual(details('C: EHLO x\nS: 250 mx\nC: MAIL FROM:<a@x> |').slice(0, 3), [
      ['SIZE=', 'not advertised (no EHLO reply recorded) · needs SIZE', '10000'],
      ['BODY=', 'not advertised (no EHLO reply recorded) · needs 8BITMIME', '10001'],
      ['SMTPUTF8', 'not advertised (no EHLO reply recorded) · needs SMTPUTF8', '10002'],
    ]);
    assert.equal(labels('C: EHLO x\nS: 250 mx\nC: MAIL FROM:<a@x> |').length, 12);
    assert.equal(labels('C: EHLO x\nS: 250-*\nS: 250 *\nC: MAIL FROM:<a@x> |').length, 12);
  });

  test('AUTH mechanisms: only the advertised ones, in the order the server lists them, also after STARTTLS', () => {
    assert.deepEqual(labels([...EHLO_REPLY, 'C: AUTH |'].join('\n')), ['PLAIN', 'LOGIN']);
    assert.deepEqual(details([...SUBMISSION, 'C: AUTH |'].join('\n')), [
      ['CRAM-MD5', 'advertised by the EHLO reply', '00000'],
      ['LOGIN', 'advertised by the EHLO reply', '00001'],
      ['PLAIN', 'advertised by the EHLO reply', '00002'],
    ]);
    assert.deepEqual(item([...SUBMISSION, 'C: AUTH L|'].join('\n'), 'LOGIN')?.textEdit, {
      range: { start: { line: 14, character: 8 }, end: { line: 14, character: 9 } },
      newText: 'LOGIN',
    });
    assert.deepEqual(labels([...SUBMISSION, 'C: AUTH PLAIN |'].join('\n')), []);
  });

  test('a half-typed `C:` line above (which shifts the pairing of replies) does not hide the EHLO reply', () => {
    // The empty `C:` line takes the 220, STARTTLS the EHLO reply, and the second EHLO no reply at all.
    const shifted = [...SUBMISSION.slice(0, 6), 'C: ', ...SUBMISSION.slice(6)];
    assert.deepEqual(labels([...shifted, 'C: AUTH |'].join('\n')), ['CRAM-MD5', 'LOGIN', 'PLAIN']);
    assert.deepEqual(labels([...shifted, 'C: MAIL FROM:<a@x> |'].join('\n')), ['SIZE=', 'BODY=', 'RET=', 'ENVID=', 'AUTH=']);
  });

  test('with a wildcard EHLO reply after STARTTLS, what was advertised before it ranks first', () => {
    const before = [...SUBMISSION.slice(0, 2), 'S: 250-mx.test', 'S: 250-STARTTLS', 'S: 250 AUTH PLAIN LOGIN', ...SUBMISSION.slice(6, 9)];
    const items = details([...before, 'S: 250-*', 'S: 250 *', 'C: AUTH |'].join('\n'));
    assert.deepEqual(items.slice(0, 3), [
      ['PLAIN', 'advertised before STARTTLS (line 2)', '00000'],
      ['LOGIN', 'advertised before STARTTLS (line 2)', '00001'],
      ['SCRAM-SHA-1', 'not advertised before STARTTLS · SASL COMMON', '10002'],
    ]);
    assert.equal(items.length, 13);
    assert.deepEqual(
      details([...before, 'S: 250-*', 'S: 250 *', 'C: MAIL FROM:<a@x> |'].join('\n')).slice(0, 2),
      [
        ['AUTH=', 'advertised before STARTTLS (line 2): AUTH', '00000'],
        ['SIZE=', 'not advertised before STARTTLS · needs SIZE', '10001'],
      ],
    );
  });

  test('AUTH mechanisms without a recorded EHLO reply: the registry, common ones first, marked as not advertised', () => {
    assert.deepEqual(labels('C: EHLO x\nS: 250 mx\nC: AUTH |'), [
      'PLAIN',
      'SCRAM-SHA-1',
      'SCRAM-SHA-1-PLUS',
      'SCRAM-SHA-256',
      'SCRAM-SHA-256-PLUS',
      'OAUTHBEARER',
      'EXTERNAL',
      'ANONYMOUS',
      'GSSAPI',
      'CRAM-MD5',
      'LOGIN',
      'DIGEST-MD5',
      'XOAUTH2',
    ]);
    assert.deepEqual(item('C: EHLO x\nS: 250 mx\nC: AUTH |', 'LOGIN')?.detail, 'not advertised (no EHLO reply recorded) · SASL OBSOLETE');
  });

  test('a refused EHLO changes nothing: the reply before it stays in force', () => {
    const refused = [...EHLO_REPLY, 'C: EHLO again', 'S: 503 5.5.1 no', 'C: AUTH |'];
    assert.deepEqual(labels(refused.join('\n')), ['PLAIN', 'LOGIN']);
  });

  test('an AUTH response line offers the built-ins that compute credentials, and `*`', () => {
    assert.deepEqual(labels('C: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: |'), [
      '{{$base64 {{user}}}}',
      '{{$plain {{user}} {{password}}}}',
      '{{$cram-md5 {{user}} {{password}}}}',
      '{{$xoauth2 {{user}} {{token}}}}',
      '*',
    ]);
  });
});

describe('BDAT', () => {
  const DOCUMENTATION = {
    kind: 'markdown',
    value: [
      '**BDAT** *octets* [**LAST**] sends the next chunk of the message: exactly *octets* octets follow the command, and `LAST` marks the final chunk (RFC 3030 §2).',
      'Each `C:` line of the chunk counts its text plus CRLF. `BDAT * LAST` has replay count the chunk (with includes and variables substituted); such a chunk runs to the next `S:` line.',
    ].join('\n\n'),
  };

  test('the size of the chunk written below, counted with CRLFs, then `*` to count at replay', () => {
    const text = 'S: 220 mx\nC: BDAT |\nC: Subject: chunked\nC:\nC: Hello, BDAT.\nS: 250 ok';
    assert.deepEqual(details(text), [
      ['34 LAST', 'the 3 chunk lines below: 34 octets', '00000'],
      ['* LAST', 'counted at replay', '10001'],
    ]);
    assert.deepEqual(item(text, '34 LAST'), {
      label: '34 LAST',
      kind: 12,
      detail: 'the 3 chunk lines below: 34 octets',
      documentation: DOCUMENTATION,
      sortText: '00000',
      insertTextFormat: 2,
      textEdit: { range: { start: { line: 1, character: 8 }, end: { line: 1, character: 8 } }, newText: '${1:34} LAST' },
    });
  });

  test('the whole argument is replaced; UTF-8 counts octets; a chunk followed by another BDAT is not the last', () => {
    assert.deepEqual(item('C: BDAT 9|9 LAST\nC: é\nS: 250 ok', '4 LAST')?.textEdit, {
      range: { start: { line: 0, character: 8 }, end: { line: 0, character: 15 } },
      newText: '${1:4} LAST',
    });
    assert.deepEqual(labels('C: BDAT |\nC: abc\nC: BDAT 3 LAST\nC: def\nS: 250 a\nS: 250 b'), ['5', '*']);
  });

  test('with an include or a reference the count is only known at replay: `*` first', () => {
    assert.deepEqual(details('C: BDAT |\n< ./message.eml\nS: 250 ok'), [
      ['* LAST', 'counted at replay (the chunk has an include)', '00001'],
      ['octets LAST', 'the chunk size in octets', '10000'],
    ]);
    assert.deepEqual(details('C: BDAT |\nC: Date: {{$date}}\nS: 250 ok')[0], ['* LAST', 'counted at replay (the chunk has a {{...}} reference)', '00001']);
  });

  test('nothing written below yet: a placeholder for the size; `LAST` after a size', () => {
    assert.deepEqual(item('S: 220 mx\nC: BDAT |', 'octets LAST')?.textEdit?.newText, '${1:octets} LAST');
    assert.deepEqual(labels('C: BDAT 12 |'), ['LAST']);
    assert.deepEqual(labels('C: BDAT x |'), []);
  });
});

describe('LIMITS and REQUIRETLS in completion', () => {
  test('LIMITS and REQUIRETLS are EHLO keywords an expected reply can list', () => {
    const offered = labels('C: EHLO x\nS: 250-mx\nS: 250-|');
    assert.deepEqual(['LIMITS', 'REQUIRETLS'].map((k) => offered.includes(k)), [true, true]);
  });
  test('after LIMITS in an EHLO reply: the limit names not given yet (RFC 9422 §4)', () => {
    assert.deepEqual(details('C: EHLO x\nS: 250-mx\nS: 250-LIMITS |'), [
      ['MAILMAX=', 'mail transactions (MAIL commands) in the session', '00000'],
      ['RCPTMAX=', 'RCPT commands in one transaction', '00001'],
      ['RCPTDOMAINMAX=', 'recipient domains in one transaction', '00002'],
    ]);
    assert.deepEqual(labels('C: EHLO x\nS: 250-mx\nS: 250 LIMITS MAILMAX=10 R|'), ['RCPTMAX=', 'RCPTDOMAINMAX=']);
    assert.deepEqual(item('C: EHLO x\nS: 250-mx\nS: 250 LIMITS MAILMAX=10 R|', 'RCPTMAX=')?.textEdit, {
      range: { start: { line: 2, character: 25 }, end: { line: 2, character: 26 } },
      newText: 'RCPTMAX=',
    });
    assert.deepEqual(labels('C: MAIL FROM:<a@x>\nS: 250 LIMITS |'), []);
  });
  test('REQUIRETLS is offered on MAIL once the EHLO reply in force advertises it', () => {
    const ehlo = ['S: 220 mx', 'C: EHLO x', 'S: 250-mx', 'S: 250-LIMITS RCPTMAX=10', 'S: 250 REQUIRETLS'];
    assert.deepEqual(details([...ehlo, 'C: MAIL FROM:<a@x> |'].join('\n')), [['REQUIRETLS', 'advertised: REQUIRETLS', '00000']]);
    assert.deepEqual(labels([...ehlo, 'C: MAIL FROM:<a@x> REQUIRETLS |'].join('\n')), []);
  });
});

describe('the path of MAIL and RCPT', () => {
  const FIRST = [...EHLO_REPLY, 'C: MAIL FROM:<alice@client.test>', 'S: 250 ok', 'C: RCPT TO:<bob@mx.test>', 'S: 250 ok', 'C: RCPT TO:<carol@mx.test>', 'S: 250 ok'];
  const withVariables = ['@sender = dave@client.test', '@to = <erin@mx.test>', '@password = p@ss', '@server = 127.0.0.1', ...FIRST];

  test('after `MAIL FROM:` typed by hand: addresses used above, the same verb\'s first, variables, then `<>`', () => {
    assert.deepEqual(details([...withVariables, 'C: MAIL FROM:|'].join('\n')), [
      ['<alice@client.test>', 'sender used on line 13', '00000'],
      ['<carol@mx.test>', 'recipient used on line 17', '10001'],
      ['<bob@mx.test>', 'recipient used on line 15', '10002'],
      ['<{{sender}}>', '@sender = dave@client.test', '20003'],
      ['{{to}}', '@to = <erin@mx.test>', '20004'],
      ['<>', 'null reverse-path', '30005'],
    ]);
    assert.deepEqual(item([...FIRST, 'C: MAIL FROM:|'].join('\n'), '<alice@client.test>')?.textEdit, {
      range: { start: { line: 14, character: 13 }, end: { line: 14, character: 13 } },
      newText: '<alice@client.test>',
    });
  });

  test('Ctrl+Space inside `<>` replaces the whole path; RCPT has no null path', () => {
    const text = [...FIRST, 'C: MAIL FROM:<alice@client.test>', 'S: 250 ok', 'C: RCPT TO:<|>'].join('\n');
    assert.deepEqual(labels(text), ['<carol@mx.test>', '<bob@mx.test>', '<alice@client.test>']);
    assert.deepEqual(item(text, '<bob@mx.test>')?.textEdit, {
      range: { start: { line: 16, character: 11 }, end: { line: 16, character: 13 } },
      newText: '<bob@mx.test>',
    });
  });

  test('before `FROM:` the keyword comes with the path; on the keyword, nothing', () => {
    assert.deepEqual(labels([...FIRST, 'C: MAIL |'].join('\n')), ['FROM:<alice@client.test>', 'FROM:<carol@mx.test>', 'FROM:<bob@mx.test>', 'FROM:<>']);
    assert.deepEqual(labels([...FIRST, 'C: MAIL FR|OM:<a@x>'].join('\n')), []);
  });

  test('right after `>`, the parameters with the space before them', () => {
    const text = [...EHLO_REPLY, 'C: MAIL FROM:<a@x>|'].join('\n');
    assert.deepEqual(labels(text), ['SIZE=', 'BODY=', 'RET=', 'ENVID=', 'AUTH=']);
    assert.deepEqual(item(text, 'SIZE=')?.textEdit, { range: { start: { line: 8, character: 18 }, end: { line: 8, character: 18 } }, newText: ' SIZE=' });
  });
});
