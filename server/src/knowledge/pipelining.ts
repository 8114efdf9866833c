// RFC 2920 §3.1: commands whose outcome changes what the client may send next (EHLO, DATA, VRFY, EXPN, TURN, QUIT,
// NOOP, and by their own RFCs AUTH and STARTTLS) can only be the last command of a pipelined group.
import { lookupAuthMechanism } from './authMechanisms';
import { VERB_SPECS } from './verbs';
import type { Verb } from './verbSpec';

/** RFC 4954 §4: an AUTH whose initial response completes the exchange (PLAIN, EXTERNAL) may stand inside a group. */
function completesInOneLine(argument: string): boolean {
  const [mechanism, initialResponse] = argument.trim().split(/\s+/);
  return initialResponse !== undefined && (lookupAuthMechanism(mechanism ?? '')?.completesWithInitialResponse ?? false);
}

/** True when nothing may follow the command in its pipelined group (`verb` upper-cased, `argument` as written). */
export function mustEndPipelinedGroup(verb: Verb | undefined, argument: string): boolean {
  if (verb === undefined || VERB_SPECS[verb].pipelining !== 'last') return false;
  return !(verb === 'AUTH' && completesInOneLine(argument));
}
