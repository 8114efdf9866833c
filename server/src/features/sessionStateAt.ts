// The session state in force at a line, computed with lint's own transition (features/lint/session/nextState) so
// completion and lint agree on what the transcript expects. States are walked stretch by stretch (see
// `sessionStretches`), only up to the stretch asked about, and a stretch's are kept with its exchanges: after an edit
// in a 100k-line session, the walk redoes the edited stretch and rejoins the kept ones below it once its state there
// equals the one they were walked from.
import type { Exchange, Session, Transcript } from '../model/types';
import { initialSessionState, nextState, sameValue, type SessionState } from './lint';
import { sameItems, sessionStretches, stretchAt } from './sessionStretches';
import { definitionFor } from './variableNavigation';
import { exchangeStartLine } from '../model/exchangeRange';

/** A stretch walked from `from`: `after[i]`, the state once its exchange `i` has been answered. */
interface StretchStates {
  exchanges: readonly Exchange[];
  from: SessionState;
  after: SessionState[];
}

interface SessionStates {
  initial: SessionState;
  /** By stretch, as far as walked. */
  stretches: StretchStates[];
}

const sessions = new WeakMap<Session, SessionStates>();
const kept = new WeakMap<Exchange, StretchStates>();

/** The state before `line`: every exchange that starts above it has moved the session on. */
export function sessionStateBefore(transcript: Transcript, session: Session, line: number): SessionState {
  const stretches = sessionStretches(session);
  const at = stretchAt(stretches, line);
  const states = walkedTo(transcript, session, at);
  let state = at === 0 ? states.initial : lastState(states.stretches[at - 1]);
  const { exchanges, after } = states.stretches[at];
  for (let i = 0; i < exchanges.length; i++) if (exchangeStartLine(exchanges[i]) < line) state = after[i];
  return state;
}

function lastState(stretch: StretchStates): SessionState {
  return stretch.after.length > 0 ? stretch.after[stretch.after.length - 1] : stretch.from;
}

/** The session's states, walked through stretch `at` at least. */
function walkedTo(transcript: Transcript, session: Session, at: number): SessionStates {
  // The state a session starts from depends on the file's `@tls` too: a new parse keeps a session that an edit of the
  // head above it did not touch, and its walk is kept only while that state is the same.
  const firstLine = session.exchanges.length > 0 ? exchangeStartLine(session.exchanges[0]) : session.range.end.line + 1;
  const tls = definitionFor(transcript, session, 'tls', firstLine)?.value.text.trim().toLowerCase();
  const initial = initialSessionState({ implicitTls: tls === 'implicit', serverClosesAtLine: session.expectsClose?.line });
  let states = sessions.get(session);
  if (!states || !sameValue(states.initial, initial)) sessions.set(session, (states = { initial, stretches: [] }));
  const stretches = sessionStretches(session);
  for (let k = states.stretches.length; k <= at; k++) {
    const from = k === 0 ? states.initial : lastState(states.stretches[k - 1]);
    const exchanges = stretches[k].exchanges;
    const before = exchanges.length > 0 ? kept.get(exchanges[0]) : undefined;
    if (before && sameItems(before.exchanges, exchanges) && (before.from === from || sameValue(before.from, from))) {
      states.stretches.push(before);
      continue;
    }
    const after: SessionState[] = [];
    let state = from;
    for (const exchange of exchanges) after.push((state = nextState(state, exchange)));
    const walked = { exchanges, from, after };
    if (exchanges.length > 0) kept.set(exchanges[0], walked);
    states.stretches.push(walked);
  }
  return states;
}
