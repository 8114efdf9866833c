// What an editor shows of a running mock: each connection's line, its wire lines (masked, made visible) and the
// findings at the transcript's lines. Driven by a real client over loopback against the real scripted server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { parseTranscript } from '../../../server/src/model/parseTranscript';
import { mockConnectionLine, mockFindings, mockWireLine } from '../../../server/src/report/mockReport';
import { startScriptedServer, type ScriptedServerEvent } from '../../../server/src/smtpTestServer/scriptedServer';
import type { PlayedSession } from '../../../server/src/smtpTestServer/scriptedSession';

const TRANSCRIPT = [
  '@user = me',
  '@password = {{$env MOCK_PASSWORD}}',
  'S: 220 mx.test ESMTP',
  'C: EHLO {{$capture helo}}',
  'S: 250-mx.test hello {{helo}}',
  'S: 250 AUTH PLAIN',
  'C: AUTH PLAIN {{$plain {{user}} {{password}}}}',
  'S: 235 2.7.0 ok',
  'C: MAIL FROM:<a@client.test>',
  'S: 250 2.1.0 ok',
  'C: QUIT',
  'S: 221 bye',
  '',
].join('\n');
const PASSWORD = 's3cret-pw';
const AUTH_LINE = `AUTH PLAIN ${Buffer.from(`\0me\0${PASSWORD}`).toString('base64')}`;

/** Sends each line after the previous reply was read in full; resolves with every reply line once the server closes. */
function talk(port: number, lines: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    const replies: string[] = [];
    let buffered = '';
    let next = 0;
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      for (let end = buffered.indexOf('\r\n'); end >= 0; end = buffered.indexOf('\r\n')) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        replies.push(line);
        if (line[3] === ' ' && next < lines.length) socket.write(`${lines[next++]}\r\n`);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(replies));
  });
}

async function serveOnce(lines: string[]): Promise<{ events: ScriptedServerEvent[]; result: PlayedSession; replies: string[] }> {
  const events: ScriptedServerEvent[] = [];
  const server = await startScriptedServer(parseTranscript(TRANSCRIPT), {
    port: 0,
    connections: 1,
    env: { MOCK_PASSWORD: PASSWORD },
    readInclude: () => Promise.reject(new Error('no includes here')),
    timeoutMs: 5000,
    onEvent: (event) => events.push(event),
  });
  const replies = await talk(server.port, lines);
  const [result] = await server.done;
  await server.close();
  return { events, result, replies };
}

test('the live log of a connection that follows the transcript: its wire lines with the credentials masked, no findings', async () => {
  const { events, result } = await serveOnce(['EHLO client.test', AUTH_LINE, 'MAIL FROM:<a@client.test>', 'QUIT']);
  const connection = events[0];
  assert.equal(connection.type, 'connection');
  assert.equal(mockConnectionLine('t.smtp', connection), `t.smtp: connection 1 from ${connection.remote} plays session 1`);
  const wire = events.flatMap((e) => (e.type === 'wire' ? [mockWireLine(e.connection, e.entry)] : []));
  assert.deepEqual(wire, [
    '#1 S: 220 mx.test ESMTP',
    '#1 C: EHLO client.test',
    '#1 S: 250-mx.test hello client.test',
    '#1 S: 250 AUTH PLAIN',
    '#1 C: AUTH PLAIN ****',
    '#1 S: 235 2.7.0 ok',
    '#1 C: MAIL FROM:<a@client.test>',
    '#1 S: 250 2.1.0 ok',
    '#1 C: QUIT',
    '#1 S: 221 bye',
  ]);
  assert.equal(result.status, 'pass');
  assert.deepEqual(mockFindings(result), []);
});

test('a deviating client: one finding at the C: line with expected vs actual, control characters made visible', async () => {
  const { events, result, replies } = await serveOnce(['EHLO client.test', AUTH_LINE, 'MAIL FROM:<evil\x1b[2J@client.test>']);
  assert.equal(replies.at(-1), '554 5.5.0 smtp-transcript mock: line 9 of the transcript expects MAIL FROM:<a@client.test>');
  assert.deepEqual(mockFindings(result), [
    {
      line: 8,
      kind: 'client-deviated',
      message: `the client sent something other than line 9\nexpected: MAIL FROM:<a@client.test>\nactual:   MAIL FROM:<evil\\x1b[2J@client.test>`,
    },
  ]);
  const wire = events.flatMap((e) => (e.type === 'wire' ? [mockWireLine(e.connection, e.entry)] : []));
  assert.ok(wire.includes('#1 C: MAIL FROM:<evil\\x1b[2J@client.test>'), wire.join('\n'));
  assert.ok(!wire.join('\n').includes(PASSWORD) && !wire.join('\n').includes(AUTH_LINE.split(' ')[2]));
});

test('a line the mock cannot resolve is a transcript-error finding at that line', () => {
  const played: PlayedSession = { session: 0, status: 'error', error: { line: 4, message: 'MOCK_PASSWORD is not set' }, tls: 'none', log: [], durationMs: 1 };
  assert.deepEqual(mockFindings(played), [{ line: 4, kind: 'transcript-error', message: 'MOCK_PASSWORD is not set' }]);
});
