// RFC 4954 §4: a mechanism that sends the password readable (PLAIN, LOGIN) belongs after TLS. The password goes out
// with the initial response, or with the lines answering 334; an exchange cancelled with `*` before any sent none.
import { lookupAuthMechanism } from '../../../knowledge/authMechanisms';
import { isAuthCommand } from '../../../model/dialogueEvents';
import type { Command, CommandExchange, Exchange, Range } from '../../../model/types';
import { rule, type Finding } from '../rule';
import { expectedOutcome, unlessRefusalExpected } from '../session/expectedOutcome';
import { sentRange, type Precondition } from '../session/precondition';
import type { SessionState } from '../session/sessionState';
import { argumentStart } from '../../../model/lineRanges';
import { range } from '../../../model/ranges';

export const CredentialRules = {
  credentialsBeforeTls: rule('credentials-before-tls', 'warning', 'A password mechanism (AUTH PLAIN, LOGIN) used before STARTTLS succeeded and without `@tls = implicit`.', { rfc: 4954, section: '4' }),
};

const FIRST_WORD = /^\S+/;
const WHITE_SPACE_RUN = /\s+/;

/** The SASL mechanism of an AUTH command, upper-cased, with its range; undefined when a reference writes it. */
export function mechanismOf(command: Command): { name: string; range: Range } | undefined {
  const name = FIRST_WORD.exec(command.argument)?.[0];
  if (!name || name.includes('{{')) return undefined;
  const start = argumentStart(command);
  return { name: name.toUpperCase(), range: range(command.line.line, start, start + name.length) };
}

/** AUTH with a cleartext mechanism while TLS is not active: the mechanism's name, else undefined. */
function cleartextAuthBeforeTls(state: SessionState, exchange: Exchange): string | undefined {
  if (!isAuthCommand(exchange) || state.tls !== 'none') return undefined;
  const mechanism = mechanismOf(exchange.command);
  return mechanism && lookupAuthMechanism(mechanism.name)?.cleartextPassword ? mechanism.name : undefined;
}

function hasInitialResponse(command: Command): boolean {
  const initial = command.argument.trim().split(WHITE_SPACE_RUN)[1];
  return initial !== undefined && initial !== '=';
}

/**
 * The AUTH whose credentials are still to come: cleartext before TLS, no initial response, answered 334. The next
 * line decides whether credentials went out (`*` cancels, RFC 4954 §4).
 */
export function cleartextAuthAwaitingResponse(state: SessionState, exchange: Exchange): CommandExchange | undefined {
  if (!cleartextAuthBeforeTls(state, exchange) || exchange.kind !== 'command') return undefined;
  return !hasInitialResponse(exchange.command) && expectedOutcome(exchange) === 'intermediate' ? exchange : undefined;
}

function finding(auth: CommandExchange, mechanism: string): Finding {
  return unlessRefusalExpected(auth, {
    ruleId: CredentialRules.credentialsBeforeTls.id,
    range: sentRange(auth),
    message: `AUTH ${mechanism} sends the password readable by anyone on the path before TLS is active: send STARTTLS first, or use \`@tls = implicit\` (RFC 4954 §4).`,
  });
}

export const credentialsBeforeTls: Precondition = (state, exchange) => {
  // The answer to the 334: reported at the AUTH line unless it cancels.
  const pending = state.cleartextAuth;
  if (pending && exchange.kind === 'auth-response') {
    return exchange.line.text.trim() === '*' ? undefined : finding(pending, mechanismOf(pending.command)!.name);
  }
  const mechanism = cleartextAuthBeforeTls(state, exchange);
  if (!mechanism || cleartextAuthAwaitingResponse(state, exchange)) return;
  return finding(exchange as CommandExchange, mechanism);
};
