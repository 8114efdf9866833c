// "Copy as command": the exports of the shipped examples, exact (the integration suite runs them for real:
// test/integration/export-run.test.ts), and what a target cannot express, as notes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportSession, type ExportTarget } from '../../../server/src/export';
import { parseTranscript } from '../../../server/src/model';

const REPO = join(__dirname, '../../../..');
const fixed = { now: () => new Date(0), uuid: () => 'u' };

function exported(text: string, target: ExportTarget, options: { fileName?: string; server?: string; ca?: string } = {}): string[] {
  return exportSession(parseTranscript(text), 0, target, { ...fixed, ...options }).split('\n');
}
const example = (path: string) => readFileSync(join(REPO, path), 'utf8');

test('submission.smtp as swaks: STARTTLS verified with the given CA, AUTH PLAIN from $SMTP_PASSWORD, swaks tokens for the date and id', () => {
  assert.deepEqual(exported(example('examples/templates/submission.smtp'), 'swaks', { fileName: 'submission.smtp', server: '127.0.0.1:2525', ca: 'ca.pem' }), [
    '# smtp-transcript export: session 1 of submission.smtp, as swaks',
    'swaks --server 127.0.0.1:2525 --ehlo client.test \\',
    '  --from testuser@client.test --to alice@example.com \\',
    '  --tls --tls-verify --tls-ca-path ca.pem \\',
    '  --auth PLAIN --auth-user testuser --auth-password "$SMTP_PASSWORD" \\',
    '  --data - <<\'EOF\'',
    'From: <testuser@client.test>',
    'To: <alice@example.com>',
    'Subject: Submitted over TLS',
    'Date: %DATE%',
    'Message-ID: <%MESSAGEID%>',
    '',
    'Sent after STARTTLS and AUTH.',
    '.',
    'EOF',
    '',
  ]);
});

test('submission.smtp as Python smtplib, and as openssl s_client -starttls smtp with the AUTH line left as its expression', () => {
  assert.deepEqual(exported(example('examples/templates/submission.smtp'), 'python', { fileName: 'submission.smtp' }), [
    '# smtp-transcript export: session 1 of submission.smtp, as Python smtplib',
    '# note: no @server in the transcript: localhost:25 is assumed',
    'import os',
    'import smtplib',
    'import ssl',
    'from email.utils import formatdate, make_msgid',
    '',
    '# The server\'s certificate is verified against the system CAs; to trust a test server\'s: cafile="ca.pem"',
    'context = ssl.create_default_context()',
    'with smtplib.SMTP("localhost", 25, local_hostname="client.test") as smtp:',
    '    smtp.ehlo()',
    '    smtp.starttls(context=context)',
    '    smtp.ehlo()',
    '    smtp.user, smtp.password = "testuser", os.environ["SMTP_PASSWORD"]',
    '    smtp.auth("PLAIN", smtp.auth_plain)',
    '    message = "\\r\\n".join([',
    '        "From: <testuser@client.test>",',
    '        "To: <alice@example.com>",',
    '        "Subject: Submitted over TLS",',
    '        "Date: " + formatdate(localtime=True),',
    '        "Message-ID: " + make_msgid(),',
    '        "",',
    '        "Sent after STARTTLS and AUTH.",',
    '    ]) + "\\r\\n"',
    '    smtp.sendmail("testuser@client.test", ["alice@example.com"], message.encode())',
    '',
  ]);
  assert.deepEqual(exported(example('examples/templates/submission.smtp'), 'openssl', { fileName: 'submission.smtp', server: 'mail.example.test:587' }), [
    '# smtp-transcript export: session 1 of submission.smtp, as openssl s_client',
    '# to verify a test server\'s certificate, add -CAfile CA.pem',
    'openssl s_client -starttls smtp -connect mail.example.test:587 -crlf -quiet -verify_return_error',
    '# then type each line after the server\'s reply to the one before:',
    'EHLO client.test',
    'AUTH PLAIN {{$plain {{user}} {{$env SMTP_PASSWORD}}}}',
    '# {{$plain ...}} is: printf \'\\0%s\\0%s\' testuser "$SMTP_PASSWORD" | base64 -w0',
    'MAIL FROM:<testuser@client.test>',
    'RCPT TO:<alice@example.com>',
    'DATA',
    'From: <testuser@client.test>',
    'To: <alice@example.com>',
    'Subject: Submitted over TLS',
    'Date: Thu, 1 Jan 1970 00:00:00 +0000',
    'Message-ID: <u@smtp-transcripts.invalid>',
    '',
    'Sent after STARTTLS and AUTH.',
    '.',
    'QUIT',
    '',
  ]);
});

