import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../../server/src/model/parseTranscript';
import { errorInfo, ReplayError } from '../../../server/src/replay/replayError';
import { replayTranscript } from '../../../server/src/replay/replayTranscript';
import type { MxRecord } from '../../../server/src/replay/replayTypes';

test('an exception no check expected is an internal error, never a connection failure', () => {
  assert.deepEqual(errorInfo(new TypeError("Cannot read properties of undefined (reading 'code')")), {
    kind: 'internal',
    message: "internal error: Cannot read properties of undefined (reading 'code') (please report)",
  });
  assert.deepEqual(errorInfo(new ReplayError('connect-failed', 'cannot connect to mx.test:25: EHOSTUNREACH', 2)), {
    kind: 'connect-failed',
    message: 'cannot connect to mx.test:25: EHOSTUNREACH',
    line: 2,
  });
});

test('a TypeError thrown inside replay is reported as internal, its stack only in the wire log', async () => {
  // A resolver that answers a record without an exchange: replay's MX code trips over it (a bug, not the network).
  const resolveMx = async (): Promise<MxRecord[]> => [{ exchange: null as unknown as string, priority: 10 }];
  const transcript = parseTranscript('@server = mx:example.test\nS: 220 *\nC: QUIT\nS: 221 *\n');
  const result = await replayTranscript(transcript, { env: {}, resolveMx });
  const session = result.sessions[0];
  const message = "internal error: Cannot read properties of null (reading 'replace') (please report)";
  assert.deepEqual([result.status, session.status, session.error], ['error', 'error', { kind: 'internal', message }]);
  const log = session.wireLog.map((entry) => entry.text);
  assert.deepEqual(log.slice(-2, -1), [message]);
  assert.match(log.at(-1) ?? '', /^TypeError: Cannot read properties of null \(reading 'replace'\)\n {4}at /);
  assert.ok(!session.exchanges.some((e) => e.message.includes('    at ')), 'no stack in the exchange results');
});
