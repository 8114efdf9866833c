import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { startLocalServer, type LocalServer, type ReceivedMessage } from '../../server/src/smtpTestServer/localServer';
import { recordingFolder } from '../../server/src/record/recordingFolder';
import { probePort } from '../servers/available';
import { SmtpTestConnection, type TlsSettings } from '../servers/smtpTestConnection';

const run = promisify(execFile);
const plainAuth = (user: string, password: string): string => Buffer.from(`\0${user}\0${password}`).toString('base64');

async function withServer(
  run: (server: LocalServer, mailDir: string, received: ReceivedMessage[]) => Promise<void>,
): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'local-server-'));
  const mailDir = join(root, 'mail');
  const received: ReceivedMessage[] = [];
  const server = await startLocalServer({ mailDir, onMessage: (message) => received.push(message) });
  try {
    await run(server, mailDir, received);
  } finally {
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
}

function trust(server: LocalServer): TlsSettings {
  return { ca: server.certificatePem, servername: 'localhost' };
}

/** Connects, reads the greeting, STARTTLS (verified) and EHLO again. */
async function secured(server: LocalServer): Promise<SmtpTestConnection> {
  const connection = await SmtpTestConnection.open(server.host, server.port);
  await connection.readReply();
  await connection.command('EHLO client.test');
  await connection.startTls(trust(server));
  await connection.command('EHLO client.test');
  return connection;
}

