// How a session gets TLS: not at all, by STARTTLS after the greeting (RFC 3207), or from the first byte (RFC 8314 §3).
export const TLS_MODES = ['none', 'starttls', 'implicit'] as const;

export type TlsMode = (typeof TLS_MODES)[number];

/**
 * The first bytes of a TLS handshake record (RFC 8446 §5.1: content type 22, legacy version 3.x): what a client
 * expecting implicit TLS sends on a plain port, where SMTP expects a command line.
 */
export function startsTlsHandshake(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 22 && bytes[1] === 3;
}
