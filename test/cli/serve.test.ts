import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli, spawnCli } from '../support/cli';

test('serve runs the local server until interrupted; a replay against it stores the message as .eml', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-serve-'));
  const mailDir = path.join(dir, 'mail');
  const child = spawnCli(['serve', '--port', '0', '--tls-port', '0', '--mail-dir', mailDir]);
  let out = '';
  const ports = await new Promise<{ port: number }>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /on 127\.0\.0\.1:(\d+) \(STARTTLS\)/.exec(out);
      if (match) resolve({ port: Number(match[1]) });
    });
    child.once('exit', (code: number | null) => reject(new Error(`serve exited early with ${code}: ${out}`)));
  });
  const transcript = path.join(dir, 'send.smtp');
  writeFileSync(
    transcript,
    'S: 220 *\nC: EHLO client.test\nS: 250 *\nC: MAIL FROM:<a@client.test>\nS: 250 *\nC: RCPT TO:<b@example.com>\nS: 250 *\nC: DATA\nS: 354 *\nC: Subject: served\nC:\nC: ..dot\nC: .\nS: 250 *\nC: QUIT\nS: 221 *\n',
  );
  const replay = await runCli(['replay', '--server', `127.0.0.1:${ports.port}`, transcript]);
  assert.equal(replay.code, 0, replay.stdout + replay.stderr);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  assert.equal(await exited, 0);
  assert.match(out, /received .*\.eml from <a@client\.test> to <b@example\.com>/);
  assert.match(out, /stopped; 1 message\(s\) received/);
  const [stored] = readdirSync(mailDir);
  assert.equal(readFileSync(path.join(mailDir, stored), 'utf8'), 'Subject: served\r\n\r\n.dot\r\n');
});

test('serve on a port in use: one clear line, exit 2', async () => {
  const { createServer } = await import('node:net');
  const blocker = createServer();
  await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
  const { port } = blocker.address() as { port: number };
  const run = await runCli(['serve', '--port', String(port), '--tls-port', '0', '--mail-dir', mkdtempSync(path.join(tmpdir(), 'smtp-serve-'))]);
  blocker.close();
  assert.equal(run.code, 2);
  assert.equal(run.stderr, `smtp-transcript serve: cannot listen: --port ${port} is already in use (try --port 0)\n`);
});

test('serve with a misspelt option or a file argument: one line naming it, exit 2, nothing started', async () => {
  const misspelt = await runCli(['serve', '--prot', '2525']);
  assert.deepEqual([misspelt.code, misspelt.stderr], [2, 'smtp-transcript serve: unknown option --prot: did you mean --port? (--help lists the options)\n']);
  const positional = await runCli(['serve', 'examples/classic.smtp']);
  assert.deepEqual([positional.code, positional.stderr], [2, "smtp-transcript serve: serve takes no files: 'examples/classic.smtp' (--help lists its options)\n"]);
  const help = await runCli(['serve', '--help', 'examples/classic.smtp']);
  assert.deepEqual([help.code, help.stdout.startsWith('usage: smtp-transcript serve')], [0, true]);
  assert.ok(
    help.stdout.endsWith(`\n\nExit code: 0 stopped with Ctrl-C or SIGTERM, 2 it cannot start (a port in use, --port equal to --tls-port, a
--mail-dir that is a file, a bad option value).\n`),
    help.stdout,
  );
});

