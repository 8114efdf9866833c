// Who the client says it is: the argument of its EHLO or HELO (RFC 5321 §4.1.1.1), the verbs the verb table marks
// `namesClient`. Read by the scripted server's message verdict (SPF's HELO identity), a capture's reader and the load
// report, from a command line as sent.
import { lookupVerb } from '../knowledge/verbs';

const VERB_AND_ARGUMENT = /^(\S+)[ \t]+(\S+)/;

/** `client.example` for `EHLO client.example`; undefined for any other command, or a hello without a name. */
export function helloName(commandLine: string): string | undefined {
  const match = VERB_AND_ARGUMENT.exec(commandLine);
  return match && isHelloVerb(match[1]) ? match[2] : undefined;
}

/** EHLO or HELO, in any case (RFC 5321 §2.4). */
export function isHelloVerb(word: string): boolean {
  return lookupVerb(word)?.namesClient === true;
}
