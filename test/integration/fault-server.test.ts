// Replay against an in-process TCP server that misbehaves on purpose: every fault ends in its typed error or a
// failed expectation, promptly, with no unhandled rejection and no secret in the result.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { replayTranscript } from '../../server/src/replay/replayTranscript';
import { actualTranscript } from '../../server/src/replay/actualTranscript';
import type { ReplayEvent } from '../../server/src/replay/replayTypes';
import { PASSWORD, conversation, failure, outline, replay, replayWithRows, scriptedServer, transcriptFor, withServer, type Script } from './faultServer';
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

/** A server that answers EHLO, then a moment later does what `after` says (a 421, a close, nothing). */
const endingAfterEhlo =
  (after: (socket: net.Socket) => void): Script =>
  async (socket, lines) => {
    socket.write('220 faults.test\r\n');
    await lines.next();
    socket.write('250 faults.test\r\n');
    setTimeout(() => after(socket), 30);
  };

describe('replay against a misbehaving server', () => {
  before(() => process.on('unhandledRejection', onUnhandled));
  after(() => {
    process.off('unhandledRejection', onUnhandled);
    assert.deepEqual(unhandled, []);
  });

  test('a well-behaved conversation passes, with AUTH masked in the wire log', async () => {
    await withServer(conversation((l) => (l.startsWith('EHLO') ? '250 ok\r\n' : l.startsWith('AUTH') ? '235 2.7.0 ok\r\n' : '221 bye\r\n')), async (port) => {
      const session = await replay(port);
      assert.deepEqual(outline(session), { status: 'pass', error: undefined, exchanges: ['greeting:pass', 'command:pass', 'command:pass', 'command:pass'] });
      assert.deepEqual(session.wireLog.filter((e) => e.direction !== 'info').map((e) => `${e.direction}: ${e.text}`), [
        'S: 220 faults.test ESMTP',
        'C: EHLO client.test',
        'S: 250 ok',
        'C: AUTH PLAIN ****',
        'S: 235 2.7.0 ok',
        'C: QUIT',
        'S: 221 bye',
      ]);
    });
  });

  test('refused connection', async () => {
    const server = await scriptedServer(() => undefined);
    const port = server.port;
    await server.close();
    const session = await replay(port);
    assert.deepEqual(outline(session), { status: 'error', error: 'connect-refused', exchanges: ['greeting:skipped', 'command:skipped', 'command:skipped', 'command:skipped'] });
    assert.equal(session.error?.message, `127.0.0.1:${port} refused the connection`);
  });

  test('reset in the middle of a reply', async () => {
    // The reset is sent once the client has read the first line, so the kernel reports it as a reset, not an end.
    let clientRead = (): void => undefined;
    const firstLineRead = new Promise<void>((resolve) => (clientRead = resolve));
    const onEvent = (event: ReplayEvent): void => {
      if (event.type === 'wire' && event.entry.text === '220-faults.test') clientRead();
    };
    await withServer(async (socket) => {
      socket.write('220-faults.test\r\n');
      await firstLineRead;
      socket.resetAndDestroy();
    }, async (port) => {
      const session = await replay(port, transcriptFor(port), { onEvent });
      assert.deepEqual(outline(session), { status: 'error', error: 'connection-reset', exchanges: ['greeting:error', 'command:skipped', 'command:skipped', 'command:skipped'] });
    });
  });

  test('silence ends in a timeout; silence from the first byte is said to look like an implicit-TLS port', async () => {
    await withServer(() => undefined, async (port) => {
      const session = await replay(port, transcriptFor(port, '@timeout = 300ms'));
      assert.deepEqual(outline(session), { status: 'error', error: 'timeout', exchanges: ['greeting:error', 'command:skipped', 'command:skipped', 'command:skipped'] });
      assert.equal(
        session.error?.message,
        `no complete reply from 127.0.0.1:${port} within 300 ms: it sent nothing at all, as an implicit-TLS port (465) does until the TLS handshake: if it is one, use --tls implicit / @tls = implicit`,
      );
    });
  });

  test('garbage instead of a reply', async () => {
    await withServer((socket) => void socket.write('HTTP/1.1 400 Bad Request\r\n\r\n'), async (port) => {
      const session = await replay(port);
      assert.deepEqual(outline(session), { status: 'error', error: 'malformed-reply', exchanges: ['greeting:error', 'command:skipped', 'command:skipped', 'command:skipped'] });
    });
  });

  test('an unterminated 1 MB line', async () => {
    await withServer((socket) => void socket.write('220 ' + 'x'.repeat(1024 * 1024)), async (port) => {
      assert.deepEqual(outline(await replay(port)), { status: 'error', error: 'reply-line-too-long', exchanges: ['greeting:error', 'command:skipped', 'command:skipped', 'command:skipped'] });
    });
  });

  test('a TLS handshake with a server that speaks plain text', async () => {
    await withServer((socket) => void socket.write('220 faults.test ESMTP\r\n'), async (port) => {
      const session = await replay(port, transcriptFor(port, '@tls = implicit'));
      assert.deepEqual(outline(session), { status: 'error', error: 'tls-handshake', exchanges: ['greeting:skipped', 'command:skipped', 'command:skipped', 'command:skipped'] });
    });
  });

  test('421 and close after the greeting: the expectation fails, no hang', async () => {
    await withServer(conversation(() => '421 4.3.2 shutting down\r\n'), async (port) => {
      const session = await replay(port);
      assert.deepEqual(outline(session), { status: 'fail', error: undefined, exchanges: ['greeting:pass', 'command:fail', 'command:skipped', 'command:skipped'] });
      assert.deepEqual(session.exchanges[1].actual, ['421 4.3.2 shutting down']);
    });
  });

  test('421 and close, as the transcript expects', async () => {
    const script: Script = async (socket, lines) => {
      socket.write('220 faults.test\r\n');
      await lines.next();
      socket.end('421 4.3.2 shutting down\r\n');
    };
    await withServer(script, async (port) => {
      const text = `@server = 127.0.0.1\n@port = ${port}\n@timeout = 300ms\nS: 220 *\nC: EHLO client.test\nS: 421 *\nS: <closed>\n`;
      const session = await replay(port, text);
      assert.deepEqual(outline(session), { status: 'pass', error: undefined, exchanges: ['greeting:pass', 'command:pass', 'close:pass'] });
    });
  });

  test('S: <closed> after the last reply: a 421 with the close passes; a 421 with the connection kept open, or more after it, fails', async () => {
    const endings = [
      (socket: net.Socket) => socket.end('421 4.4.2 faults.test idle timeout\r\n'),
      (socket: net.Socket) => socket.write('421 4.4.2 faults.test idle timeout\r\n'),
      (socket: net.Socket) => socket.write('421 4.4.2 faults.test idle timeout\r\n250 still here\r\n'),
    ];
    const seen: [string, string[], string][] = [];
    for (const after of endings) {
      await withServer(endingAfterEhlo(after), async (port) => {
        const session = await replay(port, `@server = 127.0.0.1\n@port = ${port}\n@timeout = 300ms\nS: 220 *\nC: EHLO client.test\nS: 250 *\nS: <closed>\n`);
        const close = session.exchanges[2];
        seen.push([close.status, close.actual, close.message]);
      });
    }
    assert.deepEqual(seen, [
      ['pass', ['421 4.4.2 faults.test idle timeout', '<closed>'], 'the server said 421 4.4.2 faults.test idle timeout and closed the connection'],
      ['fail', ['421 4.4.2 faults.test idle timeout'], 'expected the server to close the connection, it said 421 4.4.2 faults.test idle timeout but kept it open for 300 ms'],
      ['fail', ['421 4.4.2 faults.test idle timeout', '250 still here'], 'expected the server to close the connection, it sent 250 still here after 421 4.4.2 faults.test idle timeout'],
    ]);
  });

  test("the server's own 421 written in the transcript: compared as a reply; missing, or the close without it, fails", async () => {
    const endings = [
      (socket: net.Socket) => socket.end('421 4.4.2 faults.test idle timeout\r\n'),
      (socket: net.Socket) => socket.end('421 4.3.2 faults.test shutting down\r\n'),
      (socket: net.Socket) => socket.end(),
      () => undefined,
    ];
    const seen: [string, string[], string][] = [];
    for (const after of endings) {
      await withServer(endingAfterEhlo(after), async (port) => {
        const session = await replay(port, `@server = 127.0.0.1\n@port = ${port}\n@timeout = 300ms\nS: 220 *\nC: EHLO client.test\nS: 250 *\nS: 421 4.4.2 *\nS: <closed>\n`);
        const notice = session.exchanges[2];
        seen.push([`${notice.kind}:${notice.status}`, notice.actual, notice.message]);
      });
    }
    assert.deepEqual(seen, [
      ['notice:pass', ['421 4.4.2 faults.test idle timeout'], 'got 421 4.4.2 faults.test idle timeout'],
      ['notice:fail', ['421 4.3.2 faults.test shutting down'], 'expected enhanced status code 4.4.2, got 4.3.2: 421 4.3.2 faults.test shutting down'],
      ['notice:fail', [], 'the server closed the connection without the reply expected here'],
      ['notice:fail', [], "the server sent nothing for 300 ms, where a reply of its own is expected; a server times a silent client out only after its own idle timeout (5 minutes at least, RFC 5321 §4.5.3.2.7; Postfix's smtpd_timeout is 300s by default): set @timeout longer than it"],
    ]);
  });

  test('a slow reply, one byte at a time', async () => {
    const slowly = (socket: net.Socket, text: string): Promise<void> =>
      new Promise((resolve) => {
        let i = 0;
        const next = (): void => {
          if (i >= text.length || socket.destroyed) return resolve();
          socket.write(text[i++]);
          setTimeout(next, 1);
        };
        next();
      });
    const script: Script = async (socket, lines) => {
      await slowly(socket, '220-faults.test\r\n220 slow but sure\r\n');
      for (let next = await lines.next(); !next.done; next = await lines.next()) {
        if (next.value.startsWith('EHLO')) await slowly(socket, '250-faults.test\r\n250 AUTH PLAIN\r\n');
        else if (next.value.startsWith('AUTH')) await slowly(socket, '235 ok\r\n');
        else return void socket.end('221 bye\r\n');
      }
    };
    await withServer(script, async (port) => {
      const session = await replay(port);
      assert.deepEqual(outline(session), { status: 'pass', error: undefined, exchanges: ['greeting:pass', 'command:pass', 'command:pass', 'command:pass'] });
      assert.deepEqual(session.exchanges[0].actual, ['220-faults.test', '220 slow but sure']);
    });
  });

  test('unsolicited lines: noted in the wire log, and the reply taken for EHLO fails', async () => {
    const script: Script = async (socket, lines) => {
      socket.write('220 faults.test\r\n250 surprise\r\n');
      for (let next = await lines.next(); !next.done; next = await lines.next()) {
        if (next.value === 'QUIT') return void socket.end('221 bye\r\n');
        socket.write('250 ok\r\n');
      }
    };
    await withServer(script, async (port) => {
      const session = await replay(port);
      assert.deepEqual(outline(session), { status: 'fail', error: undefined, exchanges: ['greeting:pass', 'command:fail', 'command:skipped', 'command:skipped'] });
      assert.deepEqual(session.exchanges[1].differences, ['this reply arrived before the client sent anything it could answer (unsolicited)']);
      assert.ok(session.wireLog.some((e) => e.direction === 'info' && e.text.startsWith('unsolicited reply')));
    });
  });

  test('plain text after the 220 to STARTTLS is refused, not read as if it came over TLS', async () => {
    const script: Script = async (socket, lines) => {
      socket.write('220 faults.test\r\n');
      for (let next = await lines.next(); !next.done; next = await lines.next()) {
        if (next.value === 'STARTTLS') return void socket.write('220 go ahead\r\n250 injected\r\n');
        socket.write('250 ok\r\n');
      }
    };
    await withServer(script, async (port) => {
      const text = `@server = 127.0.0.1\n@port = ${port}\n@timeout = 300ms\nS: 220 *\nC: EHLO client.test\nS: 250 *\nC: STARTTLS\nS: 220 *\nC: EHLO client.test\nS: 250 *\n`;
      const session = await replay(port, text);
      assert.deepEqual(outline(session), { status: 'error', error: 'plaintext-after-starttls', exchanges: ['greeting:pass', 'command:pass', 'command:error', 'command:skipped'] });
    });
  });

  test('a refused STARTTLS ends a session that would send credentials, and the actual transcript keeps the 220', async () => {
    const received: string[] = [];
    await withServer(conversation((l) => (received.push(l), l.startsWith('STARTTLS') ? '454 4.7.0 TLS not available\r\n' : l === 'QUIT' ? '221 bye\r\n' : '250 ok\r\n')), async (port) => {
      const text = transcriptFor(port).replace('C: AUTH', 'C: STARTTLS\nS: 220 *\nC: AUTH');
      const result = await replayTranscript(parseTranscript(text), { env: { SMTP_PASSWORD: PASSWORD }, keepGoing: true });
      const session = result.sessions[0];
      assert.deepEqual(outline(session), { status: 'error', error: 'tls-required', exchanges: ['greeting:pass', 'command:pass', 'command:error', 'command:skipped', 'command:skipped'] });
      assert.equal(session.error?.line, 10);
      assert.deepEqual(received, ['EHLO client.test', 'STARTTLS', 'QUIT']);
      // What the editor's Update Expectations and --update write: the refusal is not recorded.
      assert.equal(actualTranscript(text, result), text);
    });
  });

  // The server's bytes are the evidence: nothing of the credentials may reach it in plain text.
  for (const [name, edit] of [
    ['pipelined with STARTTLS (in its group)', (t: string) => t.replace('C: AUTH PLAIN {{$plain {{user}} {{password}}}}\nS: 235 *', 'C: STARTTLS\nC: AUTH PLAIN {{$plain {{user}} {{password}}}}\nS: 220 *\nS: 235 *')],
    ['above STARTTLS', (t: string) => t.replace('S: 235 *', 'S: 235 *\nC: STARTTLS\nS: 220 *')],
  ] as const) {
    test(`credentials ${name} are never sent: the session ends at that line (tls-required), before anything of it is written`, async () => {
      const received: string[] = [];
      await withServer(conversation((l) => (received.push(l), l === 'QUIT' ? '221 bye\r\n' : '250 ok\r\n')), async (port) => {
        const text = edit(transcriptFor(port));
        const session = await replay(port, text);
        assert.equal(session.error?.kind, 'tls-required', JSON.stringify(session.error));
        assert.equal(session.error?.message, 'this line sends credentials before TLS is up (above the STARTTLS line, or pipelined with it): replay never sends credentials in plain text once TLS was asked for; send them after STARTTLS and its 220');
        assert.equal(session.error?.line, text.split('\n').findIndex((l) => l.startsWith('C: AUTH')));
        assert.deepEqual(received.filter((l) => l !== 'QUIT'), ['EHLO client.test']);
      });
    });
  }

  test('a session that fails at its QUIT sends QUIT once: the 221 already ended it', async () => {
    const received: string[] = [];
    await withServer(conversation((l) => (received.push(l), l === 'QUIT' ? '221 2.0.0 bye\r\n' : '250 ok\r\n')), async (port) => {
      const text = `@server = 127.0.0.1\n@port = ${port}\n@timeout = 3s\nS: 220 *\nC: NOOP\nS: 250 *\nC: QUIT\nS: 250 *\n`;
      const session = await replay(port, text);
      assert.deepEqual(outline(session), { status: 'fail', error: undefined, exchanges: ['greeting:pass', 'command:pass', 'command:fail'] });
      assert.deepEqual(received, ['NOOP', 'QUIT']);
      assert.ok(!session.wireLog.some((e) => e.text === 'ending the session with QUIT'));
    });
  });

  test('a server that stops reading in the middle of the message content', async () => {
    const script: Script = async (socket, lines) => {
      socket.write('220 faults.test\r\n');
      await lines.next();
      socket.write('354 go ahead\r\n');
      socket.pause();
    };
    await withServer(script, async (port) => {
      const text = `@server = 127.0.0.1\n@port = ${port}\n@timeout = 300ms\nS: 220 *\nC: DATA\nS: 354 *\n< ./huge.eml\nC: .\nS: 250 *\n`;
      // More than the kernel buffers of both ends hold, so the write cannot complete.
      const readFile = async (): Promise<Buffer> => Buffer.alloc(64 * 1024 * 1024, 'x');
      const session = await replay(port, text, { readFile });
      assert.deepEqual(outline(session), { status: 'error', error: 'timeout', exchanges: ['greeting:pass', 'command:pass', 'message:error'] });
      assert.equal(session.error?.message, `127.0.0.1:${port} did not take the data within 300 ms`);
    });
  });

  test('an endless multi-line reply', async () => {
    const endless: Script = (socket) => {
      const pump = (): void => {
        while (!socket.destroyed && socket.write('220-more and more\r\n'));
      };
      socket.on('drain', pump);
      pump();
    };
    await withServer(endless, async (port) => {
      assert.deepEqual(outline(await replay(port)), { status: 'error', error: 'reply-too-many-lines', exchanges: ['greeting:error', 'command:skipped', 'command:skipped', 'command:skipped'] });
    });
  });

  test('a server that echoes the credentials has them masked', async () => {
    await withServer(conversation((l) => (l.startsWith('AUTH') ? `535 5.7.8 rejected ${l.slice(11)} for ${PASSWORD}\r\n` : '250 ok\r\n')), async (port) => {
      const session = await replay(port);
      assert.deepEqual(outline(session), { status: 'fail', error: undefined, exchanges: ['greeting:pass', 'command:pass', 'command:fail', 'command:skipped'] });
      assert.deepEqual(session.exchanges[2].actual, ['535 5.7.8 rejected **** for ****']);
    });
    // The password base64-encoded alone (not inside the AUTH PLAIN payload), padding kept or dropped.
    const encoded = Buffer.from(PASSWORD).toString('base64');
    await withServer(conversation((l) => (l.startsWith('AUTH') ? `535 5.7.8 b64=${encoded} bare=${encoded.replace(/=+$/, '')}\r\n` : '250 ok\r\n')), async (port) => {
      const session = await replay(port);
      assert.ok(!JSON.stringify(session).includes(encoded.replace(/=+$/, '')), JSON.stringify(session.exchanges[2].actual));
      assert.match(session.exchanges[2].actual[0], /^535 5\.7\.8 b64=\*\*\*\*=* bare=\*\*\*\*$/);
    });
  });
});

