// Adds a DKIM signature (RFC 6376) to a message, with mailauth doing the canonicalization and the cryptography.
// The key's type decides the algorithm unless one is named: RSA -> rsa-sha256 (RFC 6376 §3.3), Ed25519 ->
// ed25519-sha256 (RFC 8463).
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { DKIMSignOptions } from 'mailauth';

import type { DkimAlgorithm, DkimCanonicalization } from '../settings/dkimSettingValues';

export interface DkimSigning {
  /** The `d=` tag: the domain whose DNS publishes the key. */
  domain: string;
  /** The `s=` tag: the key is at `<selector>._domainkey.<domain>`. */
  selector: string;
  /** The private key, PEM (PKCS#8 or PKCS#1). */
  privateKeyPem: string;
  algorithm?: DkimAlgorithm;
  /** Header field names to sign (`h=`); mailauth's default set when absent. */
  headers?: string[];
  canonicalization?: DkimCanonicalization;
}

export class DkimSigningError extends Error {}

/** The key object and the algorithm it signs with; throws a DkimSigningError saying what is wrong. */
export function readSigningKey(pem: string, algorithm: DkimAlgorithm | undefined): { key: KeyObject; algorithm: DkimAlgorithm } {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new DkimSigningError('the DKIM key is not a PEM private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)');
  }
  const type = key.asymmetricKeyType;
  const fits: DkimAlgorithm | undefined = type === 'rsa' ? 'rsa-sha256' : type === 'ed25519' ? 'ed25519-sha256' : undefined;
  if (!fits) throw new DkimSigningError(`the DKIM key is an ${type ?? 'unknown'} key: DKIM signs with RSA or Ed25519 keys`);
  if (algorithm && algorithm !== fits) throw new DkimSigningError(`the DKIM key is an ${type} key, which cannot sign ${algorithm}: use ${fits}`);
  // RFC 8301 §3.2: signers must use RSA keys of at least 1024 bits (receivers ignore shorter ones).
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (type === 'rsa' && bits !== undefined && bits < 1024) throw new DkimSigningError(`the DKIM key has ${bits} bits: RFC 8301 §3.2 requires at least 1024`);
  return { key, algorithm: fits };
}

/**
 * The `DKIM-Signature:` header field (folded, ending in CRLF) for `message`, the message as the receiver gets it
 * (after dot-unstuffing, RFC 5321 §4.5.2).
 */
export async function dkimSignatureFor(message: Buffer, signing: DkimSigning, signTime = new Date()): Promise<string> {
  const { algorithm } = readSigningKey(signing.privateKeyPem, signing.algorithm);
  // Loaded on first use: mailauth and its dependencies cost a CLI or a language server start that never signs.
  const { dkimSign } = await import('mailauth/lib/dkim/sign.js');
  const result = await dkimSign(message, {
    canonicalization: signing.canonicalization ?? 'relaxed/relaxed',
    algorithm,
    signTime,
    ...(signing.headers ? { headerList: signing.headers } : {}),
    // mailauth signs with the keys listed here (the top-level key fields alone sign nothing).
    signatureData: [{ signingDomain: signing.domain, selector: signing.selector, privateKey: signing.privateKeyPem, algorithm }],
  } as DKIMSignOptions);
  if (result.errors.length > 0) throw new DkimSigningError(`DKIM signing failed: ${result.errors.map((e) => e.message).join('; ')}`);
  if (!/^DKIM-Signature:/i.test(result.signatures)) throw new DkimSigningError('DKIM signing produced no signature');
  return result.signatures.endsWith('\r\n') ? result.signatures : result.signatures.replace(/\r?\n$/, '') + '\r\n';
}

/** The public key as a DKIM TXT record value (`v=DKIM1; k=rsa; p=...`, RFC 6376 §3.6.1), for zone files and tests. */
export function dkimRecordFor(privateKeyPem: string): string {
  const { key } = readSigningKey(privateKeyPem, undefined);
  const publicKey = createPublicKey(key);
  if (key.asymmetricKeyType === 'ed25519') {
    // RFC 8463 §4.2: p= is the bare 32-octet key, not SubjectPublicKeyInfo.
    const der = publicKey.export({ format: 'der', type: 'spki' });
    return `v=DKIM1; k=ed25519; p=${der.subarray(der.length - 32).toString('base64')}`;
  }
  return `v=DKIM1; k=rsa; p=${publicKey.export({ format: 'der', type: 'spki' }).toString('base64')}`;
}

