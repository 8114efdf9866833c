// Replay against an in-process TCP server that misbehaves on purpose: every fault ends in its typed error or a
// failed expectation, promptly, with no unhandled rejection and no secret in the result.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { createInterface } from 'node:readline';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { replayTranscript } from '../../server/src/replay/replayTranscript';
import { actualTranscript } from '../../server/src/replay/actualTranscript';
import type { ReplayEvent, ReplayOptions, ReplayResult, SessionResult } from '../../server/src/replay/replayTypes';

const PASSWORD = 's3cr3t-Pa55';
const PLAIN = Buffer.from(`\0alice\0${PASSWORD}`).toString('base64');

type Script = (socket: net.Socket, lines: AsyncIterator<string>) => Promise<void> | void;

/** A server on 127.0.0.1 running `script` for each connection; every socket is destroyed on close. */
async function scriptedServer(script: Script): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    const lines = createInterface({ input: socket, crlfDelay: Infinity })[Symbol.asyncIterator]();
    Promise.resolve(script(socket, lines)).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

function transcriptFor(port: number, extra = ''): string {
  return `@server = 127.0.0.1
@port = ${port}
@timeout = 3s
@connect-timeout = 3s
@user = alice
@password = {{$env SMTP_PASSWORD}}
${extra}
S: 220 *
C: EHLO client.test
S: 250 *
C: AUTH PLAIN {{$plain {{user}} {{password}}}}
S: 235 *
C: QUIT
S: 221 *
`;
}

async function replay(port: number, text = transcriptFor(port), extra: Partial<ReplayOptions> = {}): Promise<SessionResult> {
  const result: ReplayResult = await replayTranscript(parseTranscript(text), { env: { SMTP_PASSWORD: PASSWORD }, ...extra });
  const shown = JSON.stringify(result);
  assert.ok(!shown.includes(PASSWORD) && !shown.includes(PLAIN), `a secret leaked: ${shown}`);
  assert.equal(result.sessions.length, 1);
  return result.sessions[0];
}

/** Status, error and each exchange's status: the shape every case asserts exactly. */
function outline(session: SessionResult) {
  return {
    status: session.status,
    error: session.error?.kind,
    exchanges: session.exchanges.map((e) => `${e.kind}:${e.status}`),
  };
}

async function withServer(script: Script, run: (port: number) => Promise<void>): Promise<void> {
  const server = await scriptedServer(script);
  try {
    await run(server.port);
  } finally {
    await server.close();
  }
}

/** Answers each command line with the reply `answer` gives (undefined: say nothing). */
function conversation(answer: (line: string) => string | undefined): Script {
  return async (socket, lines) => {
    socket.write('220 faults.test ESMTP\r\n');
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      const reply = answer(next.value);
      if (reply !== undefined) socket.write(reply);
      if (next.value === 'QUIT') return void socket.end();
    }
  };
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

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

  test('silence ends in a timeout', async () => {
    await withServer(() => undefined, async (port) => {
      const session = await replay(port, transcriptFor(port, '@timeout = 300ms'));
      assert.deepEqual(outline(session), { status: 'error', error: 'timeout', exchanges: ['greeting:error', 'command:skipped', 'command:skipped', 'command:skipped'] });
      assert.equal(session.error?.message, `no complete reply from 127.0.0.1:${port} within 300 ms`);
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
  });
});

/** Replays `text` (its `PORT` replaced) and collects the exchange rows as a live listener sees them. */
async function replayWithRows(port: number, text: string, extra: Partial<ReplayOptions> = {}): Promise<{ session: SessionResult; rows: string[] }> {
  const rows: string[] = [];
  const onEvent = (event: ReplayEvent): void => {
    if (event.type === 'exchange') rows.push(`${event.result.line}:${event.result.status}`);
    extra.onEvent?.(event);
  };
  const session = await replay(port, text.replace(/PORT/g, String(port)), { ...extra, onEvent });
  return { session, rows };
}

/** The parts of an exchange a failure report is made of. */
function failure(session: SessionResult, index: number) {
  const { kind, line, status, sent, actual, message, error } = session.exchanges[index];
  return { kind, line, status, sent, actual, message, error };
}

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

