// The session state in force at a line, computed with lint's own transition (features/lint/session/nextState) so
// completion and lint agree on what the transcript expects. States are computed once per session and cached.
import type { Session, Transcript } from '../model/types';
import { nextState } from './lint';
import { initialSessionState, type SessionState } from './lint';
import { definitionFor } from './variableNavigation';

interface SessionStates {
  initial: SessionState;
  /** `after[i]`: the state once `session.exchanges[i]` has been answered. */
  after: SessionState[];
}

const cache = new WeakMap<Session, SessionStates>();

/** The state before `line`: every exchange that starts above it has moved the session on. */
export function sessionStateBefore(transcript: Transcript, session: Session, line: number): SessionState {
  const states = statesOf(transcript, session);
  let state = states.initial;
  session.exchanges.forEach((exchange, i) => {
    if (exchange.range.start.line < line) state = states.after[i];
  });
  return state;
}

function statesOf(transcript: Transcript, session: Session): SessionStates {
  let states = cache.get(session);
  if (!states) {
    const firstLine = session.exchanges[0]?.range.start.line ?? session.range.end.line + 1;
    const tls = definitionFor(transcript, session, 'tls', firstLine)?.value.text.trim().toLowerCase();
    const initial = initialSessionState({ implicitTls: tls === 'implicit', serverClosesAtLine: session.expectsClose?.line });
    const after: SessionState[] = [];
    let state = initial;
    for (const exchange of session.exchanges) {
      state = nextState(state, exchange);
      after.push(state);
    }
    states = { initial, after };
    cache.set(session, states);
  }
  return states;
}
