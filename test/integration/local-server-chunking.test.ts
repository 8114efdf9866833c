// The local server's CHUNKING and BINARYMIME (RFC 3030) and its MAIL parameter checks, on the bytes a client
// receives and the files it stores.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalServer, type LocalServer } from '../../server/src/smtpTestServer/localServer';
import { SmtpTestConnection } from '../servers/smtpTestConnection';

let server: LocalServer;
let mailDir: string;
const SIZE = 100;

/** Connected, greeted, EHLO sent, and MAIL/RCPT when `transaction`. */
async function ready(transaction: boolean): Promise<SmtpTestConnection> {
  const connection = await SmtpTestConnection.open(server.host, server.port);
  await connection.readReply();
  await connection.command('EHLO client.test');
  if (transaction) {
    await connection.command('MAIL FROM:<sender@client.test>');
    await connection.command('RCPT TO:<alice@example.com>');
  }
  return connection;
}

describe('local server: BDAT (RFC 3030)', () => {
  before(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'local-bdat-'));
    server = await startLocalServer({ mailDir, size: SIZE });
  });
  after(async () => {
    await server.close();
    await rm(mailDir, { recursive: true, force: true });
  });

  test('chunks are stored exactly as sent: no dot-unstuffing, bare LF kept, BDAT 0 LAST ends the message', async () => {
    const connection = await ready(true);
    const first = 'Subject: chunks\r\n\r\n..two dots\n';
    connection.write(`BDAT ${first.length}\r\n${first}`);
    assert.deepEqual(await connection.readReply(), [`250 2.0.0 ${first.length} octets received`]);
    connection.write('BDAT 3\r\n.\r\n');
    assert.deepEqual(await connection.readReply(), ['250 2.0.0 3 octets received']);
    const [stored] = await connection.command('BDAT 0 LAST');
    const message = server.messages.at(-1)!;
    assert.equal(stored, `250 2.6.0 Message stored as ${message.id}`);
    assert.equal(await readFile(message.file, 'latin1'), `${first}.\r\n`);
    assert.deepEqual([message.mailFrom, message.recipients, message.size], ['sender@client.test', ['alice@example.com'], first.length + 3]);
    assert.deepEqual(await connection.command('QUIT'), ['221 2.0.0 Bye']);
  });

  test('DATA after BDAT in one transaction, and DATA for BODY=BINARYMIME, are refused with 503 5.5.1', async () => {
    const connection = await ready(true);
    connection.write('BDAT 2\r\nHi');
    await connection.readReply();
    assert.deepEqual(await connection.command('DATA'), ['503 5.5.1 Error: DATA cannot follow BDAT in a transaction']);
    assert.deepEqual(await connection.command('RSET'), ['250 2.0.0 OK']);
    assert.deepEqual(await connection.command('MAIL FROM:<sender@client.test> BODY=BINARYMIME'), ['250 2.1.0 Accepted']);
    await connection.command('RCPT TO:<alice@example.com>');
    assert.deepEqual(await connection.command('DATA'), ['503 5.5.1 Error: BODY=BINARYMIME content must be sent with BDAT']);
    connection.close();
  });

  test('a tab after the verb ends it, as the transcript reads it: `BDAT<tab>6 LAST` is a chunk, not a command; a blank before the verb leaves none', async () => {
    const connection = await ready(true);
    connection.write('BDAT\t6 LAST\r\nNOOP\r\n');
    const message = () => server.messages.at(-1)!;
    assert.deepEqual(await connection.readReply(), [`250 2.6.0 Message stored as ${message().id}`]);
    assert.equal(await readFile(message().file, 'latin1'), 'NOOP\r\n');
    assert.deepEqual(await connection.command('NOOP\t'), ['250 2.0.0 OK']);
    assert.deepEqual(await connection.command(' NOOP'), ['500 5.5.1 Error: command not recognized']);
    connection.close();
  });

  test('a chunk outside a transaction is read and refused; the next command is read as a command', async () => {
    const connection = await ready(false);
    connection.write('BDAT 6\r\nNOOP\r\n');
    assert.deepEqual(await connection.readReply(), ['503 5.5.1 Error: need MAIL command']);
    assert.deepEqual(await connection.command('NOOP'), ['250 2.0.0 OK']);
    assert.deepEqual(await connection.command('BDAT x'), ['501 5.5.4 Error: Syntax: BDAT size [LAST]']);
    connection.close();
  });

  test('chunks past SIZE: the octets are read and dropped, 552 5.3.4, the transaction ends, nothing is stored', async () => {
    const before = (await readdir(mailDir)).length;
    const connection = await ready(true);
    connection.write(`BDAT 60\r\n${'a'.repeat(60)}`);
    assert.deepEqual(await connection.readReply(), ['250 2.0.0 60 octets received']);
    connection.write(`BDAT 60 LAST\r\n${'b'.repeat(60)}`);
    assert.deepEqual(await connection.readReply(), [`552 5.3.4 Error: message exceeds fixed maximum message size ${SIZE}`]);
    connection.write('BDAT 1 LAST\r\nx');
    assert.deepEqual(await connection.readReply(), ['503 5.5.1 Error: need MAIL command']);
    await connection.command('MAIL FROM:<sender@client.test>');
    await connection.command('RCPT TO:<alice@example.com>');
    connection.write(`BDAT 100000 LAST\r\n${'c'.repeat(100000)}`);
    assert.deepEqual(await connection.readReply(), [`552 5.3.4 Error: message exceeds fixed maximum message size ${SIZE}`]);
    assert.deepEqual(await connection.command('NOOP'), ['250 2.0.0 OK']);
    assert.equal((await readdir(mailDir)).length, before);
    connection.close();
  });
});

