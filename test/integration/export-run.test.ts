// "Copy as command" run for real: the exported swaks and curl commands (through the CLI, by bash), Python smtplib code and
// Nodemailer code deliver the example transcripts' messages to the built-in local server, with the envelope the
// transcript gives, over verified TLS where the transcript starts it, and the password only in the environment.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSession, type ExportTarget } from '../../server/src/export';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { startLocalServer, type LocalServer, type ReceivedMessage } from '../../server/src/smtpTestServer/localServer';
import { REPO, runCli } from '../support/cli';

let server: LocalServer;
let dir: string;
let caFile: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'export-run-'));
  server = await startLocalServer({ mailDir: join(dir, 'mail') });
  caFile = join(dir, 'ca.pem');
  await writeFile(caFile, server.certificatePem);
});

after(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

// Only what the tools need to run, and the password: nothing else of this process's environment.
const environment = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

function run(command: string, args: string[], input?: string, passwords: Record<string, string> = { SMTP_PASSWORD: 'testpass' }): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(command, args, { cwd: REPO, env: { ...environment, ...passwords } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as NodeJS.ErrnoException & { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

async function delivered(send: () => Promise<{ code: number; stdout: string; stderr: string }>): Promise<{ envelope: object; stored: string }> {
  const before = server.messages.length;
  const result = await send();
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
  assert.equal(server.messages.length, before + 1, 'one message arrived');
  const message: ReceivedMessage = server.messages[server.messages.length - 1];
  return { envelope: { mailFrom: message.mailFrom, recipients: message.recipients, secure: message.secure, user: message.user }, stored: await readFile(message.file, 'utf8') };
}

async function exported(example: string, target: ExportTarget, tls: boolean): Promise<string> {
  const text = await readFile(join(REPO, example), 'utf8');
  const code = exportSession(parseTranscript(text), 0, target, { server: `127.0.0.1:${server.port}`, ca: tls ? caFile : undefined });
  assert.ok(!code.includes('testpass'), 'no password in the export');
  return code;
}

const submitted = { mailFrom: 'testuser@client.test', recipients: ['alice@example.com'], secure: true, user: 'testuser' };
const plain = { mailFrom: 'sender@client.test', recipients: ['alice@example.com'], secure: false, user: undefined };

function assertHeaders(stored: string, subject: string): void {
  assert.match(stored, new RegExp(`^Subject: ${subject}\r$`, 'm'));
  // The date and message id were made by the tool that sent, not left as a token.
  assert.match(stored, /^Date: [A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}\r$/m);
  assert.match(stored, /^Message-I[Dd]: <[^<>%{}\s]+@[^<>%{}\s]+>\r$/m);
}

test('the swaks command from `smtp-transcript export` submits submission.smtp over STARTTLS with AUTH PLAIN, certificate verified', async () => {
  const cli = await runCli(['export', '--as', 'swaks', '--server', `127.0.0.1:${server.port}`, '--ca', caFile, 'examples/templates/submission.smtp']);
  assert.deepEqual({ code: cli.code, stderr: cli.stderr }, { code: 0, stderr: '' });
  assert.ok(!cli.stdout.includes('testpass'));
  const { envelope, stored } = await delivered(() => run('bash', ['--norc', '-c', cli.stdout]));
  assert.deepEqual(envelope, submitted);
  assertHeaders(stored, 'Submitted over TLS');
  assert.match(stored, /\r\n\r\nSent after STARTTLS and AUTH\.\r\n$/);
});

test('the curl command from `smtp-transcript export` submits submission.smtp over STARTTLS with AUTH PLAIN, certificate verified; plain.smtp arrives with its stuffed line unstuffed', async () => {
  const cli = await runCli(['export', '--as', 'curl', '--server', `127.0.0.1:${server.port}`, '--ca', caFile, 'examples/templates/submission.smtp']);
  assert.deepEqual({ code: cli.code, stderr: cli.stderr }, { code: 0, stderr: '' });
  assert.ok(!cli.stdout.includes('testpass'));
  const submission = await delivered(() => run('bash', ['--norc', '-c', cli.stdout]));
  assert.deepEqual(submission.envelope, submitted);
  assertHeaders(submission.stored, 'Submitted over TLS');
  assert.match(submission.stored, /\r\n\r\nSent after STARTTLS and AUTH\.\r\n$/);
  const { envelope, stored } = await delivered(async () => run('bash', ['--norc', '-c', await exported('examples/plain.smtp', 'curl', false)]));
  assert.deepEqual(envelope, plain);
  assertHeaders(stored, 'Hello from a transcript');
  assert.match(stored, /\r\nHello Alice,\r\n\.this line starts with a dot, so it is sent stuffed \(RFC 5321 section 4\.5\.2\)\.\r\nBye\.\r\n$/);
});

test('the swaks command delivers plain.smtp without TLS, the stuffed line arriving unstuffed', async () => {
  const { envelope, stored } = await delivered(async () => run('bash', ['--norc', '-c', await exported('examples/plain.smtp', 'swaks', false)]));
  assert.deepEqual(envelope, plain);
  assertHeaders(stored, 'Hello from a transcript');
  assert.match(stored, /\r\nHello Alice,\r\n\.this line starts with a dot, so it is sent stuffed \(RFC 5321 section 4\.5\.2\)\.\r\nBye\.\r\n$/);
});

for (const [target, command] of [['python', 'python3'], ['nodemailer', process.execPath]] as const) {
  test(`the ${target} code submits submission.smtp over STARTTLS with AUTH PLAIN, certificate verified`, async () => {
    const code = await exported('examples/templates/submission.smtp', target, true);
    const { envelope, stored } = await delivered(() => run(command, ['-'], code));
    assert.deepEqual(envelope, submitted);
    assertHeaders(stored, 'Submitted over TLS');
    assert.match(stored, /\r\n\r\nSent after STARTTLS and AUTH\.\r\n$/);
  });

  test(`the ${target} code delivers plain.smtp without TLS, the stuffed line arriving unstuffed`, async () => {
    const code = await exported('examples/plain.smtp', target, false);
    const { envelope, stored } = await delivered(() => run(command, ['-'], code));
    assert.deepEqual(envelope, plain);
    assertHeaders(stored, 'Hello from a transcript');
    assert.match(stored, /\r\nHello Alice,\r\n\.this line starts with a dot, so it is sent stuffed \(RFC 5321 section 4\.5\.2\)\.\r\nBye\.\r\n$/);
  });
}

test('`@tls-servername` reaches the verification: Nodemailer, openssl and curl verify the certificate as that name (localhost passes, wrong.test is refused)', async () => {
  const text = await readFile(join(REPO, 'examples/templates/submission.smtp'), 'utf8');
  const named = (name: string, target: ExportTarget): string =>
    exportSession(parseTranscript(`@tls-servername = ${name}\n${text}`), 0, target, { server: `127.0.0.1:${server.port}`, ca: caFile });
  const { envelope } = await delivered(() => run(process.execPath, ['-'], named('localhost', 'nodemailer')));
  assert.deepEqual(envelope, submitted);
  const before = server.messages.length;
  const refused = await run(process.execPath, ['-'], named('wrong.test', 'nodemailer'));
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /Hostname\/IP does not match certificate's altnames: Host: wrong\.test/);
  const openssl = named('wrong.test', 'openssl').split('\n').find((line) => line.startsWith('openssl s_client '))!;
  assert.match(openssl, / -servername wrong\.test -verify_hostname wrong\.test$/);
  const mismatch = await run('bash', ['--norc', '-c', openssl], 'QUIT\n');
  assert.notEqual(mismatch.code, 0);
  assert.match(mismatch.stdout + mismatch.stderr, /hostname mismatch/);
  // curl: the URL names the certificate's name, --connect-to reaches the address.
  const curlRefused = await run('bash', ['--norc', '-c', named('wrong.test', 'curl')]);
  assert.notEqual(curlRefused.code, 0);
  assert.match(curlRefused.stderr, /no alternative certificate subject name matches target host name 'wrong\.test'/);
  assert.equal(server.messages.length, before, 'nothing delivered under the wrong name');
  assert.deepEqual((await delivered(() => run('bash', ['--norc', '-c', named('localhost', 'curl')]))).envelope, submitted);
});

test('without the CA the exported swaks command refuses the test server\'s certificate: verification is on', async () => {
  const before = server.messages.length;
  const result = await run('bash', ['--norc', '-c', await exported('examples/templates/submission.smtp', 'swaks', false)]);
  assert.notEqual(result.code, 0);
  assert.equal(server.messages.length, before);
});

// Implicit TLS (RFC 8314) with the other two mechanisms, the password from a variable the transcript names.
const implicitTls = (mechanism: string, answers: string[]) => [
  '@tls = implicit',
  '@user = testuser',
  '@password = {{$env MY_SMTP_SECRET}}',
  'S: 220 *',
  'C: EHLO client.test',
  'S: 250 *',
  `C: AUTH ${mechanism}`,
  ...answers.flatMap((answer) => ['S: 334 *', `C: ${answer}`]),
  'S: 235 *',
  'C: MAIL FROM:<testuser@client.test>',
  'S: 250 *',
  'C: RCPT TO:<bob@example.com>',
  'S: 250 *',
  'C: RCPT TO:<carol@example.com>',
  'S: 250 *',
  'C: DATA',
  'S: 354 *',
  `C: Subject: ${mechanism} over implicit TLS`,
  'C:',
  'C: ..',
  'C: .',
  'S: 250 *',
  'C: QUIT',
  'S: 221 *',
].join('\n');

const mechanisms = [
  ['LOGIN', implicitTls('LOGIN', ['{{$base64 {{user}}}}', '{{$base64 {{password}}}}'])],
  ['CRAM-MD5', implicitTls('CRAM-MD5', ['{{$cram-md5 {{user}} {{password}}}}'])],
] as const;

for (const [mechanism, transcript] of mechanisms) {
  for (const [target, command, args] of [['swaks', 'bash', ['--norc', '-c']], ['curl', 'bash', ['--norc', '-c']], ['python', 'python3', ['-']], ['nodemailer', process.execPath, ['-']]] as const) {
    test(`the ${target} export logs in with AUTH ${mechanism} over implicit TLS, the password read from $MY_SMTP_SECRET`, async () => {
      const code = exportSession(parseTranscript(transcript), 0, target, { server: `127.0.0.1:${server.tlsPort}`, ca: caFile });
      assert.ok(!code.includes('testpass'), 'no password in the export');
      // SMTP_PASSWORD is wrong here: only the variable the transcript names logs in.
      const passwords = { SMTP_PASSWORD: 'not-the-password', MY_SMTP_SECRET: 'testpass' };
      const { envelope, stored } = await delivered(() => (target === 'swaks' || target === 'curl' ? run(command, [...args, code], undefined, passwords) : run(command, [...args], code, passwords)));
      assert.deepEqual(envelope, { mailFrom: 'testuser@client.test', recipients: ['bob@example.com', 'carol@example.com'], secure: true, user: 'testuser' });
      // A body line that is a lone dot arrives as one: unstuffed by the export, stuffed again by the tool.
      assert.match(stored, new RegExp(`Subject: ${mechanism} over implicit TLS\r\n\r\n\\.\r\n$`));
    });
  }
}

test('the openssl s_client recipe, its lines typed (piped) and the AUTH line computed by the hint it prints, submits submission.smtp', async () => {
  const lines = (await exported('examples/templates/submission.smtp', 'openssl', true)).split('\n');
  const command = lines.find((line) => line.startsWith('openssl s_client -starttls smtp '));
  assert.ok(command, lines.join('\n'));
  const typed = lines.slice(lines.findIndex((line) => line.startsWith('# then type')) + 1);
  const hintAt = typed.findIndex((line) => line.startsWith('# {{$plain ...}} is: '));
  assert.equal(typed[hintAt - 1], 'AUTH PLAIN {{$plain {{user}} {{$env SMTP_PASSWORD}}}}');
  // What a person does: run the hint, with the password in the environment, and type its output.
  const computed = await run('bash', ['--norc', '-c', typed[hintAt].slice('# {{$plain ...}} is: '.length)]);
  assert.deepEqual(computed, { code: 0, stdout: Buffer.from('\0testuser\0testpass').toString('base64'), stderr: '' });
  typed.splice(hintAt - 1, 2, `AUTH PLAIN ${computed.stdout}`);
  const { envelope, stored } = await delivered(() => run('bash', ['--norc', '-c', command], typed.join('\n')));
  assert.deepEqual(envelope, submitted);
  assertHeaders(stored, 'Submitted over TLS');
});

// A session that logs in and sends no message (a MAIL with nothing after it): each export logs in over verified
// STARTTLS and stops, exit 0 and no message; with a wrong password it fails, so the login really happens.
const loginOnly = [
  '@tls = starttls',
  'S: 220 *',
  'C: EHLO client.test',
  'S: 250 *',
  'C: STARTTLS',
  'S: 220 *',
  'C: EHLO client.test',
  'S: 250 *',
  'C: AUTH PLAIN {{$plain testuser {{$env PF_PASSWORD}}}}',
  'S: 235 *',
  'C: MAIL FROM:<testuser@client.test>',
  'S: 250 *',
  'C: QUIT',
  'S: 221 *',
].join('\n');

for (const [target, command, args] of [['swaks', 'bash', ['--norc', '-c']], ['curl', 'bash', ['--norc', '-c']], ['python', 'python3', ['-']], ['nodemailer', process.execPath, ['-']]] as const) {
  test(`the ${target} export of a session that sends no message logs in and quits, with no message and no prompt`, async () => {
    const code = exportSession(parseTranscript(loginOnly), 0, target, { server: `127.0.0.1:${server.port}`, ca: caFile });
    const runIt = (password: string) => (target === 'swaks' || target === 'curl' ? run(command, [...args, code], '', { PF_PASSWORD: password }) : run(command, [...args], code, { PF_PASSWORD: password }));
    const before = server.messages.length;
    const result = await runIt('testpass');
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    assert.notEqual((await runIt('not-the-password')).code, 0);
    assert.equal(server.messages.length, before, 'no message');
  });
}

test('the python export of pipelining.smtp delivers with the MAIL parameter BODY=8BITMIME it passes as mail_options (SIZE is smtplib\'s own)', async () => {
  const code = await exported('examples/pipelining.smtp', 'python', false);
  assert.ok(code.includes('mail_options=["BODY=8BITMIME"]'), code);
  const { envelope } = await delivered(() => run('python3', ['-'], code));
  assert.deepEqual(envelope, { mailFrom: 'sender@client.test', recipients: ['alice@example.com', 'bob@example.com'], secure: false, user: undefined });
});

// `@ca = ./ca.pem` is relative to the transcript, which sits in a folder whose name needs quoting; the command runs
// from the repository, elsewhere: each export names the CA by its absolute path.
test('a relative @ca is written as an absolute path, quoted: swaks, curl, python and nodemailer run from another folder verify with it', async () => {
  const folder = join(dir, "it's here");
  await mkdir(folder);
  await writeFile(join(folder, 'ca.pem'), server.certificatePem);
  const transcript = join(folder, 'relative-ca.smtp');
  await writeFile(transcript, [`@server = 127.0.0.1:${server.port}`, '@ca = ./ca.pem', await readFile(join(REPO, 'examples/templates/submission.smtp'), 'utf8')].join('\n'));
  for (const [target, command, args] of [['swaks', 'bash', ['--norc', '-c']], ['curl', 'bash', ['--norc', '-c']], ['python', 'python3', ['-']], ['nodemailer', process.execPath, ['-']]] as const) {
    const cli = await runCli(['export', '--as', target, transcript]);
    assert.deepEqual({ code: cli.code, stderr: cli.stderr }, { code: 0, stderr: '' });
    const { envelope } = await delivered(() => (target === 'swaks' || target === 'curl' ? run(command, [...args, cli.stdout]) : run(command, [...args], cli.stdout)));
    assert.deepEqual(envelope, submitted, target);
  }
});
