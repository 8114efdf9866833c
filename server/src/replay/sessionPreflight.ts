// A session is checked before it connects: the settings at every line, every variable and `$env` value, every
// include and BDAT count, the extra CAs. A problem refuses the session with one error naming its line, instead of
// surfacing after STARTTLS and AUTH, or halfway through a message.
import type { Session } from '../model/types';
import { outgoingFor, type OutgoingContext } from './outgoing';
import { ReplayError } from './replayError';
import type { SessionScope } from './sessionScope';

export interface Preflight {
  /** The extra CA certificates to trust, already read and checked. */
  extraCaPem?: string;
}

export async function checkBeforeConnecting(session: Session, scope: SessionScope, signal?: AbortSignal): Promise<Preflight> {
  const first = session.exchanges[0].range.start.line;
  const extraCaPem = await scope.extraCaPem(first);
  let fresh = false;
  const context: OutgoingContext = {
    resolve: (text, line) => scope.resolveAhead(text, line, () => (fresh = true)),
    addSecret: () => undefined,
    readInclude: (path, line) => scope.readFile(path, line),
  };
  for (const exchange of session.exchanges) {
    if (signal?.aborted) throw new ReplayError('cancelled', 'the replay was cancelled');
    scope.settingsAt(exchange.range.start.line);
    fresh = false;
    try {
      await outgoingFor(exchange, context);
    } catch (error) {
      // A chunk holding `{{$date}}` or the like has its final size only when it is sent; it is checked then.
      if (!(error instanceof ReplayError && error.kind === 'bdat-size' && fresh)) throw error;
    }
    if (exchange.reply) scope.settingsAt(exchange.reply.range.start.line);
    for (const line of exchange.reply?.lines ?? []) {
      if (!line.isEllipsis) scope.resolveAhead(line.text, line.line, () => undefined);
    }
  }
  // Settings below the last exchange still end the session (the courtesy QUIT's timeout, `S: <closed>`).
  scope.settingsAt(session.range.end.line + 1);
  return extraCaPem === undefined ? {} : { extraCaPem };
}
