// The local server's receiving checks (docs/zone-file.md): each stored message is judged for SPF, DKIM, DMARC and
// ARC; the verdict's Authentication-Results (RFC 8601 §5: added at the top) goes into the stored file, and an
// enforcing server refuses what a strict receiver would refuse.
import { readFile, unlink, writeFile } from 'node:fs/promises';
import type { SMTPServer } from 'smtp-server';
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

type ConnectionInternals = { id?: string; _getEnhancedStatusCode?: (code: number, context?: unknown) => string };

/**
 * smtp-server puts its own enhanced code on a reply to a rejected DATA (5.1.1 for any 550) and offers no way to name
 * another; an enforcing receiver exists to answer with the RFC 7372 ones. So the session's connection is told the
 * code for its next reply with that basic code. Relies on smtp-server 3.21's internals (the version is pinned); the
 * integration test asserts the bytes a client receives.
 */
export function useEnhancedCodeForNextReply(server: SMTPServer, sessionId: string, code: number, enhanced: string): void {
  const connections = (server as unknown as { connections?: Set<ConnectionInternals> }).connections ?? new Set();
  const connection = [...connections].find((c) => c.id === sessionId);
  const original = connection?._getEnhancedStatusCode;
  if (!connection || !original) return;
  connection._getEnhancedStatusCode = function (this: ConnectionInternals, replyCode: number, context?: unknown) {
    if (replyCode !== code || context !== undefined) return original.call(this, replyCode, context);
    delete this._getEnhancedStatusCode;
    return enhanced;
  };
}
