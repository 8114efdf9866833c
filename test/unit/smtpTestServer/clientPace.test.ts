import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_TIMER_MS } from '../../../server/src/settings/settingValues';
import { TurnClock } from '../../../server/src/smtpTestServer/clientPace';
import { startLocalServer, type LocalServer } from '../../../server/src/smtpTestServer/localServer';

const CLOSED = '421 4.4.2 localhost Client too slow - closing connection\r\n';
const GREETING = /^220 localhost ESMTP smtp-transcripts local test server\r\n/;

/** Everything the server sent until it closed; `drip` writes one octet of `text` every 100 ms until then. */
function conversation(socket: Socket, drip: string | undefined, fast?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = '';
    let timer: NodeJS.Timeout | undefined;
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      const first = received === '';
      received += chunk.toString('latin1');
      if (!first) return;
      if (fast !== undefined) socket.write(fast);
      let at = 0;
      if (drip !== undefined) timer = setInterval(() => (at < drip.length && !socket.destroyed ? socket.write(drip[at++]) : clearInterval(timer)), 100);
    });
    socket.on('close', () => {
      clearInterval(timer);
      resolve(received);
    });
  });
}

describe('the local server closes a client that sends too slowly', () => {
  let server: LocalServer;
  after(() => server?.close());

  // A turn may take 1 s plus 10 ms per octet: one octet every 100 ms passes that after about 12 octets.
  const start = async (): Promise<LocalServer> =>
    (server ??= await startLocalServer({ mailDir: mkdtempSync(join(tmpdir(), 'smtp-pace-')), pace: { commandTimeoutMs: 1000, minBytesPerSecond: 100 } }));

  test('a client dripping a command gets 421 4.4.2 and a close, and its command is never answered', async () => {
    const { port } = await start();
    const received = await conversation(connect(port, '127.0.0.1'), 'NOOP and some more octets than the deadline allows\r\n');
    assert.match(received, GREETING);
    assert.equal(received.replace(GREETING, ''), CLOSED);
  });

  test('the same on the implicit-TLS port, timed on the TLS socket', async () => {
    const { tlsPort, certificatePem } = await start();
    const socket = connectTls({ port: tlsPort, host: '127.0.0.1', ca: certificatePem, servername: 'localhost' });
    const received = await conversation(socket, 'NOOP and some more octets than the deadline allows\r\n');
    assert.equal(received.replace(GREETING, ''), CLOSED);
  });

  test('after STARTTLS, timed on the TLS socket (the plain watch stops): the 421 comes encrypted', async () => {
    const { port, certificatePem } = await start();
    const plain = connect(port, '127.0.0.1');
    await new Promise<void>((ready, reject) => {
      let text = '';
      let step = 0;
      plain.on('error', reject);
      const onData = (chunk: Buffer): void => {
        text += chunk.toString('latin1');
        if (step === 0 && GREETING.test(text)) {
          step = 1;
          plain.write('EHLO client.test\r\n');
        }
        if (step === 1 && /^250 [^\r]*\r\n/m.test(text)) {
          step = 2;
          plain.write('STARTTLS\r\n');
        }
        if (step === 2 && /^220 2\.0\.0 Ready[^\r]*\r\n/m.test(text)) {
          plain.off('data', onData);
          ready();
        }
      };
      plain.on('data', onData);
    });
    const secure = connectTls({ socket: plain, ca: certificatePem, servername: 'localhost' });
    const received = conversation(secure, 'NOOP and some more octets than the deadline allows\r\n');
    secure.write('EHLO client.test\r\n');
    const text = await received;
    assert.match(text, /^250-localhost/);
    assert.ok(text.endsWith(`\r\n${CLOSED}`), text);
  });

  test('a client that sends nothing gets 421 4.4.2 Timeout and a close', async () => {
    const { port } = await start();
    const received = await conversation(connect(port, '127.0.0.1'), undefined);
    assert.equal(received.replace(GREETING, ''), '421 4.4.2 localhost Timeout - closing connection\r\n');
  });

  test('a fast client (a pipelined group at once) is unaffected', async () => {
    const { port } = await start();
    const received = await conversation(connect(port, '127.0.0.1'), undefined, 'EHLO client.test\r\nNOOP\r\nQUIT\r\n');
    const codes = received.split('\r\n').filter(Boolean).map((line) => line.slice(0, 4));
    assert.deepEqual(codes.filter((code) => code !== '250-'), ['220 ', '250 ', '250 ', '221 ']);
  });
});

describe('the turn clock', () => {
  test('a deadline further off than a timer can wait is waited for, not reached at once', async () => {
    let expired = false;
    // The longest command timeout, then 10 octets at 1 octet/s: 10 s more than a timer can wait.
    const clock = new TurnClock({ commandTimeoutMs: MAX_TIMER_MS, minBytesPerSecond: 1 }, () => (expired = true));
    clock.received(10);
    await new Promise((resolve) => setTimeout(resolve, 50));
    clock.stop();
    assert.equal(expired, false);
  });
});