test('plain.smtp as Nodemailer (TLS ignored, as the file never starts it), nc with the wire form, and swaks with the message unstuffed', () => {
  assert.deepEqual(exported(example('examples/plain.smtp'), 'nodemailer', { fileName: 'plain.smtp', server: '127.0.0.1:2525' }), [
    '// smtp-transcript export: session 1 of plain.smtp, as Nodemailer',
    'const { randomUUID } = require(\'node:crypto\');',
    'const fs = require(\'node:fs\');',
    'const nodemailer = require(\'nodemailer\');',
    '',
    'const transport = nodemailer.createTransport({',
    '  host: "127.0.0.1",',
    '  port: 2525,',
    '  secure: false,',
    '  ignoreTLS: true,',
    '  name: "client.test",',
    '});',
    '',
    'async function main() {',
    '  const raw = [',
    '    "From: Sender <sender@client.test>",',
    '    "To: Alice <alice@example.com>",',
    '    "Subject: Hello from a transcript",',
    '    "Date: " + new Date().toUTCString().replace(\'GMT\', \'+0000\'),',
    '    "Message-ID: " + `<${randomUUID()}@smtp-transcripts.invalid>`,',
    '    "",',
    '    "Hello Alice,",',
    '    ".this line starts with a dot, so it is sent stuffed (RFC 5321 section 4.5.2).",',
    '    "Bye.",',
    '  ].join(\'\\r\\n\') + \'\\r\\n\';',
    '  const info = await transport.sendMail({ envelope: { from: "sender@client.test", to: ["alice@example.com"] }, raw });',
    '  console.log(info.response);',
    '}',
    '',
    'main().catch((error) => {',
    '  console.error(error.message);',
    '  process.exitCode = 1;',
    '});',
    '',
  ]);
  assert.deepEqual(exported(example('examples/plain.smtp'), 'openssl', { fileName: 'plain.smtp', server: '127.0.0.1:2525' }), [
    '# smtp-transcript export: session 1 of plain.smtp, as nc',
    'nc -C 127.0.0.1 2525',
    '# then type each line after the server\'s reply to the one before:',
    'EHLO client.test',
    'MAIL FROM:<sender@client.test>',
    'RCPT TO:<alice@example.com>',
    'DATA',
    'From: Sender <sender@client.test>',
    'To: Alice <alice@example.com>',
    'Subject: Hello from a transcript',
    'Date: Thu, 1 Jan 1970 00:00:00 +0000',
    'Message-ID: <u@smtp-transcripts.invalid>',
    '',
    'Hello Alice,',
    '..this line starts with a dot, so it is sent stuffed (RFC 5321 section 4.5.2).',
    'Bye.',
    '.',
    'QUIT',
    '',
  ]);
  assert.deepEqual(exported(example('examples/plain.smtp'), 'swaks', { fileName: 'plain.smtp' }), [
    '# smtp-transcript export: session 1 of plain.smtp, as swaks',
    '# note: no @server in the transcript: localhost:25 is assumed',
    'swaks --server localhost:25 --ehlo client.test \\',
    '  --from sender@client.test --to alice@example.com \\',
    '  --data - <<\'EOF\'',
    'From: Sender <sender@client.test>',
    'To: Alice <alice@example.com>',
    'Subject: Hello from a transcript',
    'Date: %DATE%',
    'Message-ID: <%MESSAGEID%>',
    '',
    'Hello Alice,',
    '.this line starts with a dot, so it is sent stuffed (RFC 5321 section 4.5.2).',
    'Bye.',
    '.',
    'EOF',
    '',
  ]);
});

