// The command exchanges of a transcript, in document order, optionally only those of some verbs.
import type { CommandExchange, Session, Transcript } from '../../../model/types';

export function commandExchanges(transcript: Transcript, verbs?: readonly string[]): CommandExchange[] {
  return transcript.sessions.flatMap((session) => sessionCommands(session, verbs));
}

export function sessionCommands(session: Session, verbs?: readonly string[]): CommandExchange[] {
  return session.exchanges.filter(
    (e): e is CommandExchange => e.kind === 'command' && (verbs === undefined || verbs.includes(e.command.verb)),
  );
}
