// DKIM signing on replay: a transcript with `@dkim-*` settings is replayed against the local server, and the
// message the server stored is verified by mailauth and, independently, by Debian's python3-dkim, for RSA and
// Ed25519 keys; a tampered copy fails in both. The zone file in the repository answers every DNS question.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { startLocalServer, type LocalServer } from '../../server/src/smtpTestServer/localServer';
import { replayTranscript } from '../../server/src/replay/replayTranscript';
import { authenticateMessage } from '../../server/src/mailauth/authenticateMessage';
import { zoneResolver } from '../../server/src/mailauth/zoneResolver';
import type { Zone } from '../../server/src/mailauth/zoneFile';
import { dkimpyVerdict, ED25519_KEY, loadTestZone, RSA_KEY } from './mailauthFixtures';

let server: LocalServer;
let mailDir: string;
let zone: Zone;

function transcript(selector: string, keyPath: string): string {
  return `@dkim-domain = signed.test
@dkim-selector = ${selector}
@dkim-key = ${keyPath}
@dkim-headers = From:To:Subject:Date
@who = Bob
S: 220 *
C: EHLO client.test
S: 250 *
C: MAIL FROM:<alice@signed.test>
S: 250 *
C: RCPT TO:<bob@example.test>
S: 250 *
C: DATA
S: 354 *
C: From: Alice <alice@signed.test>
C: To: {{who}} <bob@example.test>
C: Subject: signed by replay
C: Date: {{$date}}
C:
C: Hello {{who}},
C: ..this line starts with a dot on the receiver's side.
< ./body.txt
C: .
S: 250 *
C: QUIT
S: 221 *
`;
}

async function replayAndRead(selector: string, keyPath: string): Promise<Buffer> {
  const before = server.messages.length;
  const result = await replayTranscript(parseTranscript(transcript(selector, keyPath)), {
    env: {},
    target: { host: '127.0.0.1', port: server.port },
    timeouts: { connectMs: 5000, replyMs: 5000 },
    readFile: (path) => readFile(path.startsWith('/') ? path : join(mailDir, path)),
  });
  assert.deepEqual(result.sessions.map((s) => [s.status, s.error?.message]), [['pass', undefined]]);
  assert.equal(server.messages.length, before + 1);
  return readFile(server.messages[before].file);
}

async function mailauthDkim(message: Buffer) {
  const verdict = await authenticateMessage({ message, ip: '127.0.0.1', helo: 'client.test', mailFrom: 'alice@signed.test', resolver: zoneResolver(zone) });
  return verdict.dkim.map((d) => ({ result: d.result, domain: d.domain, selector: d.selector, algorithm: d.algorithm, reason: d.reason }));
}

describe('DKIM signing on replay, verified by mailauth and by python3-dkim', () => {
  before(async () => {
    zone = loadTestZone();
    mailDir = await mkdtemp(join(tmpdir(), 'dkim-sign-'));
    await writeFile(join(mailDir, 'body.txt'), 'From the include.\n.A dotted include line.\n');
    server = await startLocalServer({ port: 0, tlsPort: 0, mailDir });
  });
  after(async () => {
    await server.close();
    await rm(mailDir, { recursive: true, force: true });
  });

  for (const [algorithm, selector, key] of [
    ['rsa-sha256', 'rsa2026', RSA_KEY],
    ['ed25519-sha256', 'ed2026', ED25519_KEY],
  ] as const) {
    test(`${algorithm}: the stored message verifies in both; a tampered body and a tampered header fail in both`, async () => {
      const message = await replayAndRead(selector, key);
      const text = message.toString('latin1');
      assert.match(text, /^DKIM-Signature: /);
      // What the receiver stored: un-stuffed, variables substituted, the include's lines in place.
      assert.ok(text.endsWith('\r\n\r\nHello Bob,\r\n.this line starts with a dot on the receiver\'s side.\r\nFrom the include.\r\n.A dotted include line.\r\n'), text);
      assert.deepEqual(await mailauthDkim(message), [{ result: 'pass', domain: 'signed.test', selector, algorithm, reason: undefined }]);
      assert.equal(dkimpyVerdict(message, zone), 'pass');

      const body = Buffer.from(text.replace('Hello Bob,', 'Hello Eve,'), 'latin1');
      // mailauth reports a body-hash mismatch as `neutral` with its reason (RFC 8601 §2.7.1 leaves the choice open).
      assert.deepEqual((await mailauthDkim(body)).map((d) => `${d.result} (${d.reason})`), ['neutral (body hash did not verify)']);
      assert.equal(dkimpyVerdict(body, zone), 'fail');
      const header = Buffer.from(text.replace('Subject: signed by replay', 'Subject: signed by someone else'), 'latin1');
      assert.deepEqual((await mailauthDkim(header)).map((d) => `${d.result} (${d.reason})`), ['fail (bad signature)']);
      assert.equal(dkimpyVerdict(header, zone), 'fail');
    });
  }
});

