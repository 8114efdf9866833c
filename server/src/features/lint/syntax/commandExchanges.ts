// The command exchanges of a transcript, in document order, optionally only those of some verbs.
import type { Verb } from '../../../knowledge/verbSpec';
import type { CommandExchange, Transcript } from '../../../model/types';

export function commandExchanges(transcript: Transcript, verbs?: readonly Verb[]): CommandExchange[] {
  const commands: CommandExchange[] = [];
  for (const session of transcript.sessions) {
    for (const exchange of session.exchanges) {
      if (exchange.kind === 'command' && (verbs === undefined || (exchange.command.verb !== undefined && verbs.includes(exchange.command.verb)))) commands.push(exchange);
    }
  }
  return commands;
}