test('serve --write-cert writes the certificate to trust, says how, and replay --ca verifies the server with it', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-serve-'));
  const cert = path.join(dir, 'local-cert.pem');
  const child = spawnCli(['serve', '--port', '0', '--tls-port', '0', '--mail-dir', path.join(dir, 'mail'), '--write-cert', cert]);
  let out = '';
  const tlsPort = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /and 127\.0\.0\.1:(\d+) \(implicit TLS\)[^]*Press Ctrl-C/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code: number | null) => reject(new Error(`serve exited early with ${code}: ${out}`)));
  });
  assert.match(out, new RegExp(`^certificate \\(self-signed, localhost\\) written to ${cert.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: trust it with replay --ca `, 'm'));
  assert.match(readFileSync(cert, 'utf8'), /^-----BEGIN CERTIFICATE-----\n[^]*\n-----END CERTIFICATE-----\n?$/);
  const transcript = path.join(dir, 'tls.smtp');
  writeFileSync(transcript, 'S: 220 *\nC: EHLO client.test\nS: 250 *\nC: QUIT\nS: 221 *\n');
  const target = ['--server', `127.0.0.1:${tlsPort}`, '--tls', 'implicit', transcript];
  const untrusted = await runCli(['replay', ...target]);
  const trusted = await runCli(['replay', '--ca', cert, ...target]);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  assert.equal(await exited, 0);
  assert.equal(untrusted.code, 2, untrusted.stdout);
  assert.equal(trusted.code, 0, trusted.stdout + trusted.stderr);
  assert.match(trusted.stdout, /TLS: TLSv1\.\d \S+, verified; certificate CN=localhost/);
});

test('serve refuses what cannot work, with the reason: exit 2', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-serve-'));
  const aFile = path.join(dir, 'not-a-dir');
  writeFileSync(aFile, 'x');
  const cases: Array<[string[], string]> = [
    [['--mail-dir', aFile], `--mail-dir ${aFile}: is a file, not a directory`],
    [['--mail-dir', path.join(aFile, 'mail')], `--mail-dir ${path.join(aFile, 'mail')}: is a file, not a directory`],
    [['--port', '2600', '--tls-port', '2600'], '--port and --tls-port are both 2600: the two servers need a port each'],
    [['--user', ''], "--user takes a user name without spaces, not ''"],
    [['--reject-domain', ''], "--reject-domain takes a domain such as reject.test, not ''"],
    [['--port', ''], "--port takes a port number from 0 to 65535, not ''"],
  ];
  for (const [args, message] of cases) {
    const run = await runCli(['serve', '--mail-dir', path.join(dir, 'mail'), ...args]);
    assert.deepEqual([run.code, run.stderr], [2, `smtp-transcript serve: ${message}\n`], args.join(' '));
  }
});

test('serve --command-timeout/--min-rate: a dripping client gets 421 4.4.2 and a close; bad values: exit 2', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-serve-'));
  const child = spawnCli(['serve', '--port', '0', '--tls-port', '0', '--mail-dir', path.join(dir, 'mail'), '--command-timeout', '1s', '--min-rate', '100']);
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /on 127\.0\.0\.1:(\d+) \(STARTTLS\)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code: number | null) => reject(new Error(`serve exited early with ${code}: ${out}`)));
  });
  const { connect } = await import('node:net');
  const socket = connect(port, '127.0.0.1');
  const received = await new Promise<string>((resolve, reject) => {
    let text = '';
    let timer: NodeJS.Timeout | undefined;
    const drip = 'NOOP with more octets than a second and 10 ms each allow\r\n';
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      let at = 0;
      timer ??= setInterval(() => (at < drip.length && !socket.destroyed ? socket.write(drip[at++]) : clearInterval(timer)), 100);
    });
    socket.on('close', () => (clearInterval(timer), resolve(text)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  assert.equal(await exited, 0);
  assert.equal(received.replace(/^220 .*\r\n/, ''), '421 4.4.2 localhost Client too slow - closing connection\r\n');
  for (const [option, value, message] of [
    ['--command-timeout', 'soon', "--command-timeout takes a duration such as 500ms, 10s or 2m, not 'soon'"],
    ['--min-rate', '0', "--min-rate takes a positive number of octets per second, not '0'"],
  ]) {
    const run = await runCli(['serve', option, value]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  }
});

test('serve: a command holding a control character is refused (500 5.5.2); a UTF-8 address is printed as text, never obeyed', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-serve-'));
  const child = spawnCli(['serve', '--port', '0', '--tls-port', '0', '--mail-dir', path.join(dir, 'mail')]);
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /on 127\.0\.0\.1:(\d+) \(STARTTLS\)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code: number | null) => reject(new Error(`serve exited early with ${code}: ${out}`)));
  });
  const { connect } = await import('node:net');
  const socket = connect(port, '127.0.0.1');
  const commands = [
    'EHLO x\x1b[2Jy',
    'EHLO client.test',
    'MAIL FROM:<\x1b]0;owned\x07a@client.test>',
    'MAIL FROM:<a\x00b@client.test> SIZE=1\r2',
    'MAIL FROM:<\u202eevil@client.test> SMTPUTF8',
    'RCPT TO:<b\x7f@example.com>',
    'RCPT TO:<b@example.com>',
    'DATA',
    'hi\r\n.',
    'QUIT',
  ];
  const received = await new Promise<string>((resolve, reject) => {
    let text = '';
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const next = commands.shift();
      if (next !== undefined) socket.write(`${next}\r\n`);
    });
    socket.on('close', () => resolve(text));
  });
  const stored = new Promise<void>((resolve) => {
    const look = (): void => void (out.includes('(4 octets)') ? resolve() : setTimeout(look, 20));
    look();
  });
  await stored;
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  assert.equal(await exited, 0);
  const refused = '500 5.5.2 Error: control characters in the command\r\n';
  const replies = received.replace(/^220 .*\r\n/, '').replace(/250-localhost[^]*?250 SIZE \d+\r\n/, 'EHLO\r\n').replace(/stored as \S+/, 'stored as ID');
  assert.equal(replies, `${refused}EHLO\r\n${refused}${refused}250 2.1.0 Accepted\r\n${refused}250 2.1.5 Accepted\r\n354 End data with <CR><LF>.<CR><LF>\r\n250 2.6.0 Message stored as ID\r\n221 2.0.0 Bye\r\n`);
  assert.match(out, /\nreceived \S+\.eml from <\\u202eevil@client\.test> to <b@example\.com> \(4 octets\)\n/);
});

