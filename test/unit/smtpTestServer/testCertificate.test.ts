// The certificate a test server makes: what Node's X.509 parser reads in it, and a TLS client that trusts it by its
// PEM (as `--write-cert` and `replay --ca` do) completing a handshake for each name it covers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { checkServerIdentity, connect, createServer, type TLSSocket } from 'node:tls';
import { generateTestCertificate } from '../../../server/src/smtpTestServer/testCertificate';

test('a P-256 certificate for localhost and the loopback addresses, valid from a day before to 30 days after', async () => {
  const { certificatePem, privateKeyPem } = await generateTestCertificate(new Date('2026-12-03T12:00:00Z'));
  const certificate = new X509Certificate(certificatePem);
  assert.deepEqual(
    {
      subject: certificate.subject,
      issuer: certificate.issuer,
      subjectAltName: certificate.subjectAltName,
      ca: certificate.ca,
      keyUsage: certificate.keyUsage,
      validFrom: certificate.validFrom,
      validTo: certificate.validTo,
      keyType: certificate.publicKey.asymmetricKeyType,
      curve: certificate.publicKey.asymmetricKeyDetails?.namedCurve,
      selfSigned: certificate.verify(certificate.publicKey),
      keyMatches: certificate.checkPrivateKey(createPrivateKey(privateKeyPem)),
      privateKeyPem: privateKeyPem.split('\n')[0],
      pemEnds: certificatePem.endsWith('-----END CERTIFICATE-----\n'),
    },
    {
      subject: 'CN=localhost',
      issuer: 'CN=localhost',
      subjectAltName: 'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1',
      ca: true,
      keyUsage: ['1.3.6.1.5.5.7.3.1'],
      validFrom: 'Dec  2 12:00:00 2026 GMT',
      validTo: 'Jan  2 12:00:00 2027 GMT',
      keyType: 'ec',
      curve: 'prime256v1',
      selfSigned: true,
      keyMatches: true,
      privateKeyPem: '-----BEGIN PRIVATE KEY-----',
      pemEnds: true,
    },
  );
});

test('each certificate has its own key and serial number', async () => {
  const [a, b] = await Promise.all([generateTestCertificate(), generateTestCertificate()]);
  assert.notEqual(a.privateKeyPem, b.privateKeyPem);
  assert.notEqual(new X509Certificate(a.certificatePem).serialNumber, new X509Certificate(b.certificatePem).serialNumber);
});

test('a client trusting the PEM verifies the server as localhost, 127.0.0.1 and ::1', async () => {
  const { certificatePem, privateKeyPem } = await generateTestCertificate();
  const server = createServer({ cert: certificatePem, key: privateKeyPem }, (socket) => socket.end('hello\r\n'));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  try {
    const outcomes: Record<string, string> = {};
    for (const name of ['localhost', '127.0.0.1', '::1']) {
      const socket: TLSSocket = connect({ host: '127.0.0.1', port, ca: certificatePem, ...(name === 'localhost' ? { servername: name } : {}), // Node's identity check for the name a client would have dialled (the socket itself is on 127.0.0.1).
      checkServerIdentity: (_host, peer) => checkServerIdentity(name, peer) });
      const [received] = (await once(socket, 'data')) as [Buffer];
      outcomes[name] = `${socket.authorized} ${received.toString()}`;
      socket.destroy();
    }
    assert.deepEqual(outcomes, { localhost: 'true hello\r\n', '127.0.0.1': 'true hello\r\n', '::1': 'true hello\r\n' });
  } finally {
    server.close();
  }
});