describe('checked before connecting', () => {
  /** Replays `text` against a server that counts connections; the session must be refused without one. */
  async function refused(text: string, extra: Partial<ReplayOptions> = {}): Promise<SessionResult> {
    let connections = 0;
    let session: SessionResult | undefined;
    await withServer(() => void connections++, async (port) => {
      session = (await replayWithRows(port, text, extra)).session;
    });
    assert.equal(connections, 0);
    assert.equal(session!.status, 'error');
    assert.equal(session!.target, undefined);
    return session!;
  }

  const AFTER_STARTTLS = '@server = 127.0.0.1\n@port = PORT\n@tls = starttls\nS: 220 *\nC: EHLO client.test\nS: 250 *\nC: STARTTLS\nS: 220 *\nC: EHLO client.test\nS: 250 *\n';

  test('an unset $env used after STARTTLS: refused at the line that uses it', async () => {
    const session = await refused(`@password = {{$env SMTP_PASSWORD}}\n${AFTER_STARTTLS}C: AUTH PLAIN {{$plain alice {{password}}}}\nS: 235 *\n`, { env: {} });
    const error = { kind: 'variable' as const, message: '`{{$env}}`: environment variable SMTP_PASSWORD is not set', line: 11 };
    assert.deepEqual(failure(session, 4), { kind: 'command', line: 11, status: 'error', sent: [], actual: [], message: error.message, error });
    assert.deepEqual(session.error, error);
    assert.deepEqual(session.exchanges.map((e) => e.status), ['skipped', 'skipped', 'skipped', 'skipped', 'error']);
  });

  test('an undefined variable in an expectation: the exchange names the S: line', async () => {
    const session = await refused('@server = 127.0.0.1\n@port = PORT\nS: 220 *\nC: EHLO client.test\nS: 250 {{greeting}}\n');
    assert.deepEqual(session.exchanges[1].message, 'line 5: undefined variable `greeting`: define it with `@greeting = value` above this line');
    assert.deepEqual(session.error?.line, 4);
  });

  test('a missing include in message content', async () => {
    const readFile = async (path: string): Promise<Buffer> => {
      throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    };
    const text = '@server = 127.0.0.1\n@port = PORT\nS: 220 *\nC: MAIL FROM:<a@example.com>\nS: 250 *\nC: RCPT TO:<b@example.com>\nS: 250 *\nC: DATA\nS: 354 *\nC: Subject: hi\n< ./missing.eml\nC: .\nS: 250 *\n';
    const session = await refused(text, { readFile });
    const error = { kind: 'include' as const, message: "cannot read ./missing.eml: ENOENT: no such file or directory, open './missing.eml'", line: 10 };
    assert.deepEqual(failure(session, 4), { kind: 'message', line: 9, status: 'error', sent: [], actual: [], message: `line 11: ${error.message}`, error });
  });

  test('an include larger than the BDAT count declares', async () => {
    const readFile = async (): Promise<Buffer> => Buffer.from('Subject: hi\n\nHello\n');
    const session = await refused('@server = 127.0.0.1\n@port = PORT\nS: 220 *\nC: BDAT 10 LAST\n< ./body.eml\nS: 250 *\n', { readFile });
    assert.deepEqual(session.error, {
      kind: 'bdat-size',
      message: 'BDAT declares 10 octets but the chunk holds 22 (after substituting variables and reading includes); write `BDAT * LAST` to have the count computed',
      line: 3,
    });
  });

  test('a setting that cannot be read names its directive', async () => {
    const session = await refused('@server = 127.0.0.1\n@port = PORT\nS: 220 *\nC: EHLO client.test\nS: 250 *\n@timeout = soon\nC: QUIT\nS: 221 *\n');
    assert.equal(session.error?.kind, 'transcript');
    assert.equal(session.error?.line, 5);
    assert.doesNotMatch(session.error?.message ?? '', /^line /);
  });

  test('a @ca file and an extra CA that hold no certificate', async () => {
    const readFile = async (): Promise<Buffer> => Buffer.from('root:x:0:0:root:/root:/bin/bash\n');
    const file = await refused(`@ca = ./ca.pem\n${AFTER_STARTTLS}`, { readFile });
    assert.deepEqual(file.error, { kind: 'ca', message: 'the @ca file ./ca.pem holds no PEM certificate (-----BEGIN CERTIFICATE-----)', line: 0 });
    const option = await refused(AFTER_STARTTLS, { extraCaPem: 'root:x:0:0:root:/root:/bin/bash\n' });
    assert.deepEqual(option.error, { kind: 'ca', message: 'the extra CA file (--ca, smtp.replay.caFile) holds no PEM certificate (-----BEGIN CERTIFICATE-----)' });
  });

  test('a BDAT count that holds with the fresh values of the run is not refused ahead of it', async () => {
    const received: string[] = [];
    const script = conversation((l) => (received.push(l), l.startsWith('BDAT') ? undefined : l === 'QUIT' ? '221 bye\r\n' : '250 ok\r\n'));
    await withServer(script, async (port) => {
      // `{{$uuid}}` and this run's id are both 9 characters; the stand-in used when checking ahead is a 36-character UUID.
      const text = '@server = 127.0.0.1\n@port = PORT\nS: 220 *\nC: BDAT 11 LAST\nC: {{$uuid}}\nS: 250 *\nC: QUIT\nS: 221 *\n';
      const { session } = await replayWithRows(port, text, { uuid: () => 'uuid-0001' });
      assert.deepEqual(outline(session), { status: 'pass', error: undefined, exchanges: ['greeting:pass', 'bdat:pass', 'command:pass'] });
      assert.deepEqual(received, ['BDAT 11 LAST', 'uuid-0001', 'QUIT']);
    });
  });
});

