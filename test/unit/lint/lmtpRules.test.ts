import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, diagnostic, lint } from './lintHarness';
import { createLintCache } from '../../../server/src/features/lint/lintCache';
import { lintTranscript } from '../../../server/src/features/lint/lintTranscript';
import { parseTranscript } from '../../../server/src/model';
import { exchangeRange } from '../../../server/src/model/exchangeRange';
import { lines } from '../../support/text';

/** A greeting and an LHLO reply advertising exactly `keywords` (at least one). */
function lhlo(...keywords: string[]): string[] {
  return ['S: 220 store.example.com LMTP', 'C: LHLO relay.example.org', 'S: 250-store.example.com', ...keywords.map((k, i) => `S: 250${i === keywords.length - 1 ? ' ' : '-'}${k}`)];
}

const HEADERS = ['C: From: <a@example.org>', 'C: Date: Thu, 1 Jan 2026 00:00:00 +0000'];
const message = ['C: DATA', 'S: 354 go', ...HEADERS, 'C:', 'C: hi', 'C: .', 'S: 250 2.1.5 <b@example.com> delivered'];

describe('LMTP sessions (RFC 2033)', () => {
  test('LHLO opens the session as EHLO does: no unknown verb, no MAIL before a hello, its reply is what is advertised', () => {
    const text = lines(...lhlo('PIPELINING', 'ENHANCEDSTATUSCODES', '8BITMIME'), 'C: MAIL FROM:<a@example.org> BODY=8BITMIME', 'S: 250 ok', 'C: RCPT TO:<b@example.com>', 'S: 250 ok', ...message, 'C: QUIT', 'S: 221 bye');
    assert.deepEqual(lint(text), []);
    const unadvertised = lines(...lhlo('PIPELINING'), 'C: MAIL FROM:<a@example.org> BODY=8BITMIME', 'S: 250 ok');
    assert.deepEqual(brief(unadvertised), [{ line: 5, code: 'extension-not-advertised', severity: 'warning' }]);
    assert.match(diagnostic(unadvertised, 'extension-not-advertised').message, /^BODY=8BITMIME needs the 8BITMIME extension/);
  });

  test('hello-in-lmtp: EHLO or HELO after LHLO, a hint when the transcript expects the 500; not in an SMTP session', () => {
    const ids = ['hello-in-lmtp'];
    assert.deepEqual(brief(lines(...lhlo('PIPELINING'), 'C: EHLO relay.example.org', 'S: 250 ok'), ids), [{ line: 5, code: 'hello-in-lmtp', severity: 'warning' }]);
    assert.deepEqual(diagnostic(lines(...lhlo('PIPELINING'), 'C: HELO relay.example.org', 'S: 250 ok'), 'hello-in-lmtp').range, {
      start: { line: 4, character: 3 },
      end: { line: 4, character: 25 },
    });
    assert.deepEqual(brief(lines(...lhlo('PIPELINING'), 'C: EHLO relay.example.org', 'S: 500 5.5.1 unknown command'), ids), [{ line: 5, code: 'hello-in-lmtp', severity: 'hint' }]);
    assert.deepEqual(brief(lines('S: 220 mx', 'C: EHLO a.example', 'S: 250 mx', 'C: HELO a.example', 'S: 250 mx'), ids), []);
    // LHLO again goes on as LMTP; EHLO accepted after LHLO makes the session SMTP (the server said so).
    assert.deepEqual(brief(lines(...lhlo('PIPELINING'), 'C: LHLO relay.example.org', 'S: 250 store', 'C: EHLO relay.example.org', 'S: 250 mx', 'C: HELO relay.example.org', 'S: 250 mx'), ids), [
      { line: 7, code: 'hello-in-lmtp', severity: 'warning' },
    ]);
  });

  test('a message end takes one reply per accepted recipient: the first is its `reply`, the others its `recipientReplies`', () => {
    const rcpt = (address: string, code: string) => [`C: RCPT TO:<${address}>`, `S: ${code} ok`];
    const end = (...replies: string[]) => ['C: DATA', 'S: 354 go', ...HEADERS, 'C:', 'C: hi', 'C: .', ...replies.map((r) => `S: ${r}`)];
    const transcript = parseTranscript(lines(...lhlo('PIPELINING'), 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', ...rcpt('b@example.com', '250'), ...rcpt('c@example.com', '250'), ...end('250 2.1.5 b done', '452 4.2.2 c full'), 'C: QUIT', 'S: 221 bye'));
    const message = transcript.sessions[0].exchanges.find((e) => e.kind === 'message')!;
    assert.deepEqual([message.reply?.code, message.recipientReplies?.map((r) => [r.code, r.lines[0].line])], ['250', [['452', 18]]]);
    assert.deepEqual(exchangeRange(message).end, { line: 18, character: 19 });
    assert.deepEqual(transcript.diagnostics, []);
    // Pipelined with QUIT: the recipients' replies come first (RFC 2033 §4.2), then QUIT's.
    const pipelined = parseTranscript(lines(...lhlo('PIPELINING'), 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', ...rcpt('b@example.com', '250'), ...rcpt('c@example.com', '250'), 'C: DATA', 'S: 354 go', 'C: hi', 'C: .', 'C: QUIT', 'S: 250 b', 'S: 250 c', 'S: 221 bye'));
    const [, , , , , , message2, quit] = pipelined.sessions[0].exchanges;
    assert.deepEqual([message2.reply?.code, message2.recipientReplies?.length, quit.reply?.code], ['250', 1, '221']);
    // In SMTP a second reply to the `.` answers nothing.
    const smtp = parseTranscript(lines('S: 220 mx', 'C: EHLO a.example', 'S: 250 mx', 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', ...rcpt('b@example.com', '250'), ...rcpt('c@example.com', '250'), ...end('250 b', '250 c')));
    assert.deepEqual(smtp.diagnostics.map((d) => [d.code, d.range.start.line]), [['reply-without-command', 17]]);
  });

  test('lmtp-recipient-replies: the replies written after the end are not one per accepted recipient, on its `.` line (or BDAT LAST)', () => {
    const ids = ['lmtp-recipient-replies'];
    const rcpt = (address: string, code: string) => [`C: RCPT TO:<${address}>`, `S: ${code} ok`];
    const session = (second: string, ...replies: string[]) =>
      lines(...lhlo('PIPELINING'), 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', ...rcpt('b@example.com', '250'), ...rcpt('c@example.com', second), 'C: DATA', 'S: 354 go', ...HEADERS, 'C:', 'C: hi', 'C: .', ...replies.map((r) => `S: ${r}`));
    assert.deepEqual(brief(session('250', '250 2.1.5 b', '250 2.1.5 c'), ids), []);
    const short = session('250', '250 2.1.5 b');
    assert.deepEqual(brief(short, ids), [{ line: 17, code: 'lmtp-recipient-replies', severity: 'warning' }]);
    assert.deepEqual(diagnostic(short, 'lmtp-recipient-replies'), {
      range: { start: { line: 16, character: 0 }, end: { line: 16, character: 4 } },
      severity: 'warning',
      code: 'lmtp-recipient-replies',
      source: 'smtp',
      rfc: { rfc: 2033, section: '4.2' },
      message: 'In LMTP the server answers the end of a message once for each recipient it accepted (RFC 2033 §4.2): 2 accepted here, 1 reply written: write one reply for each, in RCPT order (`S: 250 2.1.5 *` for any acceptance).',
    });
    assert.deepEqual(brief(session('550', '250 2.1.5 b'), ids), []);
    const surplus = session('550', '250 2.1.5 b', '250 2.1.5 c');
    assert.match(diagnostic(surplus, 'lmtp-recipient-replies').message, /: 1 accepted here, 2 replies written: remove the extra ones, or accept more recipients above\.$/);
    const bdat = (...replies: string[]) => lines(...lhlo('CHUNKING'), 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', ...rcpt('b@example.com', '250'), ...rcpt('c@example.com', '250'), 'C: BDAT 4 LAST', 'C: hi', ...replies.map((r) => `S: ${r}`));
    assert.deepEqual(brief(bdat('250 b', '250 c'), ids), []);
    assert.deepEqual(brief(bdat('250 b'), ids), [{ line: 11, code: 'lmtp-recipient-replies', severity: 'warning' }]);
  });

  test("the further recipients' replies get the checks every reply gets: a code that cannot answer the `.`, an enhanced code of another class", () => {
    const rcpt = (address: string) => [`C: RCPT TO:<${address}>`, 'S: 250 ok'];
    const text = lines(...lhlo('PIPELINING'), 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', ...rcpt('b@example.com'), ...rcpt('c@example.com'), ...rcpt('d@example.com'), 'C: DATA', 'S: 354 go', ...HEADERS, 'C:', 'C: hi', 'C: .', 'S: 250 2.1.5 b', 'S: 354 c', 'S: 452 2.2.2 d');
    assert.deepEqual(brief(text).filter((d) => d.line > 19), [
      { line: 21, code: 'reply-not-for-command', severity: 'error' },
      { line: 22, code: 'enhanced-code-class', severity: 'warning' },
    ]);
    // 5.7.8 is about authentication credentials, which the end of a message does not deal with (RFC 3463 §3).
    const credentials = lines(...lhlo('PIPELINING'), 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', ...rcpt('b@example.com'), ...rcpt('c@example.com'), 'C: DATA', 'S: 354 go', ...HEADERS, 'C:', 'C: hi', 'C: .', 'S: 250 2.0.0 b', 'S: 550 5.7.8 c');
    assert.deepEqual(brief(credentials, ['enhanced-code-for-command']), [{ line: 19, code: 'enhanced-code-for-command', severity: 'warning' }]);
  });

  test('a long LMTP session edited at its hello: the parse from its checkpoints is the parse from scratch', () => {
    const transaction = (i: number) => [`C: MAIL FROM:<a${i}@example.org>`, 'S: 250 ok', `C: RCPT TO:<b${i}@example.com>`, 'S: 250 ok', `C: RCPT TO:<c${i}@example.com>`, 'S: 250 ok', 'C: DATA', 'S: 354 go', ...HEADERS, 'C:', 'C: hi', 'C: .', 'S: 250 b', 'S: 250 c'];
    const text = lines(...lhlo('PIPELINING'), ...Array.from({ length: 60 }, (_, i) => transaction(i)).flat());
    const context = {};
    let previous = parseTranscript(text);
    const cache = createLintCache();
    lintTranscript(previous, { context, cache });
    const edits = [text.replace('C: LHLO', 'C: EHLO'), text, text.replace('C: MAIL FROM:<a30@', 'C: MAIL FROM:<x30@'), text.replace('C: LHLO', 'C: HELO')];
    for (const edited of edits) {
      const transcript = parseTranscript(edited, previous);
      assert.deepStrictEqual(transcript.sessions[0].exchanges.map((e) => e.recipientReplies?.length), parseTranscript(edited).sessions[0].exchanges.map((e) => e.recipientReplies?.length));
      assert.deepStrictEqual(lintTranscript(transcript, { context, cache }), lintTranscript(parseTranscript(edited), { context }));
      previous = transcript;
    }
    assert.equal(lintTranscript(parseTranscript(edits[0])).filter((d) => d.code === 'reply-without-command').length, 60);
  });
});