test('serve says why a TLS handshake failed (curl refusing the certificate it was not given), and not for a port check', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-serve-'));
  const cert = path.join(dir, 'local-cert.pem');
  const child = spawnCli(['serve', '--port', '0', '--tls-port', '0', '--mail-dir', path.join(dir, 'mail'), '--write-cert', cert]);
  let out = '';
  const ports = await new Promise<{ port: number; tlsPort: number }>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /on 127\.0\.0\.1:(\d+) \(STARTTLS\) and 127\.0\.0\.1:(\d+) \(implicit TLS\)[^]*Press Ctrl-C/.exec(out);
      if (match) resolve({ port: Number(match[1]), tlsPort: Number(match[2]) });
    });
    child.once('exit', (code: number | null) => reject(new Error(`serve exited early with ${code}: ${out}`)));
  });
  const message = path.join(dir, 'message.txt');
  writeFileSync(message, 'Subject: tls\r\n\r\nhello\r\n');
  const curl = (url: string, trust: boolean) =>
    new Promise<void>((resolve) =>
      execFile('curl', ['-s', '--ssl-reqd', ...(trust ? ['--cacert', cert] : []), url, '--mail-from', 'a@example.com', '--mail-rcpt', 'b@example.com', '-T', message], () => resolve()),
    );
  await curl(`smtps://127.0.0.1:${ports.tlsPort}`, false);
  await curl(`smtp://127.0.0.1:${ports.port}`, false);
  // A port check: connected and closed without a word.
  await new Promise<void>((resolve) => connect(ports.tlsPort, '127.0.0.1', function (this: Socket) { this.end(); this.on('close', () => resolve()); }));
  await curl(`smtps://127.0.0.1:${ports.tlsPort}`, true);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  assert.equal(await exited, 0);
  const refused = 'the client refused the certificate (TLS alert: unknown ca): a client that verifies certificates must trust the one the server made at start (--write-cert FILE writes it)';
  assert.deepEqual(out.split('Press Ctrl-C to stop.\n')[1].replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT').replace(/received \S+\.eml/, 'received FILE.eml').split('\n'), [
    `TLS handshake from 127.0.0.1:PORT on the implicit-TLS port failed: ${refused}`,
    `TLS handshake from 127.0.0.1:PORT after STARTTLS failed: ${refused}`,
    'received FILE.eml from <a@example.com> to <b@example.com> (23 octets)',
    'stopped; 1 message(s) received',
    '',
  ]);
});