test('what swaks cannot say is a note: BDAT, pipelining, <close>, NOOP, HELO; an $env in the body makes the here-document expand', () => {
  const text = [
    '@server = 127.0.0.1:2525',
    '@to = {{$env RCPT}}',
    '',
    '### two messages',
    'S: 220 *',
    'C: HELO client.test',
    'S: 250 *',
    'C: MAIL FROM:<a@client.test>',
    'C: RCPT TO:<{{to}}>',
    'C: DATA',
    'S: 250 *',
    'S: 250 *',
    'S: 354 *',
    'C: Subject: cost $5 for {{$env USER_NAME}}',
    'C:',
    'C: EOF',
    'C: .',
    'S: 250 *',
    'C: NOOP',
    'S: 250 *',
    'C: MAIL FROM:<>',
    'S: 250 *',
    'C: RCPT TO:<b@example.com>',
    'S: 250 *',
    'C: BDAT 5 LAST',
    'C: Hi',
    'S: 250 *',
    'C: <close>',
  ].join('\n');
  assert.deepEqual(exported(text, 'swaks', { fileName: 'notes.smtp' }), [
    '# smtp-transcript export: session 1 "two messages" of notes.smtp, as swaks',
    '# note: line 25: BDAT (RFC 3030 chunking) cannot be expressed here: that message is left out',
    '# note: the file pipelines commands (RFC 2920); swaks sends them one at a time (add --pipeline to pipeline)',
    '# note: the file closes the connection without QUIT (`C: <close>`); swaks always ends with QUIT',
    '# note: swaks does not send NOOP: left out',
    '# note: the file says HELO; swaks says EHLO and falls back to HELO',
    'swaks --server 127.0.0.1:2525 --ehlo client.test \\',
    '  --from a@client.test --to "$RCPT" \\',
    '  --data - <<EOF_1',
    'Subject: cost \\$5 for ${USER_NAME}',
    '',
    'EOF',
    '.',
    'EOF_1',
    '',
  ]);
});

test('a password written in the file never reaches an export: AUTH reads it from the environment, other lines show ****', () => {
  const text = ['@server = 127.0.0.1', '@password = hunter2', 'S: 220 *', 'C: EHLO a.test', 'S: 250 *', 'C: AUTH PLAIN {{$plain bob {{password}}}}', 'S: 235 *', 'C: NOOP {{password}}', 'S: 250 *'].join('\n');
  for (const target of ['swaks', 'openssl', 'python', 'nodemailer'] as const) {
    assert.ok(!exported(text, target).join('\n').includes('hunter2'), target);
  }
  assert.deepEqual(exported(text, 'openssl'), [
    '# smtp-transcript export: session 1, as nc',
    '# note: line 8: a secret value is shown as ****: write it as {{$env NAME}} to export a reference to it',
    '# note: AUTH PLAIN: the password is not a {{$env NAME}}: it is read from SMTP_PASSWORD instead of being written here',
    'nc -C 127.0.0.1 25',
    "# then type each line after the server's reply to the one before:",
    'EHLO a.test',
    'AUTH PLAIN {{$plain bob {{password}}}}',
    "# {{$plain ...}} is: printf '\\0%s\\0%s' bob \"$SMTP_PASSWORD\" | base64 -w0",
    'NOOP ****',
    '',
  ]);
});

