// `recordSession`: a WireTap given to the local server sees the exact plaintext bytes each way, TLS included (after
// STARTTLS and from the first byte on the implicit-TLS port), when TLS starts and who closed.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalServer, type LocalServer } from '../../server/src/smtpTestServer/localServer';
import type { WireTap } from '../../server/src/smtpTestServer/wireTap';
import type { ListenAddress } from '../../server/src/smtpTestServer/socketListener';
import { SmtpTestConnection } from '../servers/smtpTestConnection';

type TapEvent = string;

/** A tap that writes `C: ...`/`S: ...` per run of bytes in one direction (reads may split or join lines). */
function recordingTap(events: TapEvent[], done: () => void): WireTap {
  const add = (direction: 'C' | 'S', bytes: Buffer): void => {
    const last = events.at(-1);
    if (last?.startsWith(`${direction}: `)) events[events.length - 1] = last + bytes.toString('utf8');
    else events.push(`${direction}: ${bytes.toString('utf8')}`);
  };
  return {
    fromClient: (bytes) => add('C', bytes),
    fromServer: (bytes) => add('S', bytes),
    tlsStarted: (mode, protocol) => events.push(`tls ${mode} ${protocol}`),
    closed: (by) => {
      events.push(`closed by ${by}`);
      done();
    },
  };
}

let server: LocalServer;
let mailDir: string;
const taps: Array<{ remote: string; server: ListenAddress; events: TapEvent[]; closed: Promise<void> }> = [];

const EHLO_PLAIN =
  'S: 250-localhost Nice to meet you, [127.0.0.1]\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-ENHANCEDSTATUSCODES\r\n250-DSN\r\n' +
  '250-CHUNKING\r\n250-BINARYMIME\r\n250-AUTH PLAIN LOGIN CRAM-MD5\r\n250-STARTTLS\r\n250 SIZE 10485760\r\n';
const GREETING = 'S: 220 localhost ESMTP smtp-transcripts local test server\r\n';

describe('local server: recordSession', () => {
  before(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'local-tap-'));
    server = await startLocalServer({
      mailDir,
      recordSession: (connection) => {
        const events: TapEvent[] = [];
        let done!: () => void;
        const closed = new Promise<void>((resolve) => (done = resolve));
        taps.push({ ...connection, events, closed });
        return recordingTap(events, done);
      },
    });
  });
  after(async () => {
    await server.close();
    await rm(mailDir, { recursive: true, force: true });
  });

  test('a STARTTLS session: the plaintext bytes each way, the commands after TLS included', async () => {
    const connection = await SmtpTestConnection.open(server.host, server.port);
    await connection.readReply();
    await connection.command('EHLO client.test');
    await connection.startTls({ ca: server.certificatePem, servername: 'localhost' });
    await connection.command('EHLO after.tls');
    await connection.command('NOOP');
    await connection.command('QUIT');
    await connection.closedByServer();
    const tap = taps.at(-1)!;
    await tap.closed;
    assert.deepEqual(tap.server, { port: server.port });
    assert.match(tap.remote, /^127\.0\.0\.1:\d+$/);
    assert.deepEqual(tap.events, [
      GREETING,
      'C: EHLO client.test\r\n',
      EHLO_PLAIN,
      'C: STARTTLS\r\n',
      'S: 220 2.0.0 Ready to start TLS\r\n',
      'tls starttls TLSv1.3',
      'C: EHLO after.tls\r\n',
      EHLO_PLAIN.replace('250-STARTTLS\r\n', ''),
      'C: NOOP\r\n',
      'S: 250 2.0.0 OK\r\n',
      'C: QUIT\r\n',
      'S: 221 2.0.0 Bye\r\n',
      'closed by server',
    ]);
  });

  test('implicit TLS: TLS starts before the greeting; a client that drops the connection closed it', async () => {
    const connection = await SmtpTestConnection.open(server.host, server.tlsPort, { ca: server.certificatePem, servername: 'localhost' });
    await connection.readReply();
    await connection.command('NOOP');
    connection.close();
    const tap = taps.at(-1)!;
    await tap.closed;
    assert.deepEqual(tap.server, { port: server.tlsPort });
    assert.deepEqual(tap.events, ['tls implicit TLSv1.3', GREETING, 'C: NOOP\r\n', 'S: 250 2.0.0 OK\r\n', 'closed by client']);
  });
});
