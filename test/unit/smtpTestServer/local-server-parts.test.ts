import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { isRejectedDomain } from '../../../server/src/smtpTestServer/localServer';
import { messageFileName } from '../../../server/src/smtpTestServer/messageStore';
import { lineLogger } from '../../../server/src/smtpTestServer/serverLog';

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

describe('lineLogger', () => {
  test('formats bunyan-style calls into one prefixed line per text line', () => {
    const lines: string[] = [];
    const logger = lineLogger((line) => lines.push(line));
    logger.info({ tnx: 'connection', cid: 'k3j2' }, 'Connection from %s', '[127.0.0.1]');
    logger.debug({ cid: 'k3j2' }, 'S: %s', '250-localhost\r\n250 SIZE 10');
    logger.error('no entry object');
    assert.deepEqual(lines, [
      'info [k3j2] Connection from [127.0.0.1]',
      'debug [k3j2] S: 250-localhost',
      'debug [k3j2] 250 SIZE 10',
      'error no entry object',
    ]);
  });
});
