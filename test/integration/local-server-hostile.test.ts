// Hostile clients of the local server: a TLS handshake or binary junk on the plain port, a line with no end, a
// stream of wrong commands, a reset mid-message, plain text pipelined after STARTTLS, SMTP smuggling (a DATA end
// with a bare LF), and close() with clients still connected. Each gets a bounded answer, and the server goes on serving.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalServer, type LocalServer } from '../../server/src/smtpTestServer/localServer';
import { SmtpTestConnection } from '../servers/smtpTestConnection';

let server: LocalServer;
let mailDir: string;
const GREETING = '220 localhost ESMTP smtp-transcripts local test server\r\n';

/** Everything the server sends on a raw connection after `send` is written, until it closes. */
function rawConversation(port: number, send: (socket: Socket) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('error', reject);
    socket.once('data', () => send(socket));
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('close', () => resolve(received));
  });
}

async function stillServes(): Promise<void> {
  const connection = await SmtpTestConnection.open(server.host, server.port);
  assert.deepEqual(await connection.readReply(), [GREETING.trimEnd()]);
  assert.deepEqual(await connection.command('NOOP'), ['250 2.0.0 OK']);
  connection.close();
}

describe('local server: hostile clients', () => {
  before(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'local-hostile-'));
    server = await startLocalServer({ mailDir });
  });
  after(async () => {
    await server.close();
    await rm(mailDir, { recursive: true, force: true });
  });

  test('a line with no end past 64 KiB: 421 4.5.2 and the connection closed', async () => {
    const received = await rawConversation(server.port, (socket) => socket.write('X'.repeat(200 * 1024)));
    assert.equal(received, `${GREETING}421 4.5.2 localhost Line too long - closing connection\r\n`);
    await stillServes();
  });

  test('a command line past 1012 octets is refused, the session goes on', async () => {
    const connection = await SmtpTestConnection.open(server.host, server.port);
    await connection.readReply();
    assert.deepEqual(await connection.command(`NOOP ${'x'.repeat(1100)}`), ['500 5.5.2 Error: line too long']);
    assert.deepEqual(await connection.command('NOOP'), ['250 2.0.0 OK']);
    connection.close();
  });

  test('after twenty refused commands (a TLS ClientHello on the plain port, junk) the session ends with 421 4.7.0', async () => {
    const junk = Buffer.concat([Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03, 0x0a]), Buffer.from('FROB\r\n'.repeat(25))]);
    const received = await rawConversation(server.port, (socket) => socket.write(junk));
    const lines = received.split('\r\n').filter(Boolean);
    // The handshake's bytes hold control characters: refused as no command at all.
    const handshake = '500 5.5.2 Error: control characters in the command';
    assert.deepEqual(lines, [GREETING.trimEnd(), handshake, ...Array(19).fill('500 5.5.1 Error: command not recognized'), '421 4.7.0 localhost Too many errors - closing connection']);
    await stillServes();
  });

  test('a client reset in the middle of DATA: nothing stored, the server goes on', async () => {
    const connection = await SmtpTestConnection.open(server.host, server.port);
    await connection.readReply();
    await connection.command('EHLO client.test');
    await connection.command('MAIL FROM:<a@client.test>');
    await connection.command('RCPT TO:<b@example.com>');
    await connection.command('DATA');
    connection.write('Subject: half\r\n\r\nhalf a mess');
    connection.close();
    await stillServes();
    assert.deepEqual(server.messages, []);
  });

  test('plain text pipelined after STARTTLS is dropped, never read as a command (RFC 3207 §5)', async () => {
    const connection = await SmtpTestConnection.open(server.host, server.port);
    await connection.readReply();
    await connection.command('EHLO client.test');
    connection.write('STARTTLS\r\nMAIL FROM:<injected@client.test>\r\n');
    assert.deepEqual(await connection.readReply(), ['220 2.0.0 Ready to start TLS']);
    connection.close();
    await stillServes();
  });

  // SMTP smuggling: a server that takes `<LF>.<LF>` (or a mix with CRLF) as the end of DATA reads what follows as
  // commands, a second message the sender never authorized. RFC 5321 §4.1.1.4: only `<CRLF>.<CRLF>` ends it.
  for (const [name, ending] of [['<LF>.<LF>', '\n.\n'], ['<CRLF>.<LF>', '\r\n.\n'], ['<LF>.<CRLF>', '\n.\r\n']]) {
    test(`${name} does not end DATA: the commands after it stay content of the one message (no smuggling)`, async () => {
      const before = server.received;
      const smuggled = 'MAIL FROM:<evil@example.com>\r\nRCPT TO:<c@example.com>\r\nDATA\r\nSubject: smuggled\r\n';
      const received = await rawConversation(server.port, (socket) =>
        socket.write(`EHLO client.test\r\nMAIL FROM:<a@client.test>\r\nRCPT TO:<b@example.com>\r\nDATA\r\nSubject: one\r\n\r\nbody${ending}${smuggled}.\r\nQUIT\r\n`),
      );
      const codes = received.split('\r\n').filter(Boolean).map((line) => line.slice(0, 4)).filter((code) => code !== '250-');
      assert.deepEqual(codes, ['220 ', '250 ', '250 ', '250 ', '354 ', '250 ', '221 '], received);
      assert.equal(server.received, before + 1);
      const message = server.messages[server.messages.length - 1];
      assert.deepEqual([message.mailFrom, message.recipients], ['a@client.test', ['b@example.com']]);
      // Stored as sent: the bare-LF dot line is content (a lone dot is no stuffed one, RFC 5321 §4.5.2), the would-be
      // commands too.
      const stored = await readFile(message.file, 'latin1');
      assert.ok(stored.endsWith(`Subject: one\r\n\r\nbody${ending}${smuggled}`), JSON.stringify(stored.slice(-160)));
    });
  }

  test('close() tells every open connection 421 4.3.2, and they are closed', async () => {
    const own = await startLocalServer({ mailDir });
    const clients = await Promise.all([own.port, own.port].map((port) => SmtpTestConnection.open(own.host, port)));
    await Promise.all(clients.map((client) => client.readReply()));
    await own.close();
    for (const client of clients) {
      assert.deepEqual(await client.readReply(), ['421 4.3.2 localhost Server shutting down']);
      await client.closedByServer();
    }
  });

  test('a client that pipelines without reading its replies is not answered into memory: the server waits, then every reply arrives', { timeout: 60_000 }, async () => {
    let written = 0;
    const tap = { fromClient: () => undefined, fromServer: (bytes: Buffer) => void (written += bytes.length), tlsStarted: () => undefined, closed: () => undefined };
    const own = await startLocalServer({ mailDir, recordSession: () => tap });
    const socket = connect(own.port, '127.0.0.1');
    const commands = 300_000;
    // HELP's reply is some twenty times the command: 1.8 MB asked for, 40 MB answered.
    socket.write('HELP\r\n'.repeat(commands));
    socket.pause();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const heldBack = written;
    const help = '214-2.0.0 Commands: EHLO HELO LHLO MAIL RCPT DATA BDAT RSET NOOP VRFY HELP QUIT STARTTLS AUTH\r\n214 2.0.0 See RFC 5321, RFC 3030 and RFC 2033\r\n';
    const answered = `${GREETING}${help.repeat(commands)}`;
    const chunks: Buffer[] = [];
    let octets = 0;
    const closed = new Promise<void>((resolve) => socket.on('close', resolve));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      octets += chunk.length;
      if (octets === answered.length) socket.end('QUIT\r\n');
    });
    socket.resume();
    await closed;
    await own.close();
    assert.ok(heldBack < 16 * 1024 * 1024, `the server wrote ${heldBack} octets to a client that read none`);
    assert.equal(Buffer.concat(chunks).toString('latin1'), `${answered}221 2.0.0 Bye\r\n`);
  });
});
