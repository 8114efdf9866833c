import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { WireLog, type WireLogEntry } from '../../../server/src/replay/wireLog';
import { SecretSet } from '../../../server/src/replay/secretSet';

/** A clock that moves one millisecond each time it is read, from 1000. */
function ticking(): () => number {
  let now = 999;
  return () => ++now;
}

describe('WireLog', () => {
  test('each added line reads the clock; the lines of one write share one reading; secrets are masked', () => {
    const secrets = new SecretSet();
    secrets.add(['hunter2']);
    const told: WireLogEntry[] = [];
    const log = new WireLog(secrets, (entry) => told.push(entry), ticking());
    log.add('info', 'connected');
    log.addAll([
      { direction: 'C', text: 'MAIL FROM:<a@b.test>' },
      { direction: 'C', text: 'password hunter2' },
      { direction: 'info', text: '(3 lines not shown)' },
    ]);
    log.addAll([]);
    log.tls = true;
    log.add('S', '250 ok');
    const expected: WireLogEntry[] = [
      { direction: 'info', tls: false, text: 'connected', time: 1 },
      { direction: 'C', tls: false, text: 'MAIL FROM:<a@b.test>', time: 2 },
      { direction: 'C', tls: false, text: 'password ****', time: 2 },
      { direction: 'info', tls: false, text: '(3 lines not shown)', time: 2 },
      { direction: 'S', tls: true, text: '250 ok', time: 3 },
    ];
    assert.deepEqual(log.entries, expected);
    assert.deepEqual(told, expected);
  });

  test('a disabled log keeps and tells nothing', () => {
    const told: WireLogEntry[] = [];
    const log = new WireLog(new SecretSet(), (entry) => told.push(entry), ticking(), false);
    log.add('S', '220 hello');
    log.addAll([{ direction: 'C', text: 'EHLO a.test' }]);
    assert.deepEqual([log.entries, told], [[], []]);
  });
});