test('openssl: a password written in the AUTH data itself is shown as {{$env SMTP_PASSWORD}}, data written as on the wire as ****, for every attempt', () => {
  const session = (auth: string[]) => ['@server = 127.0.0.1:2525', 'S: 220 *', 'C: EHLO client.test', 'S: 250 *', ...auth, 'C: QUIT', 'S: 221 *'].join('\n');
  const typed = (text: string) => exported(text, 'openssl').filter((line) => !line.startsWith('# note') && !line.startsWith('nc ') && !line.startsWith('# then'));
  assert.deepEqual(typed(session(['C: AUTH LOGIN', 'S: 334 *', 'C: {{$base64 testuser}}', 'S: 334 *', 'C: {{$base64 hunter2secret}}', 'S: 235 *'])), [
    '# smtp-transcript export: session 1, as nc',
    'EHLO client.test',
    'AUTH LOGIN',
    '{{$base64 testuser}}',
    '# each {{$base64 ...}} is: printf \'%s\' testuser | base64 -w0 (then the same with "$SMTP_PASSWORD")',
    '{{$base64 {{$env SMTP_PASSWORD}}}}',
    '# each {{$base64 ...}} is: printf \'%s\' testuser | base64 -w0 (then the same with "$SMTP_PASSWORD")',
    'QUIT',
    '',
  ]);
  assert.deepEqual(exported(session(['C: AUTH CRAM-MD5', 'S: 334 *', 'C: {{$cram-md5 testuser hunter2secret}}', 'S: 235 *']), 'openssl'), [
    '# smtp-transcript export: session 1, as nc',
    '# note: AUTH CRAM-MD5: the password is not a {{$env NAME}}: it is read from SMTP_PASSWORD instead of being written here',
    'nc -C 127.0.0.1 2525',
    "# then type each line after the server's reply to the one before:",
    'EHLO client.test',
    'AUTH CRAM-MD5',
    '{{$cram-md5 testuser {{$env SMTP_PASSWORD}}}}',
    '# {{$cram-md5 ...}} answers the 334 challenge C: printf \'%s %s\' testuser "$(printf \'%s\' C | base64 -d | openssl dgst -md5 -hmac "$SMTP_PASSWORD" -r | cut -d\' \' -f1)" | base64 -w0',
    'QUIT',
    '',
  ]);
  // A refused attempt written with a literal password, then one from the environment; and data written base64-encoded.
  assert.deepEqual(typed(session(['C: AUTH PLAIN {{$plain testuser not-the-password}}', 'S: 535 *', 'C: AUTH PLAIN {{$plain {{$env U}} {{$env MY_PW}}}}', 'S: 235 *'])), [
    '# smtp-transcript export: session 1, as nc',
    'EHLO client.test',
    'AUTH PLAIN {{$plain testuser {{$env MY_PW}}}}',
    '# {{$plain ...}} is: printf \'\\0%s\\0%s\' "$U" "$MY_PW" | base64 -w0',
    'AUTH PLAIN {{$plain {{$env U}} {{$env MY_PW}}}}',
    '# {{$plain ...}} is: printf \'\\0%s\\0%s\' "$U" "$MY_PW" | base64 -w0',
    'QUIT',
    '',
  ]);
  assert.deepEqual(exported(session(['C: AUTH PLAIN AHRlc3R1c2VyAGh1bnRlcjJzZWNyZXQ=', 'S: 235 *']), 'openssl'), [
    '# smtp-transcript export: session 1, as nc',
    '# note: AUTH PLAIN: no user and password found in {{$plain}}, {{$cram-md5}} or {{$base64}}: set --auth-user yourself',
    '# note: AUTH data written in the file as it goes on the wire is a secret: shown as ****',
    'nc -C 127.0.0.1 2525',
    "# then type each line after the server's reply to the one before:",
    'EHLO client.test',
    'AUTH PLAIN ****',
    'QUIT',
    '',
  ]);
});

