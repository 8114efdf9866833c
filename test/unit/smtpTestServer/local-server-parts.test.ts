import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { isRejectedDomain } from '../../../server/src/smtpTestServer/localServer';
import { messageFileName } from '../../../server/src/smtpTestServer/messageStore';
import { sessionLog } from '../../../server/src/smtpTestServer/serverLog';
import { LOCAL_REPLIES, replyText } from '../../../server/src/smtpTestServer/localReplies';

describe('isRejectedDomain', () => {
  test('matches the domain and its subdomains, in any case', () => {
    const rejected = ['reject.test'];
    assert.deepEqual(
      ['bob@reject.test', 'bob@MX.Reject.Test', 'bob@notreject.test', 'bob@reject.test.example', 'reject.test@example.com'].map(
        (address) => isRejectedDomain(address, rejected),
      ),
      [true, true, false, false, false],
    );
  });
});

describe('messageFileName', () => {
  test('is the ISO time with file-name-safe separators, then the id', () => {
    assert.equal(messageFileName(new Date(Date.UTC(2026, 0, 31, 9, 5, 0, 123)), 'abc-1'), '2026-01-31T09-05-00-123Z-abc-1.eml');
  });
});

describe('sessionLog', () => {
  test('prefixes every line with its level and connection id', () => {
    const lines: string[] = [];
    const log = sessionLog((line) => lines.push(line), 'k3j2');
    log('info', 'Connection from [127.0.0.1]');
    log('debug', 'S: 250-localhost\r\nS: 250 SIZE 10');
    assert.deepEqual(lines, ['info [k3j2] Connection from [127.0.0.1]', 'debug [k3j2] S: 250-localhost', 'debug [k3j2] S: 250 SIZE 10']);
  });
});

describe('replyText', () => {
  test('each line within 512 octets with its CRLF (RFC 5321 §4.5.3.1.5), a text quoting a long address cut to fit', () => {
    const domain = `${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(60)}.${'g'.repeat(60)}.test`;
    const wire = replyText(LOCAL_REPLIES.rejectedRecipient(`${'a'.repeat(64)}@${domain}`, domain));
    assert.deepEqual([Buffer.byteLength(wire), wire.startsWith(`550 5.1.1 <${'a'.repeat(64)}@`), wire.endsWith('\r\n'), wire.indexOf('\r\n')], [512, true, true, 510]);
    assert.equal(replyText(LOCAL_REPLIES.recipientOk), '250 2.1.5 Accepted\r\n');
  });
});
