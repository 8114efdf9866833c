// Stores each message the local server receives as `<mailDir>/<timestamp>-<id>.eml`, exactly as received
// (after dot-unstuffing, RFC 5321 §4.5.2), and describes it as a ReceivedMessage.
import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

export interface ReceivedMessage {
  /** `<session id>-<transaction number>`, unique while the server runs. */
  id: string;
  /** Path of the stored `.eml` file. */
  file: string;
  /** Reverse-path of MAIL FROM; empty for the null reverse-path `<>`. */
  mailFrom: string;
  recipients: string[];
  /** Octets stored. */
  size: number;
  receivedAt: Date;
  /** True when the message came over TLS (STARTTLS or implicit). */
  secure: boolean;
  /** The authenticated user, if the client authenticated. */
  user?: string;
  /** With receiving checks on: the verdict, `spf=pass dkim=pass dmarc=pass arc=none`. */
  authentication?: string;
  /** With receiving checks on: the Received-SPF and Authentication-Results header fields added to the file. */
  authenticationResults?: string;
}

export type MessageEnvelope = Omit<ReceivedMessage, 'file' | 'size' | 'receivedAt' | 'authentication' | 'authenticationResults'>;

/** `2026-01-31T09-05-00-123Z`: an ISO time that sorts by name and is a valid file name everywhere. */
export function messageFileName(receivedAt: Date, id: string): string {
  return `${receivedAt.toISOString().replace(/[:.]/g, '-')}-${id}.eml`;
}

/**
 * Writes the content stream to a new file in mailDir. Resolves with the stored message, or undefined when the
 * content went over the size limit (the partial file is removed). The stream is always read to its end, as
 * smtp-server needs before it replies.
 */
export function storeMessage(
  content: Readable & { sizeExceeded?: boolean },
  mailDir: string,
  envelope: MessageEnvelope,
): Promise<ReceivedMessage | undefined> {
  const receivedAt = new Date();
  const file = join(mailDir, messageFileName(receivedAt, envelope.id));
  return new Promise((resolve, reject) => {
    const output = createWriteStream(file);
    output.on('error', (error) => {
      content.unpipe(output);
      content.resume();
      if (content.readableEnded) reject(error);
      else content.once('end', () => reject(error));
    });
    output.on('finish', () => {
      if (content.sizeExceeded) {
        unlink(file).then(() => resolve(undefined), reject);
        return;
      }
      resolve({ ...envelope, file, size: output.bytesWritten, receivedAt });
    });
    content.pipe(output);
  });
}
