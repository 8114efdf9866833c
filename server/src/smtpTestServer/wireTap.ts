// What a recorder sees of one SMTP connection: the plaintext bytes each way (after TLS is terminated, so a
// recording through STARTTLS still reads the commands), when TLS starts and how the connection ends. The local
// server and the recording proxy both feed one; record/ turns it into a transcript.
import type { ListenAddress } from './socketListener';

export interface WireTap {
  /** Bytes the client sent, as they arrived (a read may hold several lines, or part of one). */
  fromClient(bytes: Buffer): void;
  /** Bytes the server sent, as written. */
  fromServer(bytes: Buffer): void;
  /** TLS is up: after `220` to STARTTLS (RFC 3207) or at connect on an implicit-TLS port (RFC 8314). */
  tlsStarted(mode: 'starttls' | 'implicit', protocol: string): void;
  /** The connection ended: closed by the client, by the server, or broken (reset, timeout). */
  closed(by: 'client' | 'server' | 'error'): void;
}

/**
 * Made per accepted connection; `remote` is `address:port` of the client, `password` the server's user's, which a
 * recording must not hold in any form (a CRAM-MD5 digest does not reveal it). Undefined: the connection is not recorded.
 */
/** `server`: where the client reached the server (a recording's `@server`). */
export type WireTapFactory = (connection: { remote: string; server: ListenAddress; password: string }) => WireTap | undefined;