describe('a DKIM key that cannot sign refuses the session before it connects, at its @dkim-key line', () => {
  let keys: string;
  before(async () => {
    keys = await mkdtemp(join(tmpdir(), 'dkim-keys-'));
    await writeFile(join(keys, 'not-a-key.pem'), 'hello\n');
    await writeFile(join(keys, 'body.txt'), 'From the include.\n');
  });
  after(() => rm(keys, { recursive: true, force: true }));

  for (const [what, key, error] of [
    ['a missing file', 'missing.pem', "cannot read missing.pem: ENOENT: no such file or directory, open 'KEYS/missing.pem'"],
    ['a file that holds no key', 'not-a-key.pem', '@dkim-key: the DKIM key is not a PEM private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)'],
  ] as const) {
    test(what, async () => {
      // A bare listener that counts connections: none may come.
      let connections = 0;
      const listener = createServer((socket) => {
        connections++;
        socket.destroy();
      });
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
      try {
        const result = await replayTranscript(parseTranscript(transcript('rsa2026', key)), {
          env: {},
          target: { host: '127.0.0.1', port: (listener.address() as AddressInfo).port },
          timeouts: { connectMs: 5000, replyMs: 5000 },
          readFile: (path) => readFile(join(keys, path)),
        });
        assert.deepEqual(result.sessions.map((s) => [s.status, s.error?.message, s.error?.line]), [['error', error.replace('KEYS', keys), 2]]);
        assert.equal(connections, 0);
      } finally {
        await new Promise((resolve) => listener.close(resolve));
      }
    });
  }
});

/** A message in two BDAT chunks (RFC 3030), the second holding a value fresh at every use. */
function chunkedTranscript(selector: string, keyPath: string): string {
  return `@dkim-domain = signed.test
@dkim-selector = ${selector}
@dkim-key = ${keyPath}
@dkim-headers = From:To:Subject
S: 220 *
C: EHLO client.test
S: 250 *
C: MAIL FROM:<alice@signed.test>
S: 250 *
C: RCPT TO:<bob@example.test>
S: 250 *
C: BDAT 76
C: From: Alice <alice@signed.test>
C: To: <bob@example.test>
C: Subject: chunks
C:
S: 250 *
C: BDAT * LAST
C: Reference {{$uuid}}
C: .a dot that is not stuffed in a chunk
< ./body.txt
S: 250 *
C: QUIT
S: 221 *
`;
}

describe('DKIM signing of BDAT messages on replay, judged by the local server (CHUNKING, a zone)', () => {
  let judging: LocalServer;
  let judgingDir: string;
  before(async () => {
    zone = loadTestZone();
    judgingDir = await mkdtemp(join(tmpdir(), 'dkim-bdat-'));
    await writeFile(join(judgingDir, 'body.txt'), 'From the include.\n');
    judging = await startLocalServer({ port: 0, tlsPort: 0, mailDir: judgingDir, authentication: { resolver: zoneResolver(zone), enforce: true } });
  });
  after(async () => {
    await judging.close();
    await rm(judgingDir, { recursive: true, force: true });
  });

  for (const [algorithm, selector, key] of [
    ['rsa-sha256', 'rsa2026', RSA_KEY],
    ['ed25519-sha256', 'ed2026', ED25519_KEY],
  ] as const) {
    test(`${algorithm}: the signature in the first chunk covers every chunk; the server, mailauth and python3-dkim agree; tampered fails`, async () => {
      const before = judging.messages.length;
      const result = await replayTranscript(parseTranscript(chunkedTranscript(selector, key)), {
        env: {},
        target: { host: '127.0.0.1', port: judging.port },
        timeouts: { connectMs: 5000, replyMs: 5000 },
        readFile: (path) => readFile(path.startsWith('/') ? path : join(judgingDir, path)),
      });
      const session = result.sessions[0];
      assert.deepEqual([session.status, session.error?.message], ['pass', undefined]);
      // The first chunk's count grew by the signature's octets; what the server acknowledged says so.
      const firstChunk = session.exchanges[4];
      const signatureOctets = Number(/^BDAT (\d+)$/.exec(firstChunk.sent[0])?.[1]) - 76;
      assert.ok(firstChunk.sent[1].startsWith('DKIM-Signature: ') && signatureOctets > 100, JSON.stringify(firstChunk.sent));
      assert.deepEqual(firstChunk.actual, [`250 2.0.0 ${76 + signatureOctets} octets received`]);
      const stored = judging.messages[before];
      assert.equal(stored.authentication, 'spf=pass dkim=pass dmarc=pass arc=none');

      const text = (await readFile(stored.file)).toString('latin1');
      // What the server judged: its Received-SPF and Authentication-Results on top, then the signed message.
      const message = Buffer.from(text.slice(text.indexOf('DKIM-Signature: ')), 'latin1');
      assert.match(text.slice(text.indexOf('\r\n\r\n')), /^\r\n\r\nReference [0-9a-f-]{36}\r\n\.a dot that is not stuffed in a chunk\r\nFrom the include\.\r\n$/);
      assert.deepEqual(await mailauthDkim(message), [{ result: 'pass', domain: 'signed.test', selector, algorithm, reason: undefined }]);
      assert.equal(dkimpyVerdict(message, zone), 'pass');
      const tampered = Buffer.from(message.toString('latin1').replace('From the include.', 'From someone else.'), 'latin1');
      assert.deepEqual((await mailauthDkim(tampered)).map((d) => `${d.result} (${d.reason})`), ['neutral (body hash did not verify)']);
      assert.equal(dkimpyVerdict(tampered, zone), 'fail');
    });
  }
});
