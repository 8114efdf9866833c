// `@requires`: the EHLO keywords a session needs, checked against what the server advertises (RFC 5321 §4.1.1.1).
import type { Exchange } from '../model/types';
import type { ActualReply } from './replyReader';

/** Exchanges that come before the server's final word on its extensions: greeting, EHLO/HELO, STARTTLS. */
export function isHandshake(exchange: Exchange): boolean {
  if (exchange.kind === 'greeting') return true;
  return exchange.kind === 'command' && ['EHLO', 'HELO', 'STARTTLS'].includes(exchange.command.verb);
}

/** `250-SIZE 1000` -> `SIZE`; the old `AUTH=LOGIN` form counts as `AUTH`. The first line is the greeting. */
export function ehloKeywords(reply: ActualReply): Set<string> {
  return new Set(reply.lines.slice(1).map((line) => line.text.split(/[ =]/)[0].toUpperCase()));
}

/** Why the session cannot run, or undefined when every required keyword is advertised. */
export function unmetRequirement(required: string[], advertised: ReadonlySet<string>): string | undefined {
  const missing = required.filter((keyword) => !advertised.has(keyword));
  if (missing.length === 0) return undefined;
  return `the server does not advertise ${missing.join(' ')} (the session @requires ${required.join(' ')})`;
}
