// Exports of sessions that send no message, and what a target cannot pass on (MAIL/RCPT parameters, DKIM signing,
// BDAT, MIME includes, a relative @ca): each a note or what the target can do instead, exact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportSession, type ExportTarget } from '../../../server/src/export';
import { parseTranscript } from '../../../server/src/model';
import { example, exported, fixed } from './exportHelpers';

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
    'import smtplib',
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
    '// note: Nodemailer closes the connection after the message without QUIT',
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
  for (const target of ['swaks', 'curl', 'openssl', 'python', 'nodemailer'] as const) {
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

test('a recorded MIME boundary ({{$boundary 1}}) is one boundary in the exported message, in its parameter and every delimiter', () => {
  const text = [
    '@server = 127.0.0.1:2525', 'S: 220 *', 'C: EHLO client.test', 'S: 250 *', 'C: MAIL FROM:<a@client.test>', 'S: 250 *', 'C: RCPT TO:<b@example.com>', 'S: 250 *', 'C: DATA', 'S: 354 *',
    'C: Content-Type: multipart/mixed; boundary="{{$boundary 1}}"', 'C:', 'C: --{{$boundary 1}}', 'C:', 'C: hi', 'C: --{{$boundary 1}}--', 'C: .', 'S: 250 *', 'C: QUIT', 'S: 221 *',
  ].join('\n');
  for (const target of ['swaks', 'curl', 'python', 'nodemailer'] as const) {
    const lines = exported(text, target).join('\n');
    const boundary = /boundary=\\?"([\w-]+)/.exec(lines)?.[1];
    assert.match(boundary ?? '', /^_smtp-transcripts_[0-9a-f]{16}_001$/, `${target}:\n${lines}`);
    assert.equal(lines.split(`--${boundary}`).length - 1, 2, `${target}: both delimiters name the parameter's boundary:\n${lines}`);
  }
});

test('Python: the imports are those the code uses (no unused import for a linter of the exported file to flag), for every example session', () => {
  const files = ['examples/plain.smtp', 'examples/errors.smtp', 'examples/starttls-auth.smtp', 'examples/implicit-tls.smtp', 'examples/templates/submission.smtp'];
  const seen = new Set<string>();
  for (const file of files) {
    const transcript = parseTranscript(example(file));
    transcript.sessions.forEach((_, index) => {
      const lines = exportSession(transcript, index, 'python', { ...fixed, server: '127.0.0.1:2525' }).split('\n');
      const body = lines.filter((line) => !line.startsWith('#') && !/^(import|from) /.test(line)).join('\n');
      for (const line of lines.filter((l) => /^(import|from) /.test(l))) {
        const names = line.startsWith('import ') ? [line.slice('import '.length)] : line.split(' import ')[1].split(', ');
        for (const name of names) {
          seen.add(name);
          assert.match(body, new RegExp(`\\b${name}[.(]`), `${file} session ${index + 1}: ${name} is imported, not used`);
        }
      }
      for (const [name, used] of [['os', 'os.environ['], ['ssl', 'ssl.'], ['formatdate', 'formatdate('], ['make_msgid', 'make_msgid(']]) {
        if (body.includes(used)) assert.ok(lines.some((l) => /^(import|from) /.test(l) && new RegExp(`\\b${name}\\b`).test(l)), `${file} session ${index + 1}: ${name} is used, not imported`);
      }
    });
  }
  // The examples use each of them somewhere, so each branch above was taken.
  assert.deepEqual([...seen].sort(), ['formatdate', 'make_msgid', 'os', 'smtplib', 'ssl']);
});

test('Nodemailer: the modules required are those the code uses, outside comments (a commented-out line brings its own require)', () => {
  const files = ['examples/plain.smtp', 'examples/errors.smtp', 'examples/starttls-auth.smtp', 'examples/implicit-tls.smtp', 'examples/templates/submission.smtp'];
  const seen = new Set<string>();
  for (const file of files) {
    const transcript = parseTranscript(example(file));
    for (const ca of [undefined, 'ca.pem']) {
      transcript.sessions.forEach((_, index) => {
        const lines = exportSession(transcript, index, 'nodemailer', { ...fixed, server: '127.0.0.1:2525', ...(ca ? { ca } : {}) }).split('\n');
        const requires = lines.filter((line) => / = require\(/.test(line));
        const code = lines.filter((line) => !/ = require\(/.test(line) && !line.trimStart().startsWith('//')).join('\n');
        for (const [name, used] of [['randomUUID', 'randomUUID('], ['fs', 'fs.readFileSync('], ['nodemailer', 'nodemailer.']]) {
          const required = requires.some((line) => new RegExp(`\\b${name}\\b`).test(line.split(' = ')[0]));
          assert.equal(required, code.includes(used), `${file} session ${index + 1}${ca ? ' with --ca' : ''}: ${name} ${required ? 'required, not used' : 'used, not required'}`);
          if (required) seen.add(name);
        }
      });
    }
  }
  assert.deepEqual([...seen].sort(), ['fs', 'nodemailer', 'randomUUID']);
});

test("imports follow what the code says, not what its strings hold: a host, a name or a message naming ssl., os.environ[ or randomUUID( imports nothing more", () => {
  const text = [
    '@server = ssl.example.test',
    '@port = 25',
    'S: 220 x',
    'C: EHLO os.example.test',
    'S: 250 ok',
    'C: MAIL FROM:<a@x.test>',
    'S: 250 ok',
    'C: RCPT TO:<b@y.test>',
    'S: 250 ok',
    'C: DATA',
    'S: 354 go',
    'C: Subject: os.environ[ formatdate( make_msgid( randomUUID( fs.readFileSync(',
    'C:',
    'C: hi',
    'C: .',
    'S: 250 ok',
  ].join('\n');
  const imports = (target: ExportTarget) =>
    exportSession(parseTranscript(text), 0, target, fixed)
      .split('\n')
      .filter((line) => /^(import|from) | = require\(/.test(line));
  assert.deepEqual(imports('python'), ['import smtplib']);
  assert.deepEqual(imports('nodemailer'), ["const nodemailer = require('nodemailer');"]);
});

test("AUTH's first response after a 334 or on the AUTH line (RFC 4954 §4): smtplib and curl are told which, swaks and Nodemailer, which cannot be, say so", () => {
  const session = (auth: string[]) => ['@server = 127.0.0.1:2525', 'S: 220 *', 'C: EHLO client.test', 'S: 250 *', ...auth, 'C: QUIT', 'S: 221 *'].join('\n');
  const plainAfter334 = session(['C: AUTH PLAIN', 'S: 334', 'C: {{$plain bob {{$env PW}}}}', 'S: 235 *']);
  const loginOnAuthLine = session(['C: AUTH LOGIN {{$base64 bob}}', 'S: 334 *', 'C: {{$base64 {{$env PW}}}}', 'S: 235 *']);
  const line = (text: string, target: ExportTarget, start: string) => exported(text, target).find((l) => l.trimStart().startsWith(start));
  assert.equal(line(plainAfter334, 'python', 'smtp.auth('), '    smtp.auth("PLAIN", smtp.auth_plain, initial_response_ok=False)');
  assert.equal(line(loginOnAuthLine, 'python', 'smtp.auth('), '    smtp.auth("LOGIN", smtp.auth_login)');
  assert.equal(line(plainAfter334, 'curl', '--user'), '  --user bob:"$PW" --login-options AUTH=PLAIN \\');
  assert.equal(line(loginOnAuthLine, 'curl', '--user'), '  --user bob:"$PW" --login-options AUTH=LOGIN --sasl-ir \\');
  assert.equal(line(plainAfter334, 'swaks', '# note: swaks sends'), "# note: swaks sends AUTH PLAIN's first response on the AUTH line; the file waits for the server's 334 first");
  assert.equal(line(loginOnAuthLine, 'nodemailer', '// note: Nodemailer sends'), "// note: Nodemailer sends AUTH LOGIN's first response after the server's 334; the file sends it on the AUTH line");
  // As the tools do it: no note.
  assert.equal(line(session(['C: AUTH PLAIN {{$plain bob {{$env PW}}}}', 'S: 235 *']), 'swaks', '# note: swaks sends'), undefined);
});
