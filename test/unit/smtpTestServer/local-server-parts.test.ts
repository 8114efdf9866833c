import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { isRejectedDomain } from '../../../server/src/smtpTestServer/localServer';
import { messageFileName } from '../../../server/src/smtpTestServer/messageStore';
import { sessionLog } from '../../../server/src/smtpTestServer/serverLog';

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
