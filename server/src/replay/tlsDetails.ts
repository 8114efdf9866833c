// What a TLS connection trusts and what it turned out to be: CA list, SNI, and the peer certificate for reports.
import * as tls from 'node:tls';
import { isIP } from 'node:net';
import { X509Certificate } from 'node:crypto';
import { ReplayError } from './replayError';

export interface TlsSettings {
  /** Name sent as SNI and checked against the certificate (`@tls-servername`, else the host). */
  servername: string;
  /** PEM of CAs trusted in addition to the default ones (`@ca`). */
  extraCaPem?: string;
  /** Skip certificate verification: only when the caller opted in for this target. */
  insecure: boolean;
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** SHA-256 fingerprint, colon-separated hex. */
  fingerprint: string;
}

export interface TlsInfo {
  protocol: string;
  cipher: string;
  /** Whether the certificate verified; false only ever appears with `insecure`. */
  authorized: boolean;
  /** Why verification failed (with `insecure`, the reason it was skipped over). */
  authorizationError?: string;
  certificate?: CertificateInfo;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

/**
 * An extra CA file must hold at least one certificate, each readable: OpenSSL skips text it does not understand,
 * so a wrong file (`--ca /etc/passwd`) would otherwise trust nothing new, silently. `source` names the file.
 */
export function checkCaPem(pem: string, source: string, line?: number): void {
  const blocks = pem.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) throw new ReplayError('ca', `${source} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`, line);
  for (const [index, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch (error) {
      throw new ReplayError('ca', `certificate ${index + 1} of ${source} cannot be read: ${(error as Error).message}`, line);
    }
  }
}

type CaSource = { getCACertificates?: (type: string) => string[] };

/** The default trust store plus the extra PEM; undefined keeps Node's defaults untouched. */
function trustedCas(extraCaPem: string | undefined): string[] | undefined {
  if (!extraCaPem) return undefined;
  const defaults = (tls as unknown as CaSource).getCACertificates?.('default') ?? [...tls.rootCertificates];
  return [...defaults, extraCaPem];
}

export function tlsConnectOptions(settings: TlsSettings): tls.ConnectionOptions {
  return {
    // RFC 6066 §3: SNI carries host names only, never IP literals; the certificate is still checked against the IP.
    servername: isIP(settings.servername) ? undefined : settings.servername,
    host: settings.servername,
    ca: trustedCas(settings.extraCaPem),
    rejectUnauthorized: !settings.insecure,
  };
}

export function describeTls(socket: tls.TLSSocket): TlsInfo {
  const cert = socket.getPeerCertificate();
  const info: TlsInfo = {
    protocol: socket.getProtocol() ?? 'unknown',
    cipher: socket.getCipher()?.name ?? 'unknown',
    authorized: socket.authorized,
  };
  if (socket.authorizationError) info.authorizationError = String(socket.authorizationError);
  if (cert && Object.keys(cert).length > 0) {
    info.certificate = {
      subject: distinguishedName(cert.subject),
      issuer: distinguishedName(cert.issuer),
      validFrom: cert.valid_from,
      validTo: cert.valid_to,
      fingerprint: cert.fingerprint256,
    };
  }
  return info;
}

function distinguishedName(name: tls.Certificate | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
}
