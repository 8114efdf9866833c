// Stores each message the local server receives as `<mailDir>/<timestamp>-<id>.eml`, exactly as received
// (after dot-unstuffing, RFC 5321 §4.5.2), and describes it as a ReceivedMessage.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

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

/** Writes the content to a new file in mailDir and describes it. */
export async function storeMessage(content: Buffer, mailDir: string, envelope: MessageEnvelope): Promise<ReceivedMessage> {
  const receivedAt = new Date();
  const file = join(mailDir, messageFileName(receivedAt, envelope.id));
  await writeFile(file, content, { flag: 'wx' });
  return { ...envelope, file, size: content.length, receivedAt };
}
