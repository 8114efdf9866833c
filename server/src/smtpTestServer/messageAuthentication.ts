// The local server's receiving checks (docs/zone-file.md): each stored message is judged for SPF, DKIM, DMARC and
// ARC; the verdict's Authentication-Results (RFC 8601 §5: added at the top) goes into the stored file, and an
// enforcing server refuses what a strict receiver would refuse.
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { authenticateMessage, type AuthenticationVerdict } from '../mailauth/authenticateMessage';
import { rejectionFor, type AuthRejection } from '../mailauth/enforcement';
import type { DnsResolver } from '../mailauth/zoneResolver';

export interface LocalAuthenticationOptions {
  /** Where DNS answers come from: a zone file's resolver, or real DNS when the user asks for it. */
  resolver: DnsResolver;
  /** Refuse failing messages at the end of DATA (RFC 7372 codes) instead of only reporting. */
  enforce: boolean;
}

export interface MessageAuthentication {
  /** `spf=pass dkim=pass dmarc=pass arc=none` */
  summary: string;
  verdict: AuthenticationVerdict;
  /** Set when an enforcing server refused the message (it is then not stored). */
  rejection?: AuthRejection;
}

export interface ClientFacts {
  ip: string;
  helo: string;
  mailFrom: string;
}

/** Judges the stored `file`; adds the verdict's header fields to it, or removes it when the server refuses it. */
export async function authenticateStoredMessage(file: string, client: ClientFacts, options: LocalAuthenticationOptions): Promise<MessageAuthentication> {
  const message = await readFile(file);
  const verdict = await authenticateMessage({ message, ip: client.ip, helo: client.helo, mailFrom: client.mailFrom, resolver: options.resolver });
  const rejection = options.enforce ? rejectionFor(verdict) : undefined;
  if (rejection) {
    await unlink(file);
    return { summary: verdict.summary, verdict, rejection };
  }
  await writeFile(file, Buffer.concat([Buffer.from(verdict.headers, 'latin1'), message]));
  return { summary: verdict.summary, verdict };
}
