// The scripted server's TLS handshakes against real clients that do not complete them: a client that verifies the
// certificate and was not given it (curl, Python's ssl, swaks: an alert; Nodemailer: a silent close), and a plain
// client on the implicit-TLS port. Each such connection is played, counted and reported with the reason, on the
// implicit-TLS port as after STARTTLS; none leaves the mock waiting for a connection that already failed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as nodemailer from 'nodemailer';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { startScriptedServer } from '../../server/src/smtpTestServer/scriptedServer';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'smtp-mock-tls-'));
const message = path.join(dir, 'message.txt');
writeFileSync(message, 'Subject: tls\r\n\r\nhello\r\n');

const IMPLICIT = ['@tls = implicit', 'S: 220 mx.example.com ESMTP', 'C: EHLO *', 'S: 250 mx.example.com', 'C: MAIL FROM:<a@example.com>', 'S: 250 2.1.0 Ok',
  'C: RCPT TO:<b@example.com>', 'S: 250 2.1.5 Ok', 'C: DATA', 'S: 354 go ahead', 'C: Subject: tls', 'C:', 'C: hello', 'C: .', 'S: 250 2.0.0 Ok', 'C: QUIT', 'S: 221 2.0.0 Bye', ''].join('\n');
const STARTTLS = ['S: 220 mx.example.com ESMTP', 'C: EHLO *', 'S: 250-mx.example.com', 'S: 250 STARTTLS', 'C: STARTTLS', 'S: 220 2.0.0 Ready to start TLS',
  'C: EHLO *', 'S: 250 mx.example.com', 'C: QUIT', 'S: 221 2.0.0 Bye', ''].join('\n');

const REFUSED = 'the client refused the certificate (TLS alert: unknown ca): a client that verifies certificates must trust the one the server made at start (--write-cert FILE writes it)';

/** Plays `text` for one connection, lets `client` connect (to the implicit-TLS port with `implicit`), returns the verdict. */
async function verdict(text: string, implicit: boolean, client: (port: number, ca: string) => Promise<unknown>) {
  const server = await startScriptedServer(parseTranscript(text), {
    port: 0, tlsPort: 0, env: {}, timeoutMs: 2000, readInclude: () => Promise.reject(new Error('no includes here')),
  });
  const ca = path.join(dir, `ca-${server.port}.pem`);
  writeFileSync(ca, server.certificatePem);
  await client(implicit ? server.tlsPort! : server.port, ca).catch(() => undefined);
  const [result] = await server.done;
  return { status: result.status, tls: result.tls, deviation: result.deviation };
}

const curl = (scheme: string, trust: boolean) => (port: number, ca: string) =>
  run('curl', ['-s', '--ssl-reqd', ...(trust ? ['--cacert', ca] : []), `${scheme}://127.0.0.1:${port}`, '--mail-from', 'a@example.com', '--mail-rcpt', 'b@example.com', '-T', message]);

describe('the scripted server: TLS handshakes a client does not complete', () => {
  test('curl over implicit TLS passes with the certificate to trust; without it, its refusal is reported at the greeting with the reason', async () => {
    assert.deepEqual(await verdict(IMPLICIT, true, curl('smtps', true)), { status: 'pass', tls: 'implicit', deviation: undefined });
    assert.deepEqual(await verdict(IMPLICIT, true, curl('smtps', false)), {
      status: 'fail',
      tls: 'implicit',
      deviation: { line: 1, expected: 'the TLS handshake', actual: '(no handshake)', message: `the TLS handshake on the implicit-TLS port did not complete: ${REFUSED}` },
    });
  });

  test('Nodemailer refusing the certificate on the implicit-TLS port closes without an alert: reported as such, with the likely cause', async () => {
    const nodemailerClient = (port: number) => nodemailer.createTransport({ host: '127.0.0.1', port, secure: true }).verify();
    assert.deepEqual(await verdict(IMPLICIT, true, nodemailerClient), {
      status: 'fail',
      tls: 'implicit',
      deviation: {
        line: 1,
        expected: 'the TLS handshake',
        actual: '(no handshake)',
        message: 'the TLS handshake on the implicit-TLS port did not complete: the client closed the connection during the TLS handshake; if it refused the certificate: a client that verifies certificates must trust the one the server made at start (--write-cert FILE writes it)',
      },
    });
  });

  test('swaks without TLS on the implicit-TLS port waits for a greeting: the mock says which port it wants', async () => {
    const swaks = (port: number) => run('swaks', ['--server', `127.0.0.1:${port}`, '--from', 'a@example.com', '--to', 'b@example.com', '--timeout', '10', '--hide-all']);
    assert.deepEqual(await verdict(IMPLICIT, true, swaks), {
      status: 'fail',
      tls: 'implicit',
      deviation: {
        line: 1,
        expected: 'the TLS handshake',
        actual: '(no handshake)',
        message: 'the TLS handshake on the implicit-TLS port did not complete: the client sent no TLS handshake within 2000 ms (a client that talks SMTP first expects a plain port, with STARTTLS: connect it to --port)',
      },
    });
  });

  test("Python's smtplib verifying the certificate after STARTTLS without trusting it: the refusal and its reason at the STARTTLS line", async () => {
    const smtplib = (port: number) =>
      run('python3', ['-c', `import smtplib, ssl\ns = smtplib.SMTP("127.0.0.1", ${port}, local_hostname="client.test")\ns.starttls(context=ssl.create_default_context())`]);
    assert.deepEqual(await verdict(STARTTLS, false, smtplib), {
      status: 'fail',
      tls: 'none',
      deviation: { line: 4, expected: 'the TLS handshake', actual: '(no handshake)', message: `the TLS handshake after STARTTLS did not complete: ${REFUSED}` },
    });
  });
});
