// The mock's text report with two clients at once, over loopback against the real scripted server: a session's
// lines follow the line of its own connection, printed again when another connection was announced in between.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { parseTranscript } from '../../../server/src/model/parseTranscript';
import { mockTextReporter } from '../../../server/src/report/mockReport';
import { startScriptedServer } from '../../../server/src/smtpTestServer/scriptedServer';

async function connected(port: number): Promise<{ socket: Socket; said: () => Promise<string> }> {
  const socket = connect({ host: '127.0.0.1', port });
  let buffer = '';
  socket.on('data', (chunk: Buffer) => (buffer += chunk.toString('latin1')));
  const said = async (): Promise<string> => {
    while (!buffer.includes('\r\n')) await once(socket, 'data');
    const line = buffer.slice(0, buffer.indexOf('\r\n'));
    buffer = buffer.slice(line.length + 2);
    return line;
  };
  assert.equal(await said(), '220 mx.test ESMTP');
  return { socket, said };
}

test('clients at once: each session\'s lines come under its own connection\'s line', async () => {
  const written: string[] = [];
  const report = mockTextReporter('t.smtp', (line) => written.push(line), false);
  const server = await startScriptedServer(parseTranscript('S: 220 mx.test ESMTP\nC: QUIT\nS: 221 bye\n'), {
    port: 0,
    connections: 2,
    env: {},
    timeoutMs: 5000,
    readInclude: () => Promise.reject(new Error('none')),
    onEvent: report,
  });
  const first = await connected(server.port);
  const second = await connected(server.port);
  // The second ends first (a deviation), then the first passes.
  second.socket.write('NOOP\r\n');
  assert.match(await second.said(), /^554 /);
  first.socket.write('QUIT\r\n');
  assert.equal(await first.said(), '221 bye');
  await server.done;
  await server.close();
  const shown = written.map((line) => line.replace(/127\.0\.0\.1:\d+/, 'CLIENT').replace(/in \d+ ms/, 'in N ms'));
  assert.deepEqual(shown, [
    't.smtp: connection 1 from CLIENT plays session 1',
    't.smtp: connection 2 from CLIENT plays session 1',
    '  session 1 failed in N ms',
    '      t.smtp:2: the client sent something other than line 2',
    '      expected: QUIT',
    '      actual:   NOOP',
    't.smtp: connection 1 from CLIENT plays session 1',
    '  session 1 passed in N ms',
  ]);
});
