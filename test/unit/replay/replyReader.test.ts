import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ReplyReader, type ActualReply } from '../../../server/src/replay/replyReader';
import { ReplayError } from '../../../server/src/replay/replayError';

function reader(options: { maxLineLength?: number; maxLinesPerReply?: number; maxUnsolicited?: number } = {}) {
  const lines: string[] = [];
  const notes: string[] = [];
  const r = new ReplyReader({ where: 'mx.test:25', ...options, onLine: (l) => lines.push(l), onNote: (n) => notes.push(n) });
  return { r, lines, notes };
}

async function kindOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    assert.ok(error instanceof ReplayError);
    return error.kind;
  }
}

const EHLO: ActualReply = {
  code: '250',
  lines: [
    { code: '250', separator: '-', text: 'mx.test' },
    { code: '250', separator: '-', text: 'PIPELINING' },
    { code: '250', separator: ' ', text: 'SMTPUTF8' },
  ],
};
const EHLO_BYTES = '250-mx.test\r\n250-PIPELINING\r\n250 SMTPUTF8\r\n';

describe('ReplyReader', () => {
  test('a multi-line reply in one chunk', async () => {
    const { r, lines } = reader();
    r.expect();
    r.feed(Buffer.from(EHLO_BYTES));
    assert.deepEqual(await r.read(1000), EHLO);
    assert.deepEqual(lines, ['250-mx.test', '250-PIPELINING', '250 SMTPUTF8']);
  });

  test('split mid-line and between CR and LF', async () => {
    const { r } = reader();
    r.expect();
    const pending = r.read(1000);
    for (const piece of ['250-mx.t', 'est\r', '\n250-PIPE', 'LINING\r\n250 SMTP', 'UTF8\r', '\n']) r.feed(Buffer.from(piece));
    assert.deepEqual(await pending, EHLO);
  });

  test('one byte at a time', async () => {
    const { r } = reader();
    r.expect();
    const pending = r.read(1000);
    for (const byte of Buffer.from(EHLO_BYTES)) r.feed(Buffer.from([byte]));
    assert.deepEqual(await pending, EHLO);
  });

  test('pipelined replies are read in order; a bare code ends a reply', async () => {
    const { r } = reader();
    r.expect(3);
    r.feed(Buffer.from('250 2.1.0 Ok\r\n550 5.1.1 No such user\r\n354\r\n'));
    assert.deepEqual(await r.read(1000), { code: '250', lines: [{ code: '250', separator: ' ', text: '2.1.0 Ok' }] });
    assert.deepEqual(await r.read(1000), { code: '550', lines: [{ code: '550', separator: ' ', text: '5.1.1 No such user' }] });
    assert.deepEqual(await r.read(1000), { code: '354', lines: [{ code: '354', separator: '', text: '' }] });
  });

  test('a bare LF ends a line too, within a chunk and across chunks; one-line and multi-line replies alternate', async () => {
    const { r, lines } = reader();
    r.expect(4);
    r.feed(Buffer.from('250 one\n250-two\r\n250 three\n250 fo'));
    r.feed(Buffer.from('ur\n354 go'));
    r.feed(Buffer.from(' ahead\r\n'));
    assert.deepEqual(await r.read(1000), { code: '250', lines: [{ code: '250', separator: ' ', text: 'one' }] });
    assert.deepEqual(await r.read(1000), {
      code: '250',
      lines: [
        { code: '250', separator: '-', text: 'two' },
        { code: '250', separator: ' ', text: 'three' },
      ],
    });
    assert.deepEqual(await r.read(1000), { code: '250', lines: [{ code: '250', separator: ' ', text: 'four' }] });
    assert.deepEqual(await r.read(1000), { code: '354', lines: [{ code: '354', separator: ' ', text: 'go ahead' }] });
    assert.deepEqual(lines, ['250 one', '250-two', '250 three', '250 four', '354 go ahead']);
  });

  test('UTF-8 split across chunks is decoded whole', async () => {
    const { r } = reader();
    r.expect();
    const bytes = Buffer.from('250 grüße\r\n');
    r.feed(bytes.subarray(0, 7));
    r.feed(bytes.subarray(7));
    assert.deepEqual(await r.read(1000), { code: '250', lines: [{ code: '250', separator: ' ', text: 'grüße' }] });
  });

  test('a line over the limit fails before it ends', async () => {
    const { r } = reader({ maxLineLength: 16 });
    r.expect();
    const pending = r.read(1000);
    r.feed(Buffer.from('250 ' + 'x'.repeat(20)));
    assert.equal(await kindOf(pending), 'reply-line-too-long');
  });

  test('a line exactly at the limit is accepted', async () => {
    const { r } = reader({ maxLineLength: 16 });
    r.expect();
    r.feed(Buffer.from('250 ' + 'x'.repeat(12) + '\r\n'));
    assert.equal((await r.read(1000)).lines[0].text, 'x'.repeat(12));
  });

  test('too many lines in one reply', async () => {
    const { r } = reader({ maxLinesPerReply: 3 });
    r.expect();
    const pending = r.read(1000);
    r.feed(Buffer.from('250-a\r\n250-b\r\n250-c\r\n250-d\r\n'));
    assert.equal(await kindOf(pending), 'reply-too-many-lines');
  });

  test('garbage is a malformed reply, and stays the answer for later reads', async () => {
    const { r } = reader();
    r.expect();
    r.feed(Buffer.from('HTTP/1.1 400 Bad Request\r\n'));
    assert.equal(await kindOf(r.read(1000)), 'malformed-reply');
    assert.equal(await kindOf(r.read(1000)), 'malformed-reply');
    assert.match(r.error!.message, /"HTTP\/1\.1 400 Bad Request"/);
  });

  test('a code change inside a reply is malformed (RFC 5321 §4.2.1)', async () => {
    const { r } = reader();
    r.expect();
    r.feed(Buffer.from('250-a\r\n251 b\r\n'));
    assert.equal(await kindOf(r.read(1000)), 'malformed-reply');
  });

  test('close in the middle of a reply', async () => {
    const { r } = reader();
    r.expect();
    const pending = r.read(1000);
    r.feed(Buffer.from('250-mx.test\r\n250 SMT'));
    r.end();
    assert.equal(await kindOf(pending), 'connection-closed');
  });

  test('close while waiting, and reads after close', async () => {
    const { r } = reader();
    const pending = r.read(1000);
    r.end();
    assert.equal(await kindOf(pending), 'connection-closed');
    assert.equal(await kindOf(r.read(1000)), 'connection-closed');
  });

  test('silence ends in a timeout', async () => {
    const { r } = reader();
    assert.equal(await kindOf(r.read(20)), 'timeout');
  });

  test('a reply that stalls midway: the timeout says what it had sent', async () => {
    const { r } = reader();
    r.feed(Buffer.from('250-mx.test\r\n250-PIPE'));
    const message = await r.read(20).then(() => 'resolved', (error: ReplayError) => error.message);
    assert.equal(message, 'no complete reply from mx.test:25 within 20 ms; it sent "250-mx.test", "250-PIPE" (no line end)');
  });

  test('unsolicited replies are noted and kept for the next read', async () => {
    const { r, notes } = reader();
    r.expect();
    r.feed(Buffer.from('220 hi\r\n250 surprise\r\n'));
    assert.deepEqual(notes, ['unsolicited reply: the server sent a reply the client did not ask for']);
    assert.deepEqual(await r.read(1000), { code: '220', lines: [{ code: '220', separator: ' ', text: 'hi' }] });
    assert.deepEqual(await r.read(1000), { code: '250', lines: [{ code: '250', separator: ' ', text: 'surprise' }], unsolicited: true });
  });

  test('a flood of unsolicited replies is bounded', async () => {
    const { r } = reader({ maxUnsolicited: 2 });
    r.feed(Buffer.from('250 a\r\n250 b\r\n250 c\r\n'));
    assert.equal(r.error?.kind, 'too-many-replies');
  });

  test('waitForClose: close, reply instead, or timeout', async () => {
    const closing = reader().r;
    const waiting = closing.waitForClose(1000);
    closing.end();
    assert.deepEqual(await waiting, { closed: true });

    const talking = reader().r;
    const instead = talking.waitForClose(1000);
    talking.feed(Buffer.from('250 still here\r\n'));
    assert.deepEqual(await instead, { reply: { code: '250', lines: [{ code: '250', separator: ' ', text: 'still here' }], unsolicited: true } });

    assert.deepEqual(await reader().r.waitForClose(10), { timeout: true });
  });

  test('unread data is visible (STARTTLS must find none)', () => {
    const { r } = reader();
    r.expect();
    assert.equal(r.hasUnreadData, false);
    r.feed(Buffer.from('220 go ahead\r\n'));
    assert.equal(r.hasUnreadData, true);
  });

  test('a timeout beyond what setTimeout can hold waits instead of firing after 1 ms', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const { r } = reader();
      r.expect();
      const reply = r.read(99_999_999_000);
      // Node reports an overflowing delay with a warning on the next tick, and fires the timer after 1 ms.
      await new Promise(setImmediate);
      assert.deepEqual(warnings, []);
      r.feed(Buffer.from(EHLO_BYTES));
      assert.deepEqual(await reply, EHLO);
    } finally {
      process.off('warning', onWarning);
    }
  });

  describe('next: replies in step with the socket', () => {
    // What the in-step reader saw, in order: each reply with the lines logged by then, and errors by kind.
    function inStep() {
      const { r, lines } = reader();
      const seen: unknown[] = [];
      const onError = (error: ReplayError): void => void seen.push({ error: error.kind });
      const onReply = (reply: ActualReply): void => {
        seen.push({ reply: reply.lines.map((l) => l.text), logged: lines.length });
        // As SessionRun does: the next reply, at once when it was read already.
        for (let more = r.next(1000, onReply, onError); more; more = r.next(1000, onReply, onError)) seen.push({ queued: more.lines.map((l) => l.text) });
      };
      return { r, seen, next: () => r.next(1000, onReply, onError) };
    }

    test('handed over once the whole chunk is read; the rest of the chunk is returned at once', () => {
      const { r, seen, next } = inStep();
      r.expect(2);
      assert.equal(next(), undefined);
      r.feed(Buffer.from('250 one\r\n250 two\r\n'));
      assert.deepEqual(seen, [{ reply: ['one'], logged: 2 }, { queued: ['two'] }]);
    });

    test('a reply already read is returned without waiting', () => {
      const { r, seen, next } = inStep();
      r.expect();
      r.feed(Buffer.from(EHLO_BYTES));
      assert.deepEqual(next(), EHLO);
      assert.deepEqual(seen, []);
    });

    test('a failure after a reply in the same chunk: the reply first, then the error', () => {
      const { r, seen, next } = inStep();
      r.expect(2);
      next();
      r.feed(Buffer.from('250 one\r\nnot a reply\r\n'));
      assert.deepEqual(seen, [{ reply: ['one'], logged: 2 }, { error: 'malformed-reply' }]);
    });

    test('each read waits with its own timeout, also when the same callbacks read again', async () => {
      const { r } = reader();
      r.expect(2);
      const outcomes: string[] = [];
      let failed: () => void = () => undefined;
      const failure = new Promise<void>((resolve) => (failed = resolve));
      const onError = (error: ReplayError): void => void (outcomes.push(error.message), failed());
      const onReply = (reply: ActualReply): void => {
        outcomes.push(reply.lines[0].text);
        r.next(20, onReply, onError);
      };
      assert.equal(r.next(60_000, onReply, onError), undefined);
      r.feed(Buffer.from('250 first\r\n'));
      await failure;
      assert.deepEqual(outcomes, ['first', 'no complete reply from mx.test:25 within 20 ms']);
    });

    test('close while waiting, and silence, are errors', async () => {
      const closed = inStep();
      closed.r.expect();
      closed.next();
      closed.r.end();
      assert.deepEqual(closed.seen, [{ error: 'connection-closed' }]);
      const silent = reader();
      silent.r.expect();
      const outcome = await new Promise((resolve) => silent.r.next(20, () => resolve('a reply'), (error) => resolve(error.kind)));
      assert.equal(outcome, 'timeout');
    });
  });
});
