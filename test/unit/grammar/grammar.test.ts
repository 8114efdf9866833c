import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTokens } from './smtpTokenizer';
import {
  ADDRESS,
  ADDRESS_CLOSE,
  ADDRESS_OPEN,
  BODY,
  BUILTIN,
  C,
  CLOSE,
  CONTENT_C,
  CONTINUATION,
  END_OF_DATA,
  ENHANCED_PERMANENT,
  ENHANCED_SUCCESS,
  ENHANCED_TRANSIENT,
  ENHANCED_UNCLASSED,
  ESCAPE,
  HEADER_COLON,
  HEADER_NAME,
  HEADER_VALUE,
  INTERMEDIATE,
  OPEN,
  PERMANENT,
  S,
  SUCCESS,
  TRANSIENT,
  UNCLASSED,
  VARIABLE,
  VERB,
  WILDCARD,
} from './scopeNames';

const DOMAIN = 'string.unquoted.domain.smtp';

describe('smtp grammar', () => {
  test('the classic transcript of docs/transcript-format.md, every line', async () => {
    const text = [
      'S: 220 www.example.com ESMTP Postfix',
      'C: HELO mydomain.com',
      'S: 250 Hello mydomain.com',
      'C: MAIL FROM: <sender@mydomain.com>',
      'S: 250 Ok',
      'C: RCPT TO: <friend@example.com>',
      'S: 250 Ok',
      'C: DATA',
      'S: 354 End data with <CR><LF>.<CR><LF>',
      'C: Subject: test message',
      'C: From:""< sender@mydomain.com>',
      'C: To:""< friend@example.com>',
      'C:',
      'C: Hello,',
      'C: This is a test.',
      'C: Goodbye.',
      'C: .',
      'S: 250 Ok: queued as 12345',
      'C: quit',
      'S: 221 Bye',
    ].join('\n');
    assert.deepEqual(await renderTokens(text), [
      [S, `220 => ${SUCCESS}`, 'www.example.com ESMTP Postfix'],
      [C, `HELO => ${VERB}`, `mydomain.com => ${DOMAIN}`],
      [S, `250 => ${SUCCESS}`, 'Hello mydomain.com'],
      [C, `MAIL => ${VERB}`, 'FROM: => keyword.other.from.smtp', `< => ${ADDRESS_OPEN}`, `sender@mydomain.com => ${ADDRESS}`, `> => ${ADDRESS_CLOSE}`],
      [S, `250 => ${SUCCESS}`, 'Ok'],
      [C, `RCPT => ${VERB}`, 'TO: => keyword.other.to.smtp', `< => ${ADDRESS_OPEN}`, `friend@example.com => ${ADDRESS}`, `> => ${ADDRESS_CLOSE}`],
      [S, `250 => ${SUCCESS}`, 'Ok'],
      [C, `DATA => ${VERB}`],
      [S, `354 => ${INTERMEDIATE}`, 'End data with <CR><LF>.<CR><LF>'],
      [CONTENT_C, `Subject => ${HEADER_NAME}`, `: => ${HEADER_COLON}`, `test message => ${HEADER_VALUE}`],
      [CONTENT_C, `From => ${HEADER_NAME}`, `: => ${HEADER_COLON}`, `""< sender@mydomain.com> => ${HEADER_VALUE}`],
      [CONTENT_C, `To => ${HEADER_NAME}`, `: => ${HEADER_COLON}`, `""< friend@example.com> => ${HEADER_VALUE}`],
      [CONTENT_C],
      [CONTENT_C, `Hello, => ${BODY}`],
      [CONTENT_C, `This is a test. => ${BODY}`],
      [CONTENT_C, `Goodbye. => ${BODY}`],
      [C, END_OF_DATA],
      [S, `250 => ${SUCCESS}`, 'Ok: queued as 12345'],
      [C, `quit => ${VERB}`],
      [S, `221 => ${SUCCESS}`, 'Bye'],
    ]);
  });

  test('reply codes: one scope per class (RFC 5321 §4.2.1), `x` wildcards, the continuation mark', async () => {
    const text = ['S: 250-PIPELINING', 'S: 354 Go ahead', 'S: 451 Try later', 'S: 550', 's: 2xx', 'S: 25x ok', 'S: x50 ok', 'S: 199 odd', 'S: 2500', 'S: hello'];
    assert.deepEqual(await renderTokens(text.join('\n')), [
      [S, `250 => ${SUCCESS}`, `- => ${CONTINUATION}`, 'PIPELINING'],
      [S, `354 => ${INTERMEDIATE}`, 'Go ahead'],
      [S, `451 => ${TRANSIENT}`, 'Try later'],
      [S, `550 => ${PERMANENT}`],
      ['s: => keyword.other.prefix.server.smtp', `2xx => ${SUCCESS}`],
      [S, `25x => ${SUCCESS}`, 'ok'],
      [S, `x50 => ${UNCLASSED}`, 'ok'],
      [S, `199 => ${UNCLASSED}`, 'odd'],
      [S, '2500'],
      [S, 'hello'],
    ]);
  });

  test('enhanced status codes take the colour of their class (RFC 3463 §2)', async () => {
    const text = ['S: 250 2.1.0 Ok', 'S: 250-2.1.5 Ok', 'S: 451 4.7.1 Greylisted', 'S: 550 5.1.x *', 'S: 250 x.x.x', 'S: 354 3.0.0 no such class', 'S: 550 5.1.1000 too long'];
    assert.deepEqual(await renderTokens(text.join('\n')), [
      [S, `250 => ${SUCCESS}`, `2.1.0 => ${ENHANCED_SUCCESS}`, 'Ok'],
      [S, `250 => ${SUCCESS}`, `- => ${CONTINUATION}`, `2.1.5 => ${ENHANCED_SUCCESS}`, 'Ok'],
      [S, `451 => ${TRANSIENT}`, `4.7.1 => ${ENHANCED_TRANSIENT}`, 'Greylisted'],
      [S, `550 => ${PERMANENT}`, `5.1.x => ${ENHANCED_PERMANENT}`, `* => ${WILDCARD}`],
      [S, `250 => ${SUCCESS}`, `x.x.x => ${ENHANCED_UNCLASSED}`],
      [S, `354 => ${INTERMEDIATE}`, '3.0.0 no such class'],
      [S, `550 => ${PERMANENT}`, '5.1.1000 too long'],
    ]);
  });

  test('expectation text: wildcards, escaped stars, /regex/flags, `...` and `<closed>`', async () => {
    const text = ['S: 250 Ok: queued as *', 'S: 250 a \\* star', 'S: 250 2.0.0 /^queued as [A-F0-9]+$/i', 'S: 250 not /a regex/ here', 'S: ...', 'S: <closed>'];
    const REGEX = 'string.regexp.smtp';
    assert.deepEqual(await renderTokens(text.join('\n')), [
      [S, `250 => ${SUCCESS}`, 'Ok: queued as', `* => ${WILDCARD}`],
      [S, `250 => ${SUCCESS}`, 'a', `\\* => ${ESCAPE}`, 'star'],
      [
        S,
        `250 => ${SUCCESS}`,
        `2.0.0 => ${ENHANCED_SUCCESS}`,
        `/ => ${REGEX} punctuation.definition.string.begin.smtp`,
        `^queued as [A-F0-9]+$ => ${REGEX}`,
        `/ => ${REGEX} punctuation.definition.string.end.smtp`,
        `i => ${REGEX} keyword.other.regexp-flags.smtp`,
      ],
      [S, `250 => ${SUCCESS}`, 'not /a regex/ here'],
      [S, '... => constant.language.ellipsis.smtp'],
      [S, '<closed> => constant.language.closed.smtp'],
    ]);
  });

  test('the scripted server\'s markers: `<delay 2s>`, `<cut 10>`, `<reset>`; an unknown one is plain text', async () => {
    const text = ['S: <delay 2s>', 'S: <cut 10>', 'S: <reset>', 'S: <later>'];
    const FAULT = 'constant.language.fault.smtp';
    assert.deepEqual(await renderTokens(text.join('\n')), [
      [S, `<delay => ${FAULT}`, `2s => constant.numeric.fault-argument.smtp`, `> => ${FAULT}`],
      [S, `<cut => ${FAULT}`, `10 => constant.numeric.fault-argument.smtp`, `> => ${FAULT}`],
      [S, `<reset> => ${FAULT}`],
      [S, '<later>'],
    ]);
  });

  test('variables, built-ins with nested references, `$env` names, escapes', async () => {
    const text = [
      'C: MAIL FROM:<{{ sender }}>',
      'C: AUTH PLAIN {{$base64 \\0{{user}}\\0{{password}}}}',
      'S: 250 {{$env GREETING}} \\{{not a variable}}',
      'C: {{$env UNCLOSED',
      'C: NOOP',
    ];
    const RESPONSE = 'string.unquoted.initial-response.smtp';
    assert.deepEqual(await renderTokens(text.join('\n')), [
      [C, `MAIL => ${VERB}`, 'FROM: => keyword.other.from.smtp', `< => ${ADDRESS_OPEN}`, `{{ => ${ADDRESS} ${OPEN}`, `sender => ${ADDRESS} ${VARIABLE}`, `}} => ${ADDRESS} ${CLOSE}`, `> => ${ADDRESS_CLOSE}`],
      [
        C,
        `AUTH => ${VERB}`,
        'PLAIN => constant.language.sasl-mechanism.smtp',
        `{{ => ${RESPONSE} ${OPEN}`,
        `$base64 => ${RESPONSE} ${BUILTIN}`,
        `\\0 => ${RESPONSE} ${ESCAPE}`,
        `{{ => ${RESPONSE} ${OPEN}`,
        `user => ${RESPONSE} ${VARIABLE}`,
        `}} => ${RESPONSE} ${CLOSE}`,
        `\\0 => ${RESPONSE} ${ESCAPE}`,
        `{{ => ${RESPONSE} ${OPEN}`,
        `password => ${RESPONSE} ${VARIABLE}`,
        `}}}} => ${RESPONSE} ${CLOSE}`,
      ],
      [S, `250 => ${SUCCESS}`, `{{ => ${OPEN}`, `$env => ${BUILTIN}`, 'GREETING => variable.other.environment.smtp', `}} => ${CLOSE}`, `\\{{ => ${ESCAPE}`, 'not a variable}}'],
      [C, `{{ => ${OPEN}`, `$env => ${BUILTIN}`, 'UNCLOSED => variable.other.environment.smtp'],
      [C, `NOOP => ${VERB}`],
    ]);
  });

  test('directives: settings, variables, values with references, a missing `=`', async () => {
    const text = ['@server = 127.0.0.1', '@tls-servername=mx.example.com', '@password = {{$env SMTP_PASSWORD}}', '@user.name = {{user}}', '@port 25'];
    const AT = '@ => punctuation.definition.variable.smtp';
    const SETTING = 'variable.language.setting.smtp';
    const DEFINITION = 'variable.other.definition.smtp';
    const ASSIGN = '= => keyword.operator.assignment.smtp';
    const VALUE = 'string.unquoted.value.smtp';
    assert.deepEqual(await renderTokens(text.join('\n')), [
      [AT, `server => ${SETTING}`, ASSIGN, `127.0.0.1 => ${VALUE}`],
      [AT, `tls-servername => ${SETTING}`, ASSIGN, `mx.example.com => ${VALUE}`],
      [AT, `password => ${DEFINITION}`, ASSIGN, `{{ => ${VALUE} ${OPEN}`, `$env => ${VALUE} ${BUILTIN}`, `SMTP_PASSWORD => ${VALUE} variable.other.environment.smtp`, `}} => ${VALUE} ${CLOSE}`],
      [AT, `user.name => ${DEFINITION}`, ASSIGN, `{{ => ${VALUE} ${OPEN}`, `user => ${VALUE} ${VARIABLE}`, `}} => ${VALUE} ${CLOSE}`],
      [AT, `port => ${DEFINITION}`, '25'],
    ]);
  });

  test('session separators, comments and lint suppressions', async () => {
    const text = ['###', '### STARTTLS and AUTH', '#### extra hashes', '# a comment', '## still a comment', '# smtp-lint-disable-next-line reply-unterminated, data/unknown'];
    const HEADING = 'markup.heading.session.smtp';
    const HASHES = `${HEADING} punctuation.definition.heading.smtp`;
    const NAME = `${HEADING} entity.name.section.smtp`;
    const COMMENT = 'comment.line.number-sign.smtp';
    const HASH = `# => ${COMMENT} punctuation.definition.comment.smtp`;
    assert.deepEqual(await renderTokens(text.join('\n')), [
      [`### => ${HASHES}`],
      [`### => ${HASHES}`, `STARTTLS and AUTH => ${NAME}`],
      [`#### => ${HASHES}`, `extra hashes => ${NAME}`],
      [HASH, `a comment => ${COMMENT}`],
      [HASH, `# still a comment => ${COMMENT}`],
      [
        HASH,
        `smtp-lint-disable-next-line => ${COMMENT} keyword.other.lint-directive.smtp`,
        `reply-unterminated => ${COMMENT} constant.other.rule-id.smtp`,
        `, => ${COMMENT}`,
        `data/unknown => ${COMMENT} constant.other.rule-id.smtp`,
      ],
    ]);
  });

  test('client commands: arguments, ESMTP parameters, BDAT, markers, unknown verbs', async () => {
    const text = [
      'c: ehlo [127.0.0.1]',
      'C: MAIL FROM:<> SIZE=1000 BODY=8BITMIME SMTPUTF8',
      'C: RCPT TO:<b@example.com> NOTIFY=SUCCESS,FAILURE',
      'C: AUTH LOGIN',
      'C: dXNlcg==',
      'C: BDAT 40 LAST',
      'C: BDAT *',
      'C: VRFY postmaster',
      'C: XCLIENT NAME=client.test',
      'C: XYZZY NAME=client.test',
      'C: <close>',
      'C: *',
    ];
    const PARAMETER = 'variable.parameter.esmtp.smtp';
    const ASSIGN = '= => keyword.operator.assignment.smtp';
    assert.deepEqual(await renderTokens(text.join('\n')), [
      ['c: => keyword.other.prefix.client.smtp', `ehlo => ${VERB}`, `[127.0.0.1] => ${DOMAIN}`],
      [C, `MAIL => ${VERB}`, 'FROM: => keyword.other.from.smtp', `< => ${ADDRESS_OPEN}`, `> => ${ADDRESS_CLOSE}`, `SIZE => ${PARAMETER}`, ASSIGN, '1000 => constant.numeric.decimal.smtp', `BODY => ${PARAMETER}`, ASSIGN, '8BITMIME => constant.other.parameter-value.smtp', `SMTPUTF8 => ${PARAMETER}`],
      [C, `RCPT => ${VERB}`, 'TO: => keyword.other.to.smtp', `< => ${ADDRESS_OPEN}`, `b@example.com => ${ADDRESS}`, `> => ${ADDRESS_CLOSE}`, `NOTIFY => ${PARAMETER}`, ASSIGN, 'SUCCESS,FAILURE => constant.other.parameter-value.smtp'],
      [C, `AUTH => ${VERB}`, 'LOGIN => constant.language.sasl-mechanism.smtp'],
      [C, 'dXNlcg=='],
      [C, `BDAT => ${VERB}`, '40 => constant.numeric.decimal.smtp', 'LAST => constant.language.last.smtp'],
      [C, `BDAT => ${VERB}`, '* => constant.language.auto-size.smtp'],
      [C, `VRFY => ${VERB}`, 'postmaster => string.unquoted.argument.smtp'],
      [C, `XCLIENT => ${VERB}`, 'NAME=client.test => string.unquoted.argument.smtp'],
      [C, 'XYZZY NAME=client.test'],
      [C, '<close> => constant.language.close.smtp'],
      [C, '* => constant.language.cancel.smtp'],
    ]);
  });

  test('BDAT chunk lines are ordinary client lines; an include names its file', async () => {
    const text = ['C: BDAT 23 LAST', 'C: Subject: chunked', 'C:', '< ./messages/{{name}}.eml'];
    const PATH = 'string.unquoted.path.smtp';
    assert.deepEqual(await renderTokens(text.join('\n')), [
      [C, `BDAT => ${VERB}`, '23 => constant.numeric.decimal.smtp', 'LAST => constant.language.last.smtp'],
      [C, 'Subject: chunked'],
      [C],
      ['< => keyword.control.import.smtp', `./messages/ => ${PATH}`, `{{ => ${PATH} ${OPEN}`, `name => ${PATH} ${VARIABLE}`, `}} => ${PATH} ${CLOSE}`, `.eml => ${PATH}`],
    ]);
  });
});