describe('a failure belongs to its exchange', () => {
  before(() => process.on('unhandledRejection', onUnhandled));
  after(() => {
    process.off('unhandledRejection', onUnhandled);
    assert.deepEqual(unhandled, []);
  });

  test('a reply that never comes: the exchange has the timeout, its line and what it sent', async () => {
    await withServer(conversation((l) => (l === 'NOOP' ? undefined : '250 ok\r\n')), async (port) => {
      const text = '@server = 127.0.0.1\n@port = PORT\n@timeout = 300ms\nS: 220 *\nC: EHLO client.test\nS: 250 *\nC: NOOP\nS: 250 *\nC: QUIT\nS: 221 *\n';
      const { session, rows } = await replayWithRows(port, text);
      const error = { kind: 'timeout' as const, message: `no complete reply from 127.0.0.1:${port} within 300 ms`, line: 6 };
      assert.deepEqual(failure(session, 2), { kind: 'command', line: 6, status: 'error', sent: ['NOOP'], actual: [], message: error.message, error });
      assert.deepEqual(session.error, error);
      assert.deepEqual(rows, ['3:pass', '4:pass', '6:error']);
    });
  });

  test('a pipelined group that goes unanswered: the first waits in vain, the rest say they were sent', async () => {
    await withServer(conversation((l) => (l.startsWith('EHLO') ? '250 ok\r\n' : undefined)), async (port) => {
      const text = '@server = 127.0.0.1\n@port = PORT\n@timeout = 300ms\nS: 220 *\nC: EHLO client.test\nS: 250 *\nC: RSET\nC: NOOP\nS: 250 *\nS: 250 *\n';
      const { session } = await replayWithRows(port, text);
      assert.deepEqual(session.exchanges.slice(2).map((e) => [e.status, e.sent, e.message]), [
        ['error', ['RSET'], `no complete reply from 127.0.0.1:${port} within 300 ms`],
        ['skipped', ['NOOP'], 'sent, but the session ended before its reply'],
      ]);
    });
  });

  test('cancelled while waiting for a reply: the exchange under way is the cancelled one', async () => {
    const controller = new AbortController();
    const onEvent = (event: ReplayEvent): void => {
      if (event.type === 'wire' && event.entry.text === 'NOOP') controller.abort();
    };
    await withServer(conversation((l) => (l === 'NOOP' ? undefined : '250 ok\r\n')), async (port) => {
      const text = '@server = 127.0.0.1\n@port = PORT\nS: 220 *\nC: EHLO client.test\nS: 250 *\nC: NOOP\nS: 250 *\n';
      const { session, rows } = await replayWithRows(port, text, { signal: controller.signal, onEvent });
      const error = { kind: 'cancelled' as const, message: 'the replay was cancelled', line: 5 };
      assert.deepEqual(failure(session, 2), { kind: 'command', line: 5, status: 'error', sent: ['NOOP'], actual: [], message: error.message, error });
      assert.deepEqual(rows, ['2:pass', '3:pass', '5:error']);
    });
  });

  test('a server that answers STARTTLS with 220 and goes on in plain text: the STARTTLS exchange fails, once', async () => {
    const script: Script = async (socket, lines) => {
      socket.write('220 faults.test\r\n');
      for (let next = await lines.next(); !next.done; next = await lines.next()) {
        if (next.value !== 'STARTTLS') socket.write('250 ok\r\n');
        else {
          socket.write('220 go ahead\r\n');
          // The client's TLS hello gets a plain-text answer.
          socket.once('data', () => socket.write('500 what?\r\n'));
        }
      }
    };
    await withServer(script, async (port) => {
      const text = '@server = 127.0.0.1\n@port = PORT\n@tls = starttls\nS: 220 *\nC: EHLO client.test\nS: 250 *\nC: STARTTLS\nS: 220 *\nC: EHLO client.test\nS: 250 *\n';
      const { session, rows } = await replayWithRows(port, text);
      const error = { kind: 'tls-handshake' as const, message: `127.0.0.1:${port} answered STARTTLS with 220 but did not start TLS`, line: 6 };
      assert.deepEqual(failure(session, 2), { kind: 'command', line: 6, status: 'error', sent: ['STARTTLS'], actual: ['220 go ahead'], message: error.message, error });
      assert.deepEqual(rows, ['3:pass', '4:pass', '6:error']);
    });
  });

  test('implicit TLS against a plain-text server: a hint, no OpenSSL internals', async () => {
    await withServer((socket) => void socket.write('220 faults.test ESMTP\r\n'), async (port) => {
      const session = await replay(port, transcriptFor(port, '@tls = implicit'));
      assert.deepEqual(session.error, {
        kind: 'tls-handshake',
        message: `the server at 127.0.0.1:${port} did not start TLS: it may expect plain SMTP or STARTTLS - try --tls starttls / @tls = starttls`,
      });
      assert.deepEqual(session.wireLog.filter((e) => /openssl|\n/.test(e.text)), []);
    });
  });
});