test('errors.smtp\'s wrong-password session as openssl: the literal password is not in the recipe, the note and the line agree on $SMTP_PASSWORD', () => {
  const text = exportSession(parseTranscript(example('examples/errors.smtp')), 2, 'openssl', { ...fixed, server: '127.0.0.1:2525' });
  assert.ok(!text.includes('not-the-password'));
  assert.deepEqual(text.split('\n'), [
    '# smtp-transcript export: session 3 "a wrong password is refused", as openssl s_client',
    '# note: AUTH PLAIN: the password is not a {{$env NAME}}: it is read from SMTP_PASSWORD instead of being written here',
    "# to verify a test server's certificate, add -CAfile CA.pem",
    'openssl s_client -starttls smtp -connect 127.0.0.1:2525 -crlf -quiet -verify_return_error',
    "# then type each line after the server's reply to the one before:",
    'EHLO client.test',
    'AUTH PLAIN {{$plain testuser {{$env SMTP_PASSWORD}}}}',
    '# {{$plain ...}} is: printf \'\\0%s\\0%s\' testuser "$SMTP_PASSWORD" | base64 -w0',
    'QUIT',
    '',
  ]);
});

// EHLO, STARTTLS, AUTH and a MAIL that nothing follows: the session logs in and sends no message.
const LOGIN_ONLY = ['@server = 127.0.0.1:2525', '@tls = starttls', 'S: 220 *', 'C: EHLO client.test', 'S: 250 *', 'C: STARTTLS', 'S: 220 *', 'C: EHLO client.test', 'S: 250 *', 'C: AUTH PLAIN {{$plain testuser {{$env PF_PASSWORD}}}}', 'S: 235 *', 'C: MAIL FROM:<testuser@client.test>', 'S: 250 *', 'C: QUIT', 'S: 221 *'].join('\n');

test('a session that sends no message logs in and stops: swaks --quit-after AUTH, smtplib and Nodemailer without sendmail; the MAIL is a note', () => {
  const note = '# note: line 12: a transaction that sends no message (MAIL): left out';
  assert.deepEqual(exported(LOGIN_ONLY, 'swaks', { ca: '/tmp/ca.pem' }), [
    '# smtp-transcript export: session 1, as swaks',
    note,
    'swaks --server 127.0.0.1:2525 --ehlo client.test \\',
    '  --tls --tls-verify --tls-ca-path /tmp/ca.pem \\',
    '  --auth PLAIN --auth-user testuser --auth-password "$PF_PASSWORD" \\',
    '  --quit-after AUTH',
    '',
  ]);
  assert.deepEqual(exported(LOGIN_ONLY, 'python', { ca: '/tmp/ca.pem' }).slice(0, 2).concat(exported(LOGIN_ONLY, 'python', { ca: '/tmp/ca.pem' }).slice(-8)), [
    '# smtp-transcript export: session 1, as Python smtplib',
    note,
    'context = ssl.create_default_context(cafile="/tmp/ca.pem")',
    'with smtplib.SMTP("127.0.0.1", 2525, local_hostname="client.test") as smtp:',
    '    smtp.ehlo()',
    '    smtp.starttls(context=context)',
    '    smtp.ehlo()',
    '    smtp.user, smtp.password = "testuser", os.environ["PF_PASSWORD"]',
    '    smtp.auth("PLAIN", smtp.auth_plain)',
    '',
  ]);
  const nodemailer = exported(LOGIN_ONLY, 'nodemailer', { ca: '/tmp/ca.pem' });
  assert.deepEqual([nodemailer[1], ...nodemailer.slice(nodemailer.indexOf('async function main() {'), -6)], ['// note: line 12: a transaction that sends no message (MAIL): left out', 'async function main() {', '  await transport.verify();', '}']);
});

