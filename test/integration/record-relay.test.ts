// Postfix as the client: it relays mail for relay.test to 127.0.0.1:2599 (test/servers/postfix-main.cf.in), where
// `smtp-transcript record` listens in front of the built-in local server. The message Postfix sends carries its own
// Received: field, with its queue id, new for every message: recorded as {{$uuid}} (and its date as {{$date}}), the
// transcript then mocks green for Postfix's next message, which the mock takes on the same port.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startLocalServer } from '../../server/src/smtpTestServer/localServer';
import { requireServer, type TestServer } from '../servers/available';
import { listenWithCert } from '../support/listeningCli';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'smtp-record-relay-'));
/** Where Postfix relays mail for relay.test. */
const RELAY_PORT = 2599;
/** Postfix delivers from its queue within a second or two; this bounds a test whose delivery never comes. */
const DELIVERY_TIMEOUT_MS = 30_000;

/** Submits the same message to Postfix for bob@relay.test, which Postfix then relays to RELAY_PORT. */
async function submit(postfix: TestServer): Promise<void> {
  await run('python3', ['-c', [
    'import smtplib',
    `s = smtplib.SMTP("127.0.0.1", ${postfix.port}, local_hostname="client.test", timeout=20)`,
    's.sendmail("a@example.com", ["bob@relay.test"], "From: <a@example.com>\\r\\nTo: <bob@relay.test>\\r\\nSubject: relayed\\r\\n\\r\\nhello\\r\\n")',
    's.quit()',
  ].join('\n')], { timeout: 20_000 });
}

/** The command's exit, or a failure naming what it printed when Postfix's delivery does not come in time. */
async function exitWithin<T extends { stdout: string; stderr: string }>(exit: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`${what}: Postfix delivered nothing within ${DELIVERY_TIMEOUT_MS} ms`)), DELIVERY_TIMEOUT_MS)));
  try {
    return await Promise.race([exit, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('Postfix relaying through the recording proxy', { timeout: 120_000 }, () => {
  const local = startLocalServer({ mailDir: path.join(dir, 'mail') });
  after(async () => (await local).close());

  test('its Received: queue id is recorded as {{$uuid}}, so its next message mocks green', async (t) => {
    const postfix = await requireServer(t, 'postfix');
    if (!postfix) return;
    const upstream = await local;
    const file = path.join(dir, 'relayed.smtp');
    const proxy = await listenWithCert(['record', '--listen', String(RELAY_PORT), '--upstream', `127.0.0.1:${upstream.port}`, '--upstream-tls', 'none', '--tls', 'none', '--out', file], dir, {});
    await submit(postfix);
    const recorded = await exitWithin(proxy.exit, 'record');
    assert.equal(recorded.code, 0, recorded.stderr);
    const lines = readFileSync(file, 'utf8').split('\n');
    const received = lines.indexOf('C: Received: from client.test (localhost [127.0.0.1])');
    assert.ok(received > 0, lines.join('\n'));
    assert.deepEqual(lines.slice(received + 1, received + 3), ['C: \tby mx.test.local (Postfix) with ESMTP id {{$uuid}}', 'C: \tfor <bob@relay.test>; {{$date}}']);

    const mock = await listenWithCert(['mock', '--port', String(RELAY_PORT), file], dir, {});
    await submit(postfix);
    const played = await exitWithin(mock.exit, 'mock');
    assert.match(played.stdout, /\nmock: 1 passed, 0 failed\n$/, played.stdout + played.stderr);
  });
});
