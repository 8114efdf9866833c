// "Copy as command": the exports of the shipped examples, exact (the integration suite runs them for real:
// test/integration/export-run.test.ts), and what a target cannot express, as notes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportSession } from '../../../server/src/export';
import { parseTranscript } from '../../../server/src/model';
import { example, exported, fixed } from './exportHelpers';

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

test('submission.smtp as curl: the EHLO name as the URL path, STARTTLS required and verified, AUTH PLAIN from $SMTP_PASSWORD on the AUTH line (--sasl-ir), the shell making the date and id', () => {
  assert.deepEqual(exported(example('examples/templates/submission.smtp'), 'curl', { fileName: 'submission.smtp', server: '127.0.0.1:2525', ca: 'ca.pem' }), [
    '# smtp-transcript export: session 1 of submission.smtp, as curl',
    'curl -sS --url smtp://127.0.0.1:2525/client.test \\',
    '  --ssl-reqd --cacert ca.pem \\',
    '  --user testuser:"$SMTP_PASSWORD" --login-options AUTH=PLAIN --sasl-ir \\',
    '  --mail-from testuser@client.test \\',
    '  --mail-rcpt alice@example.com \\',
    '  --crlf --upload-file - <<EOF',
    'From: <testuser@client.test>',
    'To: <alice@example.com>',
    'Subject: Submitted over TLS',
    "Date: $(LC_ALL=C date '+%a, %d %b %Y %H:%M:%S %z')",
    'Message-ID: <$(date +%s).$$@smtp-transcripts.invalid>',
    '',
    'Sent after STARTTLS and AUTH.',
    'EOF',
    '',
  ]);
  // Implicit TLS to an address verified as @tls-servername: the URL names it, --connect-to reaches the address; over a
  // socket, --unix-socket. A literal message keeps its here-document quoted; LMTP is a note.
  const session = (settings: string[], hello = 'EHLO') =>
    [...settings, 'S: 220 *', `C: ${hello} client.test`, 'S: 250 *', 'C: MAIL FROM:<a@client.test>', 'S: 250 *', 'C: RCPT TO:<b@example.com>', 'S: 250 *', 'C: DATA', 'S: 354 *', 'C: hi $HOME', 'C: .', 'S: 250 *', 'C: QUIT', 'S: 221 *'].join('\n');
  assert.deepEqual(exported(session(['@server = 127.0.0.1:4650', '@tls = implicit', '@tls-servername = mx.test']), 'curl'), [
    '# smtp-transcript export: session 1, as curl',
    "# the server's certificate is verified against the system CAs; to trust a test server's, add --cacert CA.pem",
    'curl -sS --url smtps://mx.test:4650/client.test \\',
    '  --connect-to mx.test:4650:127.0.0.1:4650 \\',
    '  --mail-from a@client.test \\',
    '  --mail-rcpt b@example.com \\',
    "  --crlf --upload-file - <<'EOF'",
    'hi $HOME',
    'EOF',
    '',
  ]);
  assert.deepEqual(exported(session(['@server = unix:/run/dovecot/lmtp'], 'LHLO'), 'curl').slice(1, 4), [
    '# note: the file speaks LMTP (LHLO); curl speaks SMTP only: it says EHLO, and reads one reply after the message',
    'curl -sS --url smtp://localhost:25/client.test \\',
    '  --unix-socket /run/dovecot/lmtp \\',
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
    '// note: Nodemailer closes the connection after the message without QUIT',
    'const { randomUUID } = require(\'node:crypto\');',
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
  for (const target of ['swaks', 'curl', 'openssl', 'python', 'nodemailer'] as const) {
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

test('a message the client abandons (`C: <close>` inside its content) is left out with a note; the whole one before it is sent', () => {
  const text = [
    '@server = 127.0.0.1:2525',
    'S: 220 *',
    'C: EHLO client.test',
    'S: 250 *',
    'C: MAIL FROM:<a@client.test>',
    'S: 250 *',
    'C: RCPT TO:<b@example.com>',
    'S: 250 *',
    'C: DATA',
    'S: 354 *',
    'C: Subject: whole',
    'C: .',
    'S: 250 *',
    'C: MAIL FROM:<a@client.test>',
    'S: 250 *',
    'C: RCPT TO:<c@example.com>',
    'S: 250 *',
    'C: DATA',
    'S: 354 *',
    'C: Subject: half',
    'C: <close>',
  ].join('\n');
  const lines = exported(text, 'python', { fileName: 'cut.smtp' });
  assert.deepEqual(lines.filter((line) => line.startsWith('# note:')), [
    '# note: line 20: the file closes the connection inside the message content (`C: <close>`), which this client always finishes: that message is left out',
    '# note: the file closes the connection without QUIT (`C: <close>`); `with` ends with QUIT',
  ]);
  assert.deepEqual([lines.some((line) => line.includes('Subject: whole')), lines.some((line) => line.includes('Subject: half'))], [true, false]);
  // Typed by hand, the abandoned message is its lines without the `.`: the note says how, and nothing is left out.
  const typed = exported(text, 'openssl', { fileName: 'cut.smtp' });
  assert.deepEqual(typed.filter((line) => line.startsWith('# note:')), [
    '# note: line 20: the file closes the connection inside the message content (`C: <close>`): type its lines without the final ".", then end nc (Ctrl-C)',
  ]);
  assert.deepEqual(typed.slice(typed.indexOf('Subject: half') - 1), ['DATA', 'Subject: half', '']);
});

test('a message the server closes the connection in (`S: <closed>`): typed by hand, its lines without the `.`; swaks leaves it out', () => {
  const text = ['@server = 127.0.0.1:2525', 'S: 220 *', 'C: EHLO client.test', 'S: 250 *', 'C: MAIL FROM:<a@client.test>', 'S: 250 *', 'C: RCPT TO:<b@example.com>', 'S: 250 *', 'C: DATA', 'S: 354 *', 'C: Subject: half', 'S: 421 4.4.2 timeout', 'S: <closed>'].join('\n');
  const typed = exported(text, 'openssl');
  assert.deepEqual(typed.filter((line) => line.startsWith('# note:')), [
    '# note: line 11: the server closes the connection inside the message content (`S: <closed>`): type its lines without the final ".", and the server closes the connection',
  ]);
  assert.deepEqual(typed.slice(-2), ['Subject: half', '']);
  const swaks = exported(text, 'swaks');
  assert.ok(swaks.includes('# note: line 11: the server closes the connection inside the message content (`S: <closed>`), which this client always finishes: that message is left out'), swaks.join('\n'));
});

test('an LMTP session (LHLO, RFC 2033): swaks --protocol LMTP, smtplib.LMTP with a reply read per accepted recipient, Nodemailer with lmtp: true, s_client -starttls lmtp', () => {
  const lmtp = [
    'S: 220 store LMTP',
    'C: LHLO relay.test',
    'S: 250 store',
    'C: MAIL FROM:<a@x.test> BODY=8BITMIME',
    'S: 250 ok',
    'C: RCPT TO:<b@y.test>',
    'S: 250 ok',
    'C: RCPT TO:<c@y.test>',
    'S: 250 ok',
    'C: DATA',
    'S: 354 go',
    'C: Subject: hi',
    'C:',
    'C: hi',
    'C: .',
    'S: 250 b delivered',
    'S: 452 c full',
  ].join('\n');
  assert.ok(exported(lmtp, 'swaks', { server: '127.0.0.1:24' }).includes('swaks --protocol LMTP --server 127.0.0.1:24 --ehlo relay.test \\'));
  assert.deepEqual(exported(lmtp, 'python', { server: '127.0.0.1:24' }).slice(3), [
    'with smtplib.LMTP("127.0.0.1", 24, local_hostname="relay.test") as smtp:',
    '    smtp.ehlo()',
    '    message = "\\r\\n".join([',
    '        "Subject: hi",',
    '        "",',
    '        "hi",',
    '    ]) + "\\r\\n"',
    '    smtp.mail("a@x.test", ["BODY=8BITMIME"])',
    '    accepted = [to for to in ["b@y.test", "c@y.test"] if smtp.rcpt(to)[0] in (250, 251)]',
    '    replies = [smtp.data(message.encode())] + [smtp.getreply() for _ in accepted[1:]]',
    '    for to, (code, text) in zip(accepted, replies):',
    '        print(to, code, text.decode())',
    '',
  ]);
  const node = exported(lmtp, 'nodemailer', { server: '127.0.0.1:24' });
  assert.ok(node.includes('  lmtp: true,'));
  assert.deepEqual(node.filter((line) => line.includes('console.log')), ["  for (const to of info.accepted) console.log(to, 'accepted');", '  for (const error of info.rejectedErrors ?? []) console.log(error.recipient, error.response);']);
  assert.ok(exported(`@tls = starttls\n${lmtp}`, 'openssl', { server: '127.0.0.1:24' }).some((line) => line.startsWith('openssl s_client -starttls lmtp -connect 127.0.0.1:24 ')));
});

test('a UNIX-domain socket (`@server = unix:/path`): swaks --socket, smtplib.LMTP given the path, nc -U and s_client -unix; Nodemailer and smtplib.SMTP say they cannot', () => {
  const session = (hello: string) => `@server = unix:/run/lmtp.sock\nS: 220 store\nC: ${hello} relay.test\nS: 250 store\nC: MAIL FROM:<a@x.test>\nS: 250 ok\nC: RCPT TO:<b@y.test>\nS: 250 ok\nC: DATA\nS: 354 go\nC: hi\nC: .\nS: 250 ok`;
  assert.ok(exported(session('LHLO'), 'swaks').includes('swaks --protocol LMTP --socket /run/lmtp.sock --ehlo relay.test \\'));
  assert.ok(exported(session('LHLO'), 'python').includes('with smtplib.LMTP("/run/lmtp.sock", local_hostname="relay.test") as smtp:'));
  assert.ok(exported(session('LHLO'), 'openssl').includes('nc -C -U /run/lmtp.sock'));
  assert.ok(exported(`@tls = starttls\n@tls-servername = store.test\n${session('LHLO')}`, 'openssl').some((line) => line.startsWith('openssl s_client -starttls lmtp -unix /run/lmtp.sock ')));
  assert.ok(exported(session('EHLO'), 'python').includes('# note: smtplib reaches a UNIX-domain socket with its LMTP class only: this code connects to unix:/run/lmtp.sock over TCP, which fails'));
  assert.ok(exported(session('LHLO'), 'nodemailer').includes("// note: Nodemailer connects over TCP only: unix:/run/lmtp.sock is a UNIX-domain socket, which swaks (--socket) and Python's smtplib.LMTP reach"));
});

test('`@tls-servername`: swaks --tls-sni, s_client -servername and -verify_hostname, Nodemailer tls.servername; smtplib, which verifies the host it connects to, says it is left out', () => {
  const session = ['@server = 192.0.2.7:587', '@tls = starttls', '@tls-servername = mail.example.com', '@ca = /etc/ssl/test-ca.pem', 'S: 220 *', 'C: EHLO client.test', 'S: 250-*', 'S: 250 STARTTLS', 'C: STARTTLS', 'S: 220 *', 'C: EHLO client.test', 'S: 250 *', 'C: QUIT', 'S: 221 *'].join('\n');
  assert.ok(exported(session, 'swaks').includes('  --tls --tls-verify --tls-ca-path /etc/ssl/test-ca.pem --tls-sni mail.example.com \\'));
  assert.ok(exported(session, 'openssl').includes('openssl s_client -starttls smtp -connect 192.0.2.7:587 -crlf -quiet -verify_return_error -CAfile /etc/ssl/test-ca.pem -servername mail.example.com -verify_hostname mail.example.com'));
  assert.ok(exported(session, 'nodemailer').includes('  tls: { ca: fs.readFileSync("/etc/ssl/test-ca.pem"), servername: "mail.example.com" },'));
  assert.ok(exported(session, 'python').includes("# note: smtplib verifies the server's certificate as 192.0.2.7: @tls-servername mail.example.com is left out"));
  // Without it, nothing of the kind.
  const plainName = session.replace('@tls-servername = mail.example.com\n', '');
  assert.ok(!exported(plainName, 'swaks').some((line) => line.includes('--tls-sni')));
  assert.ok(exported(plainName, 'nodemailer').includes('  tls: { ca: fs.readFileSync("/etc/ssl/test-ca.pem") },'));
});