describe('local SMTP server', () => {
  test('greets and lists its extensions on the plain port', () =>
    withServer(async (server) => {
      const connection = await SmtpTestConnection.open(server.host, server.port);
      assert.deepEqual(await connection.readReply(), ['220 localhost ESMTP smtp-transcripts local test server']);
      assert.deepEqual(await connection.command('EHLO client.test'), [
        '250-localhost Nice to meet you, [127.0.0.1]',
        '250-PIPELINING',
        '250-8BITMIME',
        '250-SMTPUTF8',
        '250-ENHANCEDSTATUSCODES',
        '250-DSN',
        '250-CHUNKING',
        '250-BINARYMIME',
        '250-AUTH PLAIN LOGIN CRAM-MD5',
        '250-STARTTLS',
        '250 SIZE 10485760',
      ]);
      assert.deepEqual(await connection.command('QUIT'), ['221 2.0.0 Bye']);
      await connection.closedByServer();
    }));

  test('upgrades with STARTTLS to a connection verified against the shipped certificate', () =>
    withServer(async (server) => {
      const connection = await SmtpTestConnection.open(server.host, server.port);
      await connection.readReply();
      await connection.command('EHLO client.test');
      assert.deepEqual(await connection.startTls(trust(server)), ['220 2.0.0 Ready to start TLS']);
      assert.equal(connection.tlsSocket?.authorized, true);
      const ehlo = await connection.command('EHLO client.test');
      assert.equal(ehlo.includes('250-STARTTLS'), false);
      assert.equal(ehlo.at(-1), '250 SIZE 10485760');
      connection.close();
    }));

  test('speaks TLS from the first byte on the implicit-TLS port', () =>
    withServer(async (server) => {
      const connection = await SmtpTestConnection.open(server.host, server.tlsPort, trust(server));
      assert.equal(connection.tlsSocket?.authorized, true);
      assert.deepEqual(await connection.readReply(), ['220 localhost ESMTP smtp-transcripts local test server']);
      connection.close();
    }));

  test('accepts AUTH PLAIN with the test account and answers 535 to a wrong password', () =>
    withServer(async (server) => {
      const connection = await secured(server);
      assert.deepEqual(await connection.command(`AUTH PLAIN ${plainAuth('testuser', 'wrong')}`), [
        '535 5.7.8 Authentication credentials invalid',
      ]);
      assert.deepEqual(await connection.command(`AUTH PLAIN ${plainAuth('testuser', 'testpass')}`), [
        '235 2.7.0 Authentication successful',
      ]);
      connection.close();
    }));

  test('refuses AUTH before TLS (RFC 4954 §4)', () =>
    withServer(async (server) => {
      const connection = await SmtpTestConnection.open(server.host, server.port);
      await connection.readReply();
      await connection.command('EHLO client.test');
      assert.deepEqual(await connection.command(`AUTH PLAIN ${plainAuth('testuser', 'testpass')}`), [
        '538 5.7.11 Error: Must issue a STARTTLS command first',
      ]);
      connection.close();
    }));

  test('rejects a recipient at reject.test with 550 5.1.1', () =>
    withServer(async (server) => {
      const connection = await SmtpTestConnection.open(server.host, server.port);
      await connection.readReply();
      await connection.command('EHLO client.test');
      assert.deepEqual(await connection.command('MAIL FROM:<sender@test.local>'), ['250 2.1.0 Accepted']);
      assert.deepEqual(await connection.command('RCPT TO:<bob@reject.test>'), [
        '550 5.1.1 <bob@reject.test>: recipient rejected: reject.test is a rejecting test domain',
      ]);
      assert.deepEqual(await connection.command('RCPT TO:<alice@example.com>'), ['250 2.1.5 Accepted']);
      connection.close();
    }));

  test("Python's smtplib sends quoted local parts with a space (RFC 5321 §4.1.2): accepted, the envelope kept as written", () =>
    withServer(async (server, _mailDir, received) => {
      const script = [
        'import smtplib',
        `with smtplib.SMTP("${server.host}", ${server.port}, local_hostname="client.test") as s:`,
        '    s.sendmail(\'"john doe"@client.test\', [\'"team lead"@example.com\', "bob@example.com"], "Subject: quoted\\r\\n\\r\\nhi\\r\\n")',
      ].join('\n');
      await run('python3', ['-c', script]);
      assert.deepEqual(
        received.map((m) => [m.mailFrom, m.recipients]),
        [['"john doe"@client.test', ['"team lead"@example.com', 'bob@example.com']]],
      );
      assert.match(await readFile(received[0].file, 'utf8'), /Subject: quoted\r\n\r\nhi\r\n$/);
    }));

  test('stores a DATA message as an .eml file with the exact content, dot-unstuffed', () =>
    withServer(async (server, mailDir, received) => {
      const connection = await secured(server);
      await connection.command(`AUTH PLAIN ${plainAuth('testuser', 'testpass')}`);
      await connection.command('MAIL FROM:<sender@test.local>');
      await connection.command('RCPT TO:<alice@example.com>');
      await connection.command('RCPT TO:<bob@example.com>');
      assert.deepEqual(await connection.command('DATA'), ['354 End data with <CR><LF>.<CR><LF>']);
      const wire = 'Subject: hello\r\n\r\n..starts with a dot\r\nGrüße\r\n.\r\n';
      connection.write(wire);
      const [reply] = await connection.readReply();
      assert.match(reply, /^250 2\.6\.0 Message stored as \S+$/);
      const [message] = server.messages;
      assert.deepEqual(received, server.messages);
      assert.deepEqual(await readdir(mailDir), [basename(message.file)]);
      assert.match(basename(message.file), /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-.+\.eml$/);
      const content = 'Subject: hello\r\n\r\n.starts with a dot\r\nGrüße\r\n';
      assert.equal(await readFile(message.file, 'utf8'), content);
      assert.deepEqual(
        { ...message, file: basename(message.file), receivedAt: undefined },
        {
          id: message.id,
          file: basename(message.file),
          mailFrom: 'sender@test.local',
          recipients: ['alice@example.com', 'bob@example.com'],
          size: Buffer.byteLength(content),
          receivedAt: undefined,
          secure: true,
          user: 'testuser',
        },
      );
      assert.equal(reply, `250 2.6.0 Message stored as ${message.id}`);
      connection.close();
    }));

  test('lists the newest messages and recordings only, counts them all, and keeps every file (smtplib, 3 sessions)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'local-server-'));
    const mailDir = join(root, 'mail');
    const sessionsDir = join(root, 'sessions');
    await mkdir(sessionsDir);
    const recordings = recordingFolder(sessionsDir, { recorder: 'test', list: 1 });
    const server = await startLocalServer({ mailDir, listMessages: 2, recordSession: recordings.tap });
    try {
      const script = [
        'import smtplib',
        'for n in (1, 2, 3):',
        `    with smtplib.SMTP("${server.host}", ${server.port}, local_hostname="client.test") as s:`,
        '        s.sendmail("sender@client.test", ["to%d@example.com" % n], "Subject: %d\\r\\n\\r\\nhi\\r\\n" % n)',
      ].join('\n');
      await run('python3', ['-c', script]);
      assert.equal(server.received, 3);
      assert.deepEqual(server.messages.map((m) => m.recipients), [['to2@example.com'], ['to3@example.com']]);
      assert.equal((await readdir(mailDir)).length, 3);
      // A recording is written once its connection has closed.
      const deadline = Date.now() + 10_000;
      while (recordings.savedCount < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.equal(recordings.savedCount, 3);
      assert.equal(recordings.saved.length, 1);
      assert.match(await readFile(recordings.saved[0].file, 'utf8'), /^C: rcpt TO:<to3@example\.com>$/m);
      assert.equal((await readdir(sessionsDir)).length, 3);
    } finally {
      await server.close();
      await rm(root, { recursive: true, force: true });
    }
  });

  test('logs the protocol through onLog, AUTH data masked', async () => {
    const root = await mkdtemp(join(tmpdir(), 'local-server-'));
    const log: string[] = [];
    const server = await startLocalServer({ mailDir: join(root, 'mail'), onLog: (line) => log.push(line) });
    const connection = await secured(server);
    const credentials = plainAuth('testuser', 'testpass');
    await connection.command(`AUTH PLAIN ${credentials}`);
    connection.close();
    await server.close();
    const lines = log.map((line) => line.replace(/^(\w+) \[\w+\]/, '$1 [id]'));
    const auth = lines.indexOf('debug [id] C: AUTH PLAIN /* secured */');
    assert.deepEqual(lines.slice(auth - 2, auth + 3), [
      'debug [id] S: 250-AUTH PLAIN LOGIN CRAM-MD5',
      'debug [id] S: 250 SIZE 10485760',
      'debug [id] C: AUTH PLAIN /* secured */',
      'info [id] testuser authenticated using PLAIN',
      'debug [id] S: 235 2.7.0 Authentication successful',
    ]);
    assert.equal(log.some((line) => line.includes(credentials)), false);
    await rm(root, { recursive: true, force: true });
  });

  test('an AUTH line with a blank before the verb is refused as unknown, and its credentials are masked in the log all the same', async () => {
    const root = await mkdtemp(join(tmpdir(), 'local-server-'));
    const log: string[] = [];
    const server = await startLocalServer({ mailDir: join(root, 'mail'), onLog: (line) => log.push(line) });
    const connection = await secured(server);
    const credentials = plainAuth('testuser', 'testpass');
    assert.deepEqual(await connection.command(` AUTH PLAIN ${credentials}`), ['500 5.5.1 Error: command not recognized']);
    connection.close();
    await server.close();
    assert.deepEqual(log.map((line) => line.replace(/^(\w+) \[\w+\]/, '$1 [id]')).filter((line) => line.includes(' C: ')), ['debug [id] C: EHLO client.test', 'debug [id] C: STARTTLS', 'debug [id] C: EHLO client.test', 'debug [id] C:  AUTH PLAIN ****']);
    assert.equal(log.some((line) => line.includes(credentials)), false);
    await rm(root, { recursive: true, force: true });
  });

  test('survives a bare TCP probe of the TLS port, even when closed right after it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'local-server-'));
    const server = await startLocalServer({ mailDir: join(root, 'mail') });
    assert.equal(await probePort(server.host, server.tlsPort), undefined);
    const connection = await SmtpTestConnection.open(server.host, server.tlsPort, trust(server));
    assert.deepEqual(await connection.readReply(), ['220 localhost ESMTP smtp-transcripts local test server']);
    connection.close();
    assert.equal(await probePort(server.host, server.tlsPort), undefined);
    await server.close();
    assert.equal(await probePort(server.host, server.tlsPort), 'ECONNREFUSED');
    await rm(root, { recursive: true, force: true });
  });

  test('close() frees both ports', async () => {
    const root = await mkdtemp(join(tmpdir(), 'local-server-'));
    const server = await startLocalServer({ mailDir: join(root, 'mail') });
    const connection = await SmtpTestConnection.open(server.host, server.port);
    await connection.readReply();
    await server.close();
    assert.equal(await probePort(server.host, server.port), 'ECONNREFUSED');
    assert.equal(await probePort(server.host, server.tlsPort), 'ECONNREFUSED');
    for (const port of [server.port, server.tlsPort]) {
      const listener = createServer();
      await new Promise<void>((resolve, reject) => listener.once('error', reject).listen(port, '127.0.0.1', resolve));
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    }
    connection.close();
    await rm(root, { recursive: true, force: true });
  });
});
