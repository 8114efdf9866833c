// A certificate made when a test server starts, for localhost and the loopback addresses: nothing private ships in
// the package, and every run has its own key. Clients trust it by its PEM (`--write-cert FILE`, `replay --ca`).
// Node makes the key and the signature; der.ts lays out the X.509 certificate around them (RFC 5280 §4.1), the few
// fields a TLS client checks: a P-256 key signed with ECDSA-SHA256, CN=localhost, and the extensions below.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isIPv4 } from 'node:net';
import { bitString, boolean, explicit, implicit, octetString, oid, sequence, set, time, unsignedInteger, utf8String } from './der';

export interface TestCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HOST_NAMES = ['localhost'];
const ADDRESSES = ['127.0.0.1', '::1'];

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2', // RFC 5758 §3.2
  commonName: '2.5.4.3',
  basicConstraints: '2.5.29.19', // RFC 5280 §4.2.1.9
  keyUsage: '2.5.29.15', // §4.2.1.3
  extKeyUsage: '2.5.29.37', // §4.2.1.12
  subjectAltName: '2.5.29.17', // §4.2.1.6
  serverAuth: '1.3.6.1.5.5.7.3.1',
};

export async function generateTestCertificate(now = new Date()): Promise<TestCertificate> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const name = sequence(set(sequence(oid(OID.commonName), utf8String('localhost'))));
  const signatureAlgorithm = sequence(oid(OID.ecdsaWithSha256));
  const tbsCertificate = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))), // v3
    unsignedInteger(serialNumber()),
    signatureAlgorithm,
    name,
    // A day of slack either way for clocks that disagree; a test server lives for minutes.
    sequence(time(new Date(now.getTime() - DAY_MS)), time(new Date(now.getTime() + 30 * DAY_MS))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...extensions())),
  );
  // Node signs ECDSA as the DER Ecdsa-Sig-Value X.509 carries (RFC 5758 §3.2).
  const certificate = sequence(tbsCertificate, signatureAlgorithm, bitString(sign('sha256', tbsCertificate, privateKey)));
  return { certificatePem: pem('CERTIFICATE', certificate), privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

function extensions(): Buffer[] {
  const extension = (id: string, value: Buffer) => sequence(oid(id), octetString(value));
  // keyUsage bits (RFC 5280 §4.2.1.3): digitalSignature is bit 0 (0x80), keyCertSign bit 5 (0x04); 2 bits unused.
  const digitalSignatureAndKeyCertSign = bitString(Buffer.from([0x84]), 2);
  const altNames = [
    ...HOST_NAMES.map((host) => implicit(2, Buffer.from(host, 'ascii'))), // dNSName
    ...ADDRESSES.map((address) => implicit(7, addressOctets(address))), // iPAddress
  ];
  return [
    extension(OID.basicConstraints, sequence(boolean(true))),
    extension(OID.keyUsage, digitalSignatureAndKeyCertSign),
    extension(OID.extKeyUsage, sequence(oid(OID.serverAuth))),
    extension(OID.subjectAltName, sequence(...altNames)),
  ];
}

/** RFC 5280 §4.1.2.2: a positive integer of at most 20 octets, unique per certificate: 16 random octets. */
function serialNumber(): Buffer {
  const octets = randomBytes(16);
  octets[0] = (octets[0] & 0x7f) | 0x40;
  return octets;
}

/** An IPv4 address as 4 octets, IPv6 as 16 (RFC 5280 §4.2.1.6). Only the fixed loopback addresses come here. */
function addressOctets(address: string): Buffer {
  if (isIPv4(address)) return Buffer.from(address.split('.').map(Number));
  const [head, tail = ''] = address.split('::');
  const groups = (part: string) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const words = [...groups(head), ...new Array<number>(8 - groups(head).length - groups(tail).length).fill(0), ...groups(tail)];
  return Buffer.from(words.flatMap((word) => [word >> 8, word & 0xff]));
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
