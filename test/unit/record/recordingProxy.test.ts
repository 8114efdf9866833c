// The recording proxy over real sockets on 127.0.0.1: the upstream is the scripted server (which judges what the
// proxy relayed), the client a plain socket speaking SMTP. STARTTLS is terminated on both sides or its refusal
// passed through, and an upstream certificate that is not trusted stops the relay before any command crosses.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { parseTranscript } from '../../../server/src/model';
import { startRecordingProxy, type ProxyEvent } from '../../../server/src/record/recordingProxy';
import { TranscriptRecorder } from '../../../server/src/record/transcriptRecorder';
import { startScriptedServer } from '../../../server/src/smtpTestServer/scriptedServer';
import { generateTestCertificate } from '../../../server/src/smtpTestServer/testCertificate';
import { replies } from '../../support/smtpReplies';

async function proxyTo(upstreamText: string, ca: 'trusted' | 'untrusted') {
  const upstream = await startScriptedServer(parseTranscript(upstreamText), { port: 0, env: {}, timeoutMs: 5000, readInclude: () => Promise.reject(new Error('none')) });
  return { upstream, ...(await proxyToPort(upstream.port, ca === 'trusted' ? upstream.certificatePem : undefined)) };
}

/** A proxy for one connection to the server on `port` (trusting `ca`), and the `ended` events it tells. */
async function proxyToPort(port: number, ca?: string) {
  const certificate = await generateTestCertificate();
  const ended: Array<ProxyEvent<TranscriptRecorder> & { type: 'ended' }> = [];
  const proxy = await startRecordingProxy({
    listen: { port: 0 },
    implicitTls: false,
    upstream: { host: '127.0.0.1', port, implicitTls: false, insecureTls: false, ...(ca === undefined ? {} : { ca }) },
    certificate,
    connections: 1,
    tap: ({ remote }) => new TranscriptRecorder({ startedAt: new Date('2026-12-03T00:00:00Z'), client: remote, upstream: { host: '127.0.0.1', port: 25 }, recorder: 'test' }),
    onEvent: (event) => {
      if (event.type === 'ended') ended.push(event);
    },
  });
  return { proxy, certificate, ended };
}

/** The recorded exchanges (after the heading and directives) of the one connection. */
function exchanges(event: { tap: TranscriptRecorder }): string[] {
  const lines = event.tap.transcript().text.split('\n');
  return lines.slice(lines.indexOf('') + 1);
}

/** A plain client of the proxy past the greeting and EHLO that has just written `starttls` (STARTTLS, maybe more). */
async function sentStarttls(port: number, starttls = 'STARTTLS\r\n'): Promise<{ plain: Socket; reply: () => Promise<string> }> {
  const plain = connect({ host: '127.0.0.1', port });
  const reply = replies(plain);
  await reply();
  plain.write('EHLO c.test\r\n');
  await reply();
  plain.write(starttls);
  return { plain, reply };
}

const STARTTLS_OFFERED = ['S: 220 up.test ESMTP', 'C: EHLO c.test', 'S: 250-up.test', 'S: 250-CHUNKING', 'S: 250 STARTTLS', 'C: STARTTLS'];

