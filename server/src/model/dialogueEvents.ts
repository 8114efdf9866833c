// The model's exchanges as the dialogue core sees them: what a reply answers.
import { isAuthDialogue, verbOpens, type ReplyTarget } from '../dialogue/dialogueState';
import type { Verb } from '../knowledge/verbSpec';
import type { BdatExchange, CommandExchange, Exchange, MessageExchange } from './types';

const GREETING: ReplyTarget = { kind: 'greeting' };
const AUTH_RESPONSE: ReplyTarget = { kind: 'auth-response' };
const MESSAGE: ReplyTarget = { kind: 'message' };
const CLIENT_CLOSE: ReplyTarget = { kind: 'client-close' };
const BDAT: ReplyTarget = { kind: 'bdat', last: false };
const BDAT_LAST: ReplyTarget = { kind: 'bdat', last: true };
// Targets are read-only: one per verb, asked for every reply the parser pairs, instead of a new object each time.
const COMMANDS = new Map<Verb | undefined, ReplyTarget>();

function commandTarget(verb: Verb | undefined): ReplyTarget {
  let target = COMMANDS.get(verb);
  if (!target) {
    target = { kind: 'command', verb };
    COMMANDS.set(verb, target);
  }
  return target;
}

export function targetOf(exchange: Exchange): ReplyTarget {
  switch (exchange.kind) {
    case 'greeting':
      return GREETING;
    case 'client-close':
      return CLIENT_CLOSE;
    case 'command':
      return commandTarget(exchange.command.verb);
    case 'auth-response':
      return AUTH_RESPONSE;
    case 'message':
      return MESSAGE;
    case 'bdat':
      return exchange.last ? BDAT_LAST : BDAT;
  }
}

/** RFC 4954 §4: an AUTH command or a line answering its 334, asked of the dialogue core. */
export function isAuthDialogueExchange(exchange: Exchange): boolean {
  return isAuthDialogue(targetOf(exchange));
}

/** The AUTH command that starts a dialogue (not a response line). */
export function isAuthCommand(exchange: Exchange): exchange is CommandExchange {
  return exchange.kind === 'command' && isAuthDialogue(targetOf(exchange));
}

/** DATA: the command whose 354 opens message content. */
export function isDataCommand(exchange: Exchange | undefined): exchange is CommandExchange {
  return exchange?.kind === 'command' && verbOpens(exchange.command.verb) === 'content';
}

/** STARTTLS: the command whose 220 starts the TLS handshake. */
export function isStarttlsCommand(exchange: Exchange | undefined): exchange is CommandExchange {
  return exchange?.kind === 'command' && verbOpens(exchange.command.verb) === 'tls-handshake';
}

/** DATA content or a BDAT chunk the client closed the connection in (`C: <close>` as its last line): no reply comes. */
export function isCutByClient(exchange: Exchange | undefined): exchange is MessageExchange | BdatExchange {
  return (exchange?.kind === 'message' || exchange?.kind === 'bdat') && exchange.cutByClient === true;
}

/**
 * Content sent without its end, which no reply answers: the client closes the connection in it (`cutByClient`), or the
 * server closes it after the lines written (`closedByServer`, `S: <closed>` inside DATA content or a BDAT chunk).
 */
export function isCutContent(exchange: Exchange | undefined): boolean {
  return (exchange?.kind === 'message' || exchange?.kind === 'bdat') && (exchange.cutByClient === true || exchange.closedByServer === true);
}

/**
 * The DATA content or BDAT chunk the client closed the connection in, when the exchange at `index` is that
 * `C: <close>` (it follows the content it cut: `cutByClient`); undefined for a close between commands.
 */
export function contentCutAt(exchanges: readonly Exchange[], index: number): MessageExchange | BdatExchange | undefined {
  const before = exchanges[index - 1];
  if (exchanges[index]?.kind !== 'client-close' || (before?.kind !== 'message' && before?.kind !== 'bdat')) return undefined;
  return isCutByClient(before) ? before : undefined;
}
