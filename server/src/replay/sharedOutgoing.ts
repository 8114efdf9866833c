// What an exchange sends, shared by every repetition of its session when it is sent as written (load mode replays
// one parsed session thousands of times): a command or plain DATA content without references is built anew in the
// session's first replay and shared from its second on. A session replayed once (every plain replay) keeps nothing
// and notes nothing per exchange: 1,000 messages on one connection kept 1.6 MB of bytes to their end, and noting
// each exchange as sent (a WeakSet entry each, 5,000 there) was work on the way from every reply to the next write.
import { isAuthCommand } from '../model/dialogueEvents';
import { isInclude } from '../model/contentParts';
import type { Exchange, Session } from '../model/types';
import { outgoingNow, type Outgoing, type OutgoingContext } from './outgoing';
import { needsResolving } from './sessionScope';
import { exchangeStartLine } from '../model/exchangeRange';

const literalOutgoing = new WeakMap<Exchange, Outgoing>();
const replayedSessions = new WeakSet<Session>();

/** True when `session` was replayed before (each call counts as a replay): its exchanges' bytes are then shared. */
export function replayedBefore(session: Session): boolean {
  if (replayedSessions.has(session)) return true;
  replayedSessions.add(session);
  return false;
}

/** `outgoingNow`; when `shared`, the bytes built at an earlier repetition (shared, so read-only). */
export function sharedOutgoing(exchange: Exchange, context: OutgoingContext, shared: boolean): Outgoing | Promise<Outgoing> {
  if (!shared) return outgoingNow(exchange, context);
  const known = literalOutgoing.get(exchange);
  if (known) return known;
  const built = outgoingNow(exchange, context);
  if (!(built instanceof Promise) && isLiteral(exchange, context)) literalOutgoing.set(exchange, built);
  return built;
}

/** Sent as written: no reference to substitute, no secret to note (AUTH), nothing read or signed. */
function isLiteral(exchange: Exchange, context: OutgoingContext): boolean {
  if (exchange.kind === 'command') return !needsResolving(exchange.command.line.text) && !isAuthCommand(exchange);
  if (exchange.kind !== 'message' || context.signs?.(exchangeStartLine(exchange)) !== false) return false;
  return exchange.parts.every((part) => !isInclude(part) && !needsResolving(part.text));
}