test('errors.smtp session 1 (RCPT refused, DATA refused with 503) sends no message: no empty message, no recipient; the transaction is a note', () => {
  const errors = parseTranscript(example('examples/errors.smtp'));
  const note = 'note: line 8: a transaction that sends no message (MAIL, RCPT, DATA): left out';
  assert.deepEqual(exportSession(errors, 0, 'python', { ...fixed, server: '127.0.0.1:2525' }).split('\n'), [
    '# smtp-transcript export: session 1 "a rejected recipient, then no recipient to send DATA to", as Python smtplib',
    `# ${note}`,
    'import os',
    'import smtplib',
    'import ssl',
    'from email.utils import formatdate, make_msgid',
    '',
    'with smtplib.SMTP("127.0.0.1", 2525, local_hostname="client.test") as smtp:',
    '    smtp.ehlo()',
    '',
  ]);
  assert.deepEqual(exportSession(errors, 0, 'swaks', { ...fixed, server: '127.0.0.1:2525' }).split('\n'), [
    '# smtp-transcript export: session 1 "a rejected recipient, then no recipient to send DATA to", as swaks',
    `# ${note}`,
    'swaks --server 127.0.0.1:2525 --ehlo client.test \\',
    '  --quit-after AUTH',
    '',
  ]);
  assert.ok(exportSession(errors, 0, 'nodemailer', { ...fixed, server: '127.0.0.1:2525' }).includes(`// ${note}\n`));
});

test('pipelining.smtp: the MAIL and RCPT parameters are passed where the target can (smtplib mail_options) and a note where it cannot', () => {
  const text = example('examples/pipelining.smtp');
  const notes = (target: ExportTarget) => exported(text, target, { server: '127.0.0.1:2525' }).filter((line) => line.includes(' note: '));
  assert.deepEqual(notes('swaks'), [
    '# note: the file pipelines commands (RFC 2920); swaks sends them one at a time (add --pipeline to pipeline)',
    '# note: swaks has no option for the MAIL parameters SIZE=220 BODY=8BITMIME and the RCPT parameters NOTIFY=SUCCESS,FAILURE: left out',
  ]);
  assert.deepEqual(notes('python'), [
    '# note: the file pipelines commands (RFC 2920); smtplib sends them one at a time',
    "# note: smtplib sends SIZE= with the message's own length when the server offers SIZE, not SIZE=220",
    "# note: smtplib's sendmail gives every recipient the same rcpt_options: the RCPT parameters NOTIFY=SUCCESS,FAILURE, written for some recipients only, are left out",
  ]);
  assert.equal(exported(text, 'python').at(-2), '    smtp.sendmail("sender@client.test", ["alice@example.com", "bob@example.com"], message.encode(), mail_options=["BODY=8BITMIME"])');
  assert.deepEqual(notes('nodemailer'), [
    '// note: Nodemailer chooses the MAIL parameters itself: SIZE=220 BODY=8BITMIME left out',
    "// note: Nodemailer's dsn gives every recipient the same NOTIFY and sends no other RCPT parameter: NOTIFY=SUCCESS,FAILURE left out",
  ]);
});

test('one NOTIFY for every recipient: smtplib rcpt_options and Nodemailer dsn, no note', () => {
  const text = ['@server = 127.0.0.1:2525', 'S: 220 *', 'C: EHLO client.test', 'S: 250 *', 'C: MAIL FROM:<a@client.test>', 'S: 250 *', 'C: RCPT TO:<b@example.com> NOTIFY=NEVER', 'S: 250 *', 'C: DATA', 'S: 354 *', 'C: Subject: x', 'C: .', 'S: 250 *'].join('\n');
  assert.equal(exported(text, 'python').at(-2), '    smtp.sendmail("a@client.test", ["b@example.com"], message.encode(), rcpt_options=["NOTIFY=NEVER"])');
  const nodemailer = exported(text, 'nodemailer');
  assert.deepEqual(nodemailer.filter((line) => line.includes('note:') || line.includes('sendMail')), ['  const info = await transport.sendMail({ envelope: { from: "a@client.test", to: ["b@example.com"] }, raw, dsn: { notify: "NEVER" } });']);
});

