// What an exchange sends, shared by every repetition of its session when it is sent as written (load mode replays
// one parsed session thousands of times): a command or plain DATA content without references is built twice, then
// shared. Kept only from its second sending on: a replay that sends each exchange once kept every message's bytes
// to its end (1,000 messages on one connection: 1.6 MB of the 4.7 MB the replay held at its end).
import { isAuthCommand } from '../model/dialogueEvents';
import type { Exchange } from '../model/types';
import { outgoingNow, type Outgoing, type OutgoingContext } from './outgoing';
import { needsResolving } from './sessionScope';

const literalOutgoing = new WeakMap<Exchange, Outgoing>();
const sentOnce = new WeakSet<Exchange>();

/** `outgoingNow`, or the bytes built at an earlier repetition; shared, so read-only. */
export function sharedOutgoing(exchange: Exchange, context: OutgoingContext): Outgoing | Promise<Outgoing> {
  const known = literalOutgoing.get(exchange);
  if (known) return known;
  const built = outgoingNow(exchange, context);
  if (built instanceof Promise || !isLiteral(exchange, context)) return built;
  if (sentOnce.has(exchange)) literalOutgoing.set(exchange, built);
  else sentOnce.add(exchange);
  return built;
}

/** Sent as written: no reference to substitute, no secret to note (AUTH), nothing read or signed. */
function isLiteral(exchange: Exchange, context: OutgoingContext): boolean {
  if (exchange.kind === 'command') return !needsResolving(exchange.command.line.payload.text) && !isAuthCommand(exchange);
  if (exchange.kind !== 'message' || context.signs?.(exchange.range.start.line) !== false) return false;
  return exchange.parts.every((part) => part.kind === 'line' && !needsResolving(part.line.payload.text));
}
