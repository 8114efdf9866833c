// Replay settles what it can before connecting (unset variables, missing includes, unreadable settings: refused with
// no connection), and honours the settings that choose where and how it connects.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { ReplayOptions, SessionResult } from '../../server/src/replay/replayTypes';
import { conversation, failure, outline, replayWithRows, withServer } from './faultServer';

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
    const error = { kind: 'variable' as const, message: '`{{$env}}`: environment variable SMTP_PASSWORD is not set: set it in the environment first (`export SMTP_PASSWORD=...`)', line: 11 };
    assert.deepEqual(failure(session, 4), { kind: 'command', line: 11, status: 'error', sent: [], actual: [], message: error.message, error });
    assert.deepEqual(session.error, error);
    assert.deepEqual(session.exchanges.map((e) => e.status), ['skipped', 'skipped', 'skipped', 'skipped', 'error']);
  });

  // Command injection: the value would end the line early and send its rest as lines of their own. No connection is
  // made, so the server receives none of it.
  for (const [where, line] of [
    ['a command', 'C: MAIL FROM:<{{$env FROM}}>'],
    ['message content', 'C: DATA\nS: 354 *\nC: From: <{{$env FROM}}>'],
  ] as const) {
    test(`a $env value holding CR or LF in ${where}: refused at its line, nothing sent`, async () => {
      const text = `@server = 127.0.0.1\n@port = PORT\nS: 220 *\nC: EHLO client.test\nS: 250 *\n${line}\nC: .\nS: 250 *\n`;
      for (const value of ['a@b.test>\r\nRSET\r\nMAIL FROM:<x@y.test', 'a@b.test>\n.\nMAIL FROM:<x@y.test', 'a\rb']) {
        const session = await refused(text, { env: { FROM: value } });
        assert.deepEqual(session.error, {
          kind: 'variable',
          message: '`{{$env}}`: environment variable FROM holds a line break (CR or LF): a line sends one line, so its value would send lines the transcript does not show ({{$cr}} and {{$lf}} write a CR or LF meant to be sent)',
          line: text.split('\n').findIndex((l) => l.includes('$env FROM')),
        });
      }
    });
  }

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

  test('of two problems, the one on the earlier line is reported, whether a file or a name was missing first', async () => {
    const readFile = async (path: string): Promise<Buffer> => {
      throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    };
    const message = 'C: MAIL FROM:<a@example.com>\nS: 250 *\nC: RCPT TO:<b@example.com>\nS: 250 *\nC: DATA\nS: 354 *\n< ./missing.eml\nC: .\nS: 250 *\n';
    const head = '@server = 127.0.0.1\n@port = PORT\nS: 220 *\n';
    const includeFirst = await refused(`${head}${message}C: RSET {{nobody}}\nS: 250 *\n`, { readFile });
    assert.deepEqual(includeFirst.error, { kind: 'include', message: "cannot read ./missing.eml: ENOENT: no such file or directory, open './missing.eml'", line: 9 });
    const nameFirst = await refused(`${head}C: NOOP {{nobody}}\nS: 250 *\n${message}`, { readFile });
    assert.deepEqual(nameFirst.error, { kind: 'variable', message: 'undefined variable `nobody`: define it with `@nobody = value` above this line', line: 3 });
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