test('errors.smtp session 2: the RCPT before MAIL is named with FROB as left out; DKIM signing, BDAT and MIME includes are notes', () => {
  const errors = parseTranscript(example('examples/errors.smtp'));
  assert.deepEqual(exportSession(errors, 1, 'python', fixed).split('\n')[2], '# note: RCPT, FROB left out (smtp.docmd can send them)');
  assert.deepEqual(exportSession(errors, 1, 'nodemailer', fixed).split('\n')[2], '// note: Nodemailer does not send RCPT, FROB: left out');
  const signed = ['@server = 127.0.0.1:2525', '@dkim-domain = qa.test', '@dkim-selector = ed1', '@dkim-key = ./ed.pem', 'S: 220 *', 'C: EHLO client.test', 'S: 250 *', 'C: QUIT', 'S: 221 *'].join('\n');
  for (const target of ['swaks', 'openssl', 'python', 'nodemailer'] as const) {
    assert.equal(exported(signed, target)[1].replace(/^\/\//, '#'), '# note: the file signs each message with DKIM (@dkim-domain, @dkim-selector, @dkim-key): the export sends it unsigned', target);
  }
  // The BDAT lines are not typed either: their chunks are left out with the message.
  assert.deepEqual(exported(example('examples/bdat.smtp'), 'openssl', { server: '127.0.0.1:2525' }), [
    '# smtp-transcript export: session 1, as nc',
    '# note: line 15: BDAT (RFC 3030 chunking) cannot be expressed here: that message is left out',
    'nc -C 127.0.0.1 2525',
    "# then type each line after the server's reply to the one before:",
    'EHLO client.test',
    'MAIL FROM:<sender@client.test>',
    'RCPT TO:<alice@example.com>',
    'QUIT',
    '',
  ]);
  assert.deepEqual(exported(example('examples/mime-report.smtp'), 'swaks', { server: '127.0.0.1:2525' }).filter((line) => line.includes('note:')), [
    '# note: line 28: `< part text/plain ./files/report.txt` is left out: in its place goes a MIME part: its header fields (Content-Type: text/plain, Content-Transfer-Encoding), an empty line, then the file encoded (quoted-printable for text/*, else base64 -w 76 ./files/report.txt)',
    '# note: line 30: `< part text/html ./files/report.html` is left out: in its place goes a MIME part: its header fields (Content-Type: text/html, Content-Transfer-Encoding), an empty line, then the file encoded (quoted-printable for text/*, else base64 -w 76 ./files/report.html)',
    '# note: line 33: `< attach application/pdf ./files/report.pdf` is left out: in its place goes a MIME part: its header fields (Content-Type: application/pdf; name="report.pdf", Content-Transfer-Encoding, Content-Disposition: attachment; filename="report.pdf"), an empty line, then the file encoded (quoted-printable for text/*, else base64 -w 76 ./files/report.pdf)',
  ]);
});

test('a relative @ca is made absolute against the transcript\'s folder and quoted for the shell, Python and JavaScript; without a folder it is a note', () => {
  const text = ['@server = 127.0.0.1:2525', '@tls = implicit', '@ca = ./certs/ca.pem', 'S: 220 *', 'C: EHLO client.test', 'S: 250 *', 'C: QUIT', 'S: 221 *'].join('\n');
  const options = { ...fixed, folder: "/srv/it's here" };
  const lineOf = (target: ExportTarget, start: string) => exportSession(parseTranscript(text), 0, target, options).split('\n').find((line) => line.trimStart().startsWith(start));
  assert.equal(lineOf('swaks', '--tls-on-connect'), "  --tls-on-connect --tls-verify --tls-ca-path '/srv/it'\\''s here/certs/ca.pem' \\");
  assert.equal(lineOf('openssl', 'openssl'), "openssl s_client -connect 127.0.0.1:2525 -crlf -quiet -verify_return_error -CAfile '/srv/it'\\''s here/certs/ca.pem'");
  assert.equal(lineOf('python', 'context ='), 'context = ssl.create_default_context(cafile="/srv/it\'s here/certs/ca.pem")');
  assert.equal(lineOf('nodemailer', 'tls:'), '  tls: { ca: fs.readFileSync("/srv/it\'s here/certs/ca.pem") },');
  assert.deepEqual(exported(text, 'python').slice(0, 2), ['# smtp-transcript export: session 1, as Python smtplib', "# note: @ca ./certs/ca.pem is relative to the transcript's folder: run this there"]);
});
