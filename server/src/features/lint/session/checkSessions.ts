// Runs every session of a transcript through the state machine and collects the findings.
import { definitionsAt } from '../../../model/variables';
import type { Session, Transcript } from '../../../model/types';
import type { Finding } from '../rule';
import { initialSessionState } from './sessionState';
import { transition } from './transition';

export function checkSessions(transcript: Transcript): Finding[] {
  const findings: Finding[] = [];
  for (const session of transcript.sessions) {
    let state = initialSessionState({ implicitTls: usesImplicitTls(transcript, session), serverClosesAtLine: session.expectsClose?.line });
    for (const exchange of session.exchanges) {
      const next = transition(state, exchange);
      findings.push(...next.findings);
      state = next.state;
    }
  }
  return findings;
}

/** `@tls = implicit` in force where the session's first exchange starts. */
function usesImplicitTls(transcript: Transcript, session: Session): boolean {
  const first = session.exchanges[0]?.range.start.line ?? session.range.start.line;
  return definitionsAt(transcript, session, first).get('tls')?.value.text.trim().toLowerCase() === 'implicit';
}
