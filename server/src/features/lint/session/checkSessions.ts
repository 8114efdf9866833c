// Runs every session of a transcript through the state machine and collects the findings.
import type { Directive, Session, Transcript } from '../../../model/types';
import type { Finding } from '../rule';
import { initialSessionState, type SessionState } from './sessionState';
import { SessionWalk } from './sessionWalk';
import { exchangeStartLine } from '../../../model/exchangeRange';
import { headExchanges } from '../../../model/lazyTail';

// One walk for every call: lint checks one session at a time, and a walk made for each came to two states and a
// closure per session. The walk runs to its end within a call (nothing else walks meanwhile).
const NO_SESSION = initialSessionState({ implicitTls: false });
const walk = new SessionWalk(NO_SESSION);

export function checkSessions(transcript: Transcript): Finding[] {
  const findings: Finding[] = [];
  for (const session of transcript.sessions) {
    walk.restart(sessionStartState(transcript, session));
    const exchanges = session.exchanges;
    for (let i = 0; i < exchanges.length; i++) walk.advance(exchanges[i], findings);
  }
  // Nothing of the last session (its exchanges) is kept past the call.
  walk.restart(NO_SESSION);
  return findings;
}

/** The state a session's walk starts from. */
export function sessionStartState(transcript: Transcript, session: Session): SessionState {
  return initialSessionState({ implicitTls: usesImplicitTls(transcript, session), serverClosesAtLine: session.expectsClose?.line });
}

/** `@tls = implicit` in force where the session's first exchange starts (the last definition above it wins). */
function usesImplicitTls(transcript: Transcript, session: Session): boolean {
  // The first exchange is made even when the session's tail is not (model/lazyTail.ts).
  const made = headExchanges(session);
  const first = made.length > 0 ? exchangeStartLine(made[0]) : session.range.start.line;
  // A loop, not `definitionsAt`: no map of every file-level definition built for each session.
  let tls: Directive | undefined;
  for (const d of transcript.directives) if (d.name === 'tls' && d.range.start.line < first) tls = d;
  for (const d of session.directives) if (d.name === 'tls' && d.range.start.line < first) tls = d;
  return tls?.value.text.trim().toLowerCase() === 'implicit';
}