describe('local server: MAIL and RCPT parameters, checked against the parameter table', () => {
  before(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'local-params-'));
    server = await startLocalServer({ mailDir, size: SIZE });
  });
  after(async () => {
    await server.close();
    await rm(mailDir, { recursive: true, force: true });
  });

  test('SIZE over the limit, an unknown or unadvertised parameter, a bad value, a bad path, text after the path, UTF-8 without SMTPUTF8', async () => {
    const connection = await ready(false);
    const replies = [];
    for (const command of [
      'MAIL FROM:<a@client.test> SIZE=101',
      'MAIL FROM:<a@client.test> FROB=1',
      'MAIL FROM:<a@client.test> REQUIRETLS',
      'MAIL FROM:<a@client.test> BODY=9BIT',
      'MAIL FROM:<not-an-address>',
      'MAIL FROM:<a@client.test>x SIZE=10',
      'MAIL FROM:<jörg@client.test>',
      'MAIL FROM:<> SIZE=100 BODY=8BITMIME RET=HDRS ENVID=x1',
      'RCPT TO:<b@example.com> NOTIFY=NEVER,SUCCESS',
      'RCPT TO:<b@example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b@example.com',
      'RCPT TO:<Postmaster>',
    ]) {
      replies.push(...(await connection.command(command)));
    }
    assert.deepEqual(replies, [
      `552 5.3.4 Error: message exceeds fixed maximum message size ${SIZE}`,
      '555 5.5.4 Error: FROB parameter not supported',
      '555 5.5.4 Error: REQUIRETLS parameter not supported',
      '501 5.5.4 Error: BODY must be one of 7BIT, 8BITMIME, BINARYMIME, not "9BIT".',
      '501 5.1.7 Error: Bad sender address syntax',
      '501 5.5.4 Error: Syntax: MAIL FROM:<address>',
      '553 5.6.7 Error: non-ASCII address without the SMTPUTF8 parameter',
      '250 2.1.0 Accepted',
      '501 5.5.4 Error: NOTIFY=NEVER cannot be combined with other values.',
      '250 2.1.5 Accepted',
      '250 2.1.5 Accepted',
    ]);
    connection.close();
  });

  test('HELO: no ESMTP parameters (RFC 5321 §4.1.1.11); no MAIL before a greeting', async () => {
    const connection = await SmtpTestConnection.open(server.host, server.port);
    await connection.readReply();
    assert.deepEqual(await connection.command('MAIL FROM:<a@client.test>'), ['503 5.5.1 Error: send HELO/EHLO first']);
    assert.deepEqual(await connection.command('HELO client.test'), ['250 localhost Nice to meet you, [127.0.0.1]']);
    assert.deepEqual(await connection.command('MAIL FROM:<a@client.test> SIZE=10'), ['555 5.5.4 Error: parameters need EHLO']);
    assert.deepEqual(await connection.command('VRFY bob'), ['252 2.1.5 Cannot VRFY user, but will accept message and attempt delivery']);
    assert.deepEqual(await connection.command('EXPN staff'), ['502 5.5.1 Error: EXPN not implemented']);
    assert.deepEqual(await connection.command('HELP'), [
      '214-2.0.0 Commands: EHLO HELO LHLO MAIL RCPT DATA BDAT RSET NOOP VRFY HELP QUIT STARTTLS AUTH',
      '214 2.0.0 See RFC 5321, RFC 3030 and RFC 2033',
    ]);
    connection.close();
  });

  test('AUTH (RFC 4954): cancelled with *, undecodable, an unknown mechanism, and no second AUTH once authenticated', async () => {
    const connection = await SmtpTestConnection.open(server.host, server.tlsPort, { ca: server.certificatePem, servername: 'localhost' });
    await connection.readReply();
    await connection.command('EHLO client.test');
    const replies = [];
    for (const line of ['AUTH LOGIN', '*', 'AUTH PLAIN not-base64!', 'AUTH GSSAPI', 'AUTH CRAM-MD5']) replies.push(...(await connection.command(line)));
    const [challenge] = replies.splice(-1);
    assert.match(challenge, /^334 \S+$/);
    replies.push(...(await connection.command('*')));
    const plain = Buffer.from('\0testuser\0testpass').toString('base64');
    replies.push(...(await connection.command(`AUTH PLAIN ${plain}`)), ...(await connection.command(`AUTH PLAIN ${plain}`)));
    assert.deepEqual(replies, [
      '334 VXNlcm5hbWU6',
      '501 5.7.0 Authentication aborted',
      '501 5.5.2 Error: cannot decode the response',
      '504 5.5.4 Error: Unrecognized authentication type',
      '501 5.7.0 Authentication aborted',
      '235 2.7.0 Authentication successful',
      '503 5.5.1 Error: No identity changes permitted',
    ]);
    connection.close();
  });
});