test('a MIME include in message content: the form as a keyword, the media type, then the path', async () => {
  const M = 'meta.message.smtp';
  const PATH = `${M} string.unquoted.path.smtp`;
  const IMPORT = `${M} keyword.control.import.smtp`;
  assert.deepEqual(await renderTokens(['C: DATA', 'S: 354 go', '< attach application/pdf ./report.pdf', '< base64 ./logo.png'].join('\n')).then((rows) => rows.slice(2)), [
    [`< => ${IMPORT}`, `attach => ${IMPORT}`, `application/pdf => ${M} support.type.media-type.smtp`, `./report.pdf => ${PATH}`],
    [`< => ${IMPORT}`, `base64 => ${IMPORT}`, `./logo.png => ${PATH}`],
  ]);
});

test('`C: <close>` in message content, in the header section or the body, is marked as the marker it is', async () => {
  const M = 'meta.message.smtp';
  const text = ['C: DATA', 'S: 354 go', 'C: <close>', '###', 'C: DATA', 'S: 354 go', 'C: Subject: half', 'C:', 'C: body', 'C: <close>'];
  const rows = await renderTokens(text.join('\n'));
  assert.deepEqual([rows[2], rows[9]], [
    [CONTENT_C, `<close> => ${M} constant.language.close.smtp`],
    [CONTENT_C, `<close> => ${M} constant.language.close.smtp`],
  ]);
});