describe('the recording proxy', () => {
  test("a server that resets the connection after a reply (Exim dropping a client whose next line it has not read): the server's close, in place of that line's reply", async () => {
    // A raw server: greeting, EHLO, one refusal, then a reset (an abortive close) when the next command comes.
    let said = 0;
    const raw = createServer((socket) => {
      socket.write('220 up.test ESMTP\r\n');
      socket.on('data', () => {
        said++;
        if (said === 1) socket.write('250 up.test\r\n');
        else if (said === 2) socket.write('500 Too many syntax or protocol errors\r\n');
        else socket.resetAndDestroy();
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const { proxy, ended } = await proxyToPort((raw.address() as AddressInfo).port);
    const client = connect({ host: '127.0.0.1', port: proxy.port });
    const reply = replies(client);
    await reply();
    client.write('EHLO c.test\r\n');
    await reply();
    client.write('FROB\r\n');
    await reply();
    client.write('NOOP\r\n');
    const closed = await new Promise<string>((resolve) => client.on('close', () => resolve('closed')).on('error', () => undefined));
    await proxy.done;
    assert.deepEqual([closed, ended.map((e) => e.error)], ['closed', [undefined]]);
    assert.deepEqual(exchanges(ended[0]), ['S: 220 up.test ESMTP', 'C: EHLO c.test', 'S: 250 up.test', 'C: FROB', 'S: 500 Too many syntax or protocol errors', 'C: NOOP', '# the server closed the connection without replying to the line above', 'S: <closed>', '']);
    await new Promise<void>((resolve) => raw.close(() => resolve()));
  });

  test('STARTTLS terminated on both sides: the client trusts the proxy, the proxy verified the server; a BDAT chunk crosses whole', async () => {
    const { upstream, proxy, certificate, ended } = await proxyTo(
      [...STARTTLS_OFFERED, 'S: 220 2.0.0 Go ahead', 'C: EHLO c.test', 'S: 250 up.test', 'C: BDAT 8 LAST', 'C: Hi.', 'C: Bye', 'S: 250 2.0.0 Ok: queued as AB12CD34EF56', 'C: QUIT', 'S: 221 Bye', ''].join('\n'),
      'trusted',
    );
    const plain = connect({ host: '127.0.0.1', port: proxy.port });
    let reply = replies(plain);
    const said = [await reply()];
    plain.write('EHLO c.test\r\n');
    said.push(await reply());
    plain.write('STARTTLS\r\n');
    said.push(await reply());
    const secure = tlsConnect({ socket: plain, host: '127.0.0.1', ca: certificate.certificatePem });
    await new Promise((resolve, reject) => secure.once('secureConnect', resolve).once('error', reject));
    const protocol = secure.getProtocol();
    reply = replies(secure as unknown as Socket);
    secure.write('EHLO c.test\r\n');
    said.push(await reply());
    secure.write('BDAT 8 LAST\r\nHi.\r\nBye');
    said.push(await reply());
    secure.write('QUIT\r\n');
    said.push(await reply());
    await proxy.done;
    const [played] = await upstream.done;
    assert.deepEqual(said, ['220 up.test ESMTP\r\n', '250-up.test\r\n250-CHUNKING\r\n250 STARTTLS\r\n', '220 2.0.0 Go ahead\r\n', '250 up.test\r\n', '250 2.0.0 Ok: queued as AB12CD34EF56\r\n', '221 Bye\r\n']);
    assert.deepEqual([played.status, played.tls, ended.map((e) => e.error)], ['pass', 'starttls', [undefined]]);
    assert.deepEqual(exchanges(ended[0]), [
      'S: 220 up.test ESMTP',
      'C: EHLO c.test',
      'S: 250-up.test',
      'S: 250-CHUNKING',
      'S: 250 STARTTLS',
      'C: STARTTLS',
      'S: 220 2.0.0 Go ahead',
      `# TLS (${protocol}) from here on`,
      'C: EHLO c.test',
      'S: 250 up.test',
      'C: BDAT 8 LAST',
      'C: Hi.',
      'C: Bye',
      'S: 250 2.0.0 Ok: queued as *',
      'C: QUIT',
      'S: 221 Bye',
      // Whoever closes first after the 221 (a race), the server closes then: the recording says so.
      'S: <closed>',
      '',
    ]);
    await proxy.close();
  });

  test('a server that refuses STARTTLS: the refusal passes through and the session goes on in plain text', async () => {
    const { upstream, proxy, ended } = await proxyTo([...STARTTLS_OFFERED, 'S: 454 4.7.0 TLS not available', 'C: QUIT', 'S: 221 Bye', ''].join('\n'), 'trusted');
    const plain = connect({ host: '127.0.0.1', port: proxy.port });
    const reply = replies(plain);
    await reply();
    plain.write('EHLO c.test\r\n');
    await reply();
    plain.write('STARTTLS\r\n');
    const refusal = await reply();
    plain.write('QUIT\r\n');
    const bye = await reply();
    await proxy.done;
    const [played] = await upstream.done;
    assert.deepEqual([refusal, bye, played.status, played.tls], ['454 4.7.0 TLS not available\r\n', '221 Bye\r\n', 'pass', 'none']);
    assert.deepEqual(exchanges(ended[0]).slice(5, 9), ['C: STARTTLS', 'S: 454 4.7.0 TLS not available', 'C: QUIT', 'S: 221 Bye']);
    await proxy.close();
  });

  test("a server whose certificate is not trusted: the client gets 454 instead of 220, the run says why, and the recording holds what the client got", async () => {
    const { upstream, proxy, ended } = await proxyTo([...STARTTLS_OFFERED, 'S: 220 2.0.0 Go ahead', 'C: QUIT', 'S: 221 Bye', ''].join('\n'), 'untrusted');
    const { reply } = await sentStarttls(proxy.port);
    const answer = await reply();
    const after = await reply();
    await proxy.done;
    assert.deepEqual([answer, after, ended.map((e) => e.error)], [
      '454 4.7.0 smtp-transcript record: TLS towards the server failed\r\n',
      '',
      [`TLS towards 127.0.0.1:${upstream.port} failed: self-signed certificate - trust its CA with --ca FILE, or skip verification with --insecure-tls`],
    ]);
    // No `@tls = starttls`, no TLS in the heading: TLS never started. The proxy's 454 and its close, as the client saw them.
    assert.deepEqual(ended[0].tap.transcript().text.split('\n').slice(1), [
      '# Reply texts are expected as recorded; queue ids, dates and session ids are written as *.',
      '@match = strict',
      '@server = 127.0.0.1',
      '@port = 25',
      '',
      ...STARTTLS_OFFERED.slice(0, 5),
      'C: STARTTLS',
      "# the server answered 220 2.0.0 Go ahead; not passed on: the proxy's TLS handshake with the server failed (self-signed certificate), so the client got the proxy's 454 and the connection was closed",
      'S: 454 4.7.0 smtp-transcript record: TLS towards the server failed',
      'S: <closed>',
      '',
    ]);
    assert.match(ended[0].tap.transcript().text, /^# Recorded by test at 2026-12-03T00:00:00\.000Z: client 127\.0\.0\.1:\d+ -> server 127\.0\.0\.1:25, no TLS\.\n/);
    await proxy.close();
    await upstream.close();
  });

  // Without reading what the client still sends, its close went unseen and the run lingered (10 s by default; here
  // the linger is set beyond the test's own timeout, so a proxy that waited for it fails the test).
  test('an unreachable server: the client gets 421 4.4.1, and when it closes the connection ends at once', { timeout: 15_000 }, async () => {
    const closed = await new Promise<number>((resolve) => {
      const listener = createServer().listen(0, '127.0.0.1', () => {
        const { port } = listener.address() as AddressInfo;
        listener.close(() => resolve(port));
      });
    });
    const ended: string[] = [];
    const proxy = await startRecordingProxy({
      listen: { port: 0 },
      implicitTls: false,
      upstream: { host: '127.0.0.1', port: closed, implicitTls: false, insecureTls: false },
      certificate: await generateTestCertificate(),
      connections: 1,
      lingerMs: 30_000,
      tap: ({ remote }) => new TranscriptRecorder({ startedAt: new Date('2026-12-03T00:00:00Z'), client: remote, upstream: { host: '127.0.0.1', port: closed }, recorder: 'test' }),
      onEvent: (event) => void (event.type === 'ended' && ended.push(event.error ?? '')),
    });
    const client = connect({ host: '127.0.0.1', port: proxy.port });
    const reply = replies(client);
    assert.equal(await reply(), `421 4.4.1 smtp-transcript record: cannot reach 127.0.0.1:${closed}\r\n`);
    client.end('QUIT\r\n');
    await proxy.done;
    assert.deepEqual(ended, [`cannot reach the server 127.0.0.1:${closed}: connect ECONNREFUSED 127.0.0.1:${closed}`]);
    await proxy.close();
  });

  test('a client that closes after the 220 to STARTTLS without a handshake: the connection ends, is reported and recorded', async () => {
    const { upstream, proxy, ended } = await proxyTo([...STARTTLS_OFFERED, 'S: 220 2.0.0 Go ahead', 'C: QUIT', 'S: 221 Bye', ''].join('\n'), 'trusted');
    const { plain, reply } = await sentStarttls(proxy.port);
    const ready = await reply();
    plain.end();
    await proxy.done;
    assert.deepEqual([ready, ended.map((e) => e.error)], ['220 2.0.0 Go ahead\r\n', ['the TLS handshake after STARTTLS did not complete: the client closed the connection']]);
    assert.deepEqual(exchanges(ended[0]).slice(5), ['C: STARTTLS', 'S: 220 2.0.0 Go ahead', 'C: <close>', '']);
    await proxy.close();
    await upstream.close();
  });

  test('a client that sends a command after STARTTLS in the clear (RFC 3207 §5): the connection is closed at the 220, reported, and the 220 recorded as not passed on', async () => {
    const { upstream, proxy, ended } = await proxyTo([...STARTTLS_OFFERED, 'S: 220 2.0.0 Go ahead', 'C: QUIT', 'S: 221 Bye', ''].join('\n'), 'trusted');
    const { reply } = await sentStarttls(proxy.port, 'STARTTLS\r\nEHLO c.test\r\n');
    const after = await reply();
    await proxy.done;
    assert.deepEqual([after, ended.map((e) => e.error)], ['', ['the client sent commands after STARTTLS before the TLS handshake (RFC 3207 §5); the connection was closed']]);
    assert.deepEqual(exchanges(ended[0]).slice(5), [
      'C: STARTTLS',
      'C: EHLO c.test',
      '# the server answered 220 2.0.0 Go ahead; not passed on: the client sent commands after STARTTLS before the TLS handshake (RFC 3207 §5), and the proxy closed the connection',
      '# the connection broke here (reset or timed out)',
      '',
    ]);
    await proxy.close();
    await upstream.close();
  });

  test('a client that begins a TLS handshake on the plain port: closed and reported, nothing binary recorded', async () => {
    const { upstream, proxy, ended } = await proxyTo(['S: 220 up.test ESMTP', 'C: QUIT', 'S: 221 Bye', ''].join('\n'), 'trusted');
    const secure = tlsConnect({ host: '127.0.0.1', port: proxy.port, rejectUnauthorized: false });
    secure.on('error', () => undefined);
    await proxy.done;
    const recorded = exchanges(ended[0]);
    assert.deepEqual([ended.map((e) => e.error), recorded.filter((line) => line.startsWith('C:'))], [
      ['the client began a TLS handshake on this plain port: it connects with implicit TLS (record it with --tls implicit); the connection was closed'],
      [],
    ]);
    secure.destroy();
    await proxy.close();
    await upstream.close();
  });

  test('a client sending faster than the server reads is held back by TCP, not buffered in the proxy; every octet arrives', { timeout: 20_000 }, async () => {
    // A server that greets and then reads nothing until told to.
    let serverSide!: Socket;
    let greeted!: () => void;
    const accepted = new Promise<void>((resolve) => (greeted = resolve));
    const upstreamServer = createServer((socket) => {
      serverSide = socket;
      socket.pause();
      socket.write('220 slow.test ESMTP\r\n', () => greeted());
    });
    await new Promise<void>((resolve) => upstreamServer.listen(0, '127.0.0.1', resolve));
    const proxy = await startRecordingProxy({
      listen: { port: 0 },
      implicitTls: false,
      upstream: { host: '127.0.0.1', port: (upstreamServer.address() as AddressInfo).port, implicitTls: false, insecureTls: true },
      certificate: await generateTestCertificate(),
      connections: 1,
      tap: ({ remote }) => new TranscriptRecorder({ startedAt: new Date('2026-12-03T00:00:00Z'), client: remote, upstream: { host: '127.0.0.1', port: 25 }, recorder: 'test' }),
    });
    const client = connect(proxy.port, '127.0.0.1');
    const reply = replies(client);
    await accepted;
    assert.equal(await reply(), '220 slow.test ESMTP\r\n');
    const flood = Buffer.alloc(32 * 1024 * 1024, 'x');
    client.write(flood);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The proxy stopped reading the client: most of the flood still waits in the client's own buffer.
    assert.ok(client.writableLength > flood.length / 2, `the proxy took ${flood.length - client.writableLength} octets`);
    let received = 0;
    const all = new Promise<void>((resolve) => {
      serverSide.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received >= flood.length) resolve();
      });
    });
    serverSide.resume();
    await all;
    assert.equal(received, flood.length);
    client.destroy();
    serverSide.destroy();
    await proxy.close();
    upstreamServer.close();
  });

  // Before, only the client side was closed: a server that kept its side open held the connection (and its recording)
  // for the linger time after close had returned, so a caller that wrote the recordings then missed it.
  test('closing the proxy mid-DATA ends the connection on both sides, and it is recorded before close returns', { timeout: 15_000 }, async () => {
    // A server that takes DATA and then only reads: it never closes its side.
    let contentArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (contentArrived = resolve));
    const serverSides: Socket[] = [];
    const upstream = createServer({ allowHalfOpen: true }, (socket) => {
      serverSides.push(socket);
      socket.write('220 up.test ESMTP\r\n');
      let inData = false;
      let content = '';
      socket.on('data', (bytes: Buffer) => {
        if (inData) {
          content += bytes.toString('latin1');
          if (content.includes('written\r\n')) contentArrived();
          return;
        }
        for (const line of bytes.toString('latin1').split('\r\n').filter((l) => l !== '')) {
          if (/^DATA$/i.test(line)) {
            inData = true;
            socket.write('354 Go ahead\r\n');
          } else socket.write('250 Ok\r\n');
        }
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const ended: string[][] = [];
    const proxy = await startRecordingProxy({
      listen: { port: 0 },
      implicitTls: false,
      upstream: { host: '127.0.0.1', port: (upstream.address() as AddressInfo).port, implicitTls: false, insecureTls: false },
      certificate: await generateTestCertificate(),
      connections: 'forever',
      lingerMs: 30_000,
      tap: ({ remote }) => new TranscriptRecorder({ startedAt: new Date('2026-12-03T00:00:00Z'), client: remote, upstream: { host: '127.0.0.1', port: 25 }, recorder: 'test' }),
      onEvent: (event) => void (event.type === 'ended' && ended.push(exchanges(event))),
    });
    const client = connect({ host: '127.0.0.1', port: proxy.port });
    client.on('error', () => undefined);
    const reply = replies(client);
    await reply();
    for (const command of ['EHLO c.test', 'MAIL FROM:<a@example.org>', 'RCPT TO:<b@example.org>', 'DATA']) {
      client.write(`${command}\r\n`);
      await reply();
    }
    client.write('Subject: half\r\n\r\nwritten\r\n');
    await arrived;
    await proxy.close();
    // (The recording's writer ends the unfinished message with its `.`, and says so in a warning.)
    assert.deepEqual(ended.map((lines) => lines.slice(0, lines.indexOf('C: written') + 1)), [
      ['S: 220 up.test ESMTP', 'C: EHLO c.test', 'S: 250 Ok', 'C: MAIL FROM:<a@example.org>', 'S: 250 Ok', 'C: RCPT TO:<b@example.org>', 'S: 250 Ok', 'C: DATA', 'S: 354 Go ahead', 'C: Subject: half', 'C:', 'C: written'],
    ]);
    client.destroy();
    for (const socket of serverSides) socket.destroy();
    await new Promise((resolve) => upstream.close(resolve));
  });
});
