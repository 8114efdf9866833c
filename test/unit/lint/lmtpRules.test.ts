import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, diagnostic, lint } from './lintHarness';
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

  test('lmtp-recipient-replies: a message (or BDAT LAST) for two accepted recipients, on its `.` line; one accepted of two is fine', () => {
    const ids = ['lmtp-recipient-replies'];
    const rcpt = (address: string, code: string) => [`C: RCPT TO:<${address}>`, `S: ${code} ok`];
    const two = lines(...lhlo('PIPELINING'), 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', ...rcpt('b@example.com', '250'), ...rcpt('c@example.com', '250'), ...message);
    assert.deepEqual(brief(two, ids), [{ line: 17, code: 'lmtp-recipient-replies', severity: 'warning' }]);
    const found = diagnostic(two, 'lmtp-recipient-replies');
    assert.deepEqual(found.range, { start: { line: 16, character: 0 }, end: { line: 16, character: 4 } });
    assert.match(found.message, /^In LMTP the server answers the end of a message once for each recipient it accepted \(RFC 2033 §4\.2\): 2 replies here/);
    const oneRefused = lines(...lhlo('PIPELINING'), 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', ...rcpt('b@example.com', '250'), ...rcpt('c@example.com', '550'), ...message);
    assert.deepEqual(brief(oneRefused, ids), []);
    const bdat = lines(...lhlo('CHUNKING'), 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', ...rcpt('b@example.com', '250'), ...rcpt('c@example.com', '250'), 'C: BDAT 4 LAST', 'C: hi', 'S: 250 ok');
    assert.deepEqual(brief(bdat, ids), [{ line: 11, code: 'lmtp-recipient-replies', severity: 'warning' }]);
    const smtp = lines('S: 220 mx', 'C: EHLO a.example', 'S: 250 mx', 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', ...rcpt('b@example.com', '250'), ...rcpt('c@example.com', '250'), ...message);
    assert.deepEqual(brief(smtp, ids), []);
  });
});
