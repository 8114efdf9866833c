// `@requires`: the EHLO keywords a session needs, checked against what the server advertises (RFC 5321 §4.1.1.1).
import { isHandshakeVerb } from '../knowledge/verbs';
import type { Exchange } from '../model/types';
import type { ActualReply } from './replyReader';

/** Exchanges that come before the server's final word on its extensions: greeting, EHLO/HELO, STARTTLS. */
export function isHandshake(exchange: Exchange): boolean {
  if (exchange.kind === 'greeting') return true;
  return exchange.kind === 'command' && isHandshakeVerb(exchange.command.verb);
}

/** `250-SIZE 1000` -> `SIZE`; the old `AUTH=LOGIN` form counts as `AUTH`. The first line is the greeting. */
export function ehloKeywords(reply: ActualReply): Set<string> {
  return new Set(reply.lines.slice(1).map((line) => line.text.split(/[ =]/)[0].toUpperCase()));
}

/** What the session has learned about the server's extensions so far. */
export class ServerExtensions {
  /** Keywords of the last accepted EHLO; undefined until one is accepted. */
  private keywords?: Set<string>;
  private usedHelo = false;

  /** An accepted EHLO lists the server's keywords; an accepted HELO lists none (RFC 5321 §4.1.1.1). */
  noteReply(verb: 'EHLO' | 'HELO', reply: ActualReply): void {
    if (!reply.code.startsWith('2')) return;
    this.keywords = verb === 'EHLO' ? ehloKeywords(reply) : undefined;
    this.usedHelo = verb === 'HELO';
  }

  /** RFC 3207 §4.2: after STARTTLS the client must forget what the server said before, and ask again. */
  forget(): void {
    this.keywords = undefined;
    this.usedHelo = false;
  }

  /**
   * Why the session cannot run, or undefined when every required keyword is advertised. Without an EHLO reply
   * nothing can be judged (a HELO reply advertises nothing): the session is skipped, saying so, rather than
   * blaming the server for keywords it was never asked about.
   */
  unmet(required: string[]): string | undefined {
    if (required.length === 0) return undefined;
    if (!this.keywords) return `@requires needs an EHLO reply; ${this.usedHelo ? 'this session uses HELO' : 'this session sends no EHLO'}`;
    return unmetRequirement(required, this.keywords);
  }
}

export function unmetRequirement(required: string[], advertised: ReadonlySet<string>): string | undefined {
  const missing = required.filter((keyword) => !advertised.has(keyword));
  if (missing.length === 0) return undefined;
  return `the server does not advertise ${missing.join(' ')} (the session @requires ${required.join(' ')})`;
}