describe('settings the engine honours', () => {
  const polite = conversation((l) => (l === 'QUIT' ? '221 bye\r\n' : '250 ok\r\n'));

  test('@server = host:port connects to that port; a different @port is refused', async () => {
    await withServer(polite, async (port) => {
      const { session } = await replayWithRows(port, '@server = 127.0.0.1:PORT\nS: 220 *\nC: NOOP\nS: 250 *\nC: QUIT\nS: 221 *\n');
      assert.deepEqual(outline(session), { status: 'pass', error: undefined, exchanges: ['greeting:pass', 'command:pass', 'command:pass'] });
      assert.deepEqual(session.target, { host: '127.0.0.1', port, tls: 'none', servername: '127.0.0.1' });
      const conflict = (await replayWithRows(port, '@port = 2525\n@server = 127.0.0.1:PORT\nS: 220 *\nC: QUIT\nS: 221 *\n')).session;
      assert.deepEqual(conflict.error, { kind: 'transcript', message: `\`@server = 127.0.0.1:${port}\` names port ${port} but \`@port = 2525\` another: keep one`, line: 1 });
    });
  });

  test('mx:localhost without MX records connects to localhost itself (implicit MX, RFC 5321 §5.1)', async () => {
    const looked: string[] = [];
    const resolveMx = async (domain: string): Promise<never> => {
      looked.push(domain);
      throw Object.assign(new Error(`queryMx ENOTFOUND ${domain}`), { code: 'ENOTFOUND' });
    };
    await withServer(polite, async (port) => {
      const { session } = await replayWithRows(port, '@server = mx:localhost\n@port = PORT\nS: 220 *\nC: QUIT\nS: 221 *\n', { resolveMx });
      assert.deepEqual(outline(session), { status: 'pass', error: undefined, exchanges: ['greeting:pass', 'command:pass'] });
      assert.deepEqual(looked, ['localhost']);
      assert.deepEqual(session.target, { host: 'localhost', port, tls: 'none', servername: 'localhost', mx: 'mx:localhost' });
      assert.equal(session.wireLog[0].text, 'localhost has no MX records: connecting to its own address (implicit MX, RFC 5321 §5.1)');
    });
  });

  test('@tls = starttls on a session without STARTTLS: a note on the greeting and in the wire log, not a failure', async () => {
    await withServer(polite, async (port) => {
      const { session } = await replayWithRows(port, '@server = 127.0.0.1\n@port = PORT\n@tls = starttls\nS: 220 *\nC: NOOP\nS: 250 *\nC: QUIT\nS: 221 *\n');
      const note = 'the session never upgraded to TLS although @tls = starttls: it ran in plain text';
      assert.equal(session.status, 'pass');
      assert.deepEqual(session.exchanges[0].differences, [note]);
      assert.ok(session.wireLog.some((e) => e.direction === 'info' && e.text === note));
    });
  });

  test('@requires in a HELO session is skipped for what it is: nothing advertised to judge', async () => {
    await withServer(polite, async (port) => {
      const text = '@server = 127.0.0.1\n@port = PORT\n@requires = PIPELINING\nS: 220 *\nC: HELO client.test\nS: 250 *\nC: MAIL FROM:<a@example.com>\nS: 250 *\n';
      const { session } = await replayWithRows(port, text);
      assert.deepEqual(outline(session), { status: 'skipped', error: undefined, exchanges: ['greeting:pass', 'command:pass', 'command:skipped'] });
      assert.equal(session.skipReason, '@requires needs an EHLO reply; this session uses HELO');
    });
  });
});
