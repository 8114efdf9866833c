// An EHLO reply written with `S: ...` (any lines) or with wildcard lines (`S: 250-*`) says nothing of the server's
// extensions, yet a client decides what it may send from them (RFC 5321 §4.1.1.1): swaks does no STARTTLS that is not
// advertised, Nodemailer no BDAT without CHUNKING. So the scripted server advertises in those lines what the session
// goes on to use before its next EHLO or HELO: the verbs' extensions (STARTTLS, AUTH with the mechanisms named,
// CHUNKING for BDAT), PIPELINING when commands are written pipelined, and the MAIL and RCPT parameters' extensions.
import { parameterKeyword, parameterValue, readPathArgument, type EnvelopeVerb } from '../dialogue/pathArgument';
import { verbOpens } from '../dialogue/dialogueState';
import { isHelloVerb } from '../dialogue/helloName';
import { lookupMailParameter, missingExtensions } from '../knowledge/mailParameters';
import { listsExtensions, VERB_SPECS } from '../knowledge/verbs';
import type { Exchange } from '../model/types';

// RFC 2920 §3: a client may send several commands without waiting only to a server that advertises it.
const PIPELINING = 'PIPELINING';
const NOTHING: readonly string[] = [];

/** An accepted EHLO's (or LHLO's) keywords for the lines its reply leaves open: what the session goes on to use. */
export function keywordsFor(exchanges: readonly Exchange[], exchange: Exchange): readonly string[] {
  if (exchange.kind !== 'command' || !listsExtensions(exchange.command.verb) || !exchange.reply?.code?.startsWith('2')) return NOTHING;
  return keywordsUsedAfter(exchanges, exchanges.indexOf(exchange));
}

/** The EHLO keyword lines the exchanges after `index` (an EHLO) use, in the order they are first used. */
export function keywordsUsedAfter(exchanges: readonly Exchange[], index: number): readonly string[] {
  const keywords = new Map<string, Set<string>>();
  const use = (keyword: string, parameter?: string) => {
    const parameters = keywords.get(keyword) ?? new Set<string>();
    if (parameter) parameters.add(parameter);
    keywords.set(keyword, parameters);
  };
  for (let i = index + 1; i < exchanges.length; i++) {
    const exchange = exchanges[i];
    if (exchange.kind !== 'command' && exchange.kind !== 'bdat') continue;
    const { verb, argument } = exchange.command;
    if (verb === undefined) continue;
    if (isHelloVerb(verb)) break;
    if (exchange.pipelineGroup === exchanges[i - 1].pipelineGroup) use(PIPELINING);
    const extension = VERB_SPECS[verb].extension;
    // AUTH's keyword lists the mechanisms (RFC 4954 §3); the first word of AUTH's argument names one.
    if (extension) use(extension, verbOpens(verb) === 'auth-response' ? argument.split(' ')[0].toUpperCase() : undefined);
    if (verb === 'MAIL' || verb === 'RCPT') for (const keyword of parameterExtensions(verb, argument)) use(keyword);
  }
  if (keywords.size === 0) return NOTHING;
  return [...keywords].map(([keyword, parameters]) => [keyword, ...parameters].join(' '));
}

function parameterExtensions(verb: EnvelopeVerb, argument: string): string[] {
  const found: string[] = [];
  for (const parameter of readPathArgument(verb, argument).parameters) {
    const spec = lookupMailParameter(verb, parameterKeyword(parameter));
    if (spec) for (const added of missingExtensions(spec, parameterValue(parameter), () => false)) found.push(added);
  }
  return found;
}

/** Whether the EHLO reply lines as sent (`250-PIPELINING`, no CRLF) offer PIPELINING (RFC 2920 §3): a keyword line after the first. */
export function offersPipelining(lines: readonly string[]): boolean {
  return lines.some((line, index) => index > 0 && line.slice(4).trim().split(/\s/, 1)[0].toUpperCase() === PIPELINING);
}
