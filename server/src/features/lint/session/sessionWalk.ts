// A whole-file walk through the state machine without a new state per exchange: `advance` is pure, and keeping each
// state (segmentedLint.ts, sessionStateAt.ts) needs that, but a walk that only reads the state before each exchange
// made 50,000 copies on a 5 MB file, a fifth of the allocation of a lint. The walk keeps two states that take turns:
// the one before the exchange (the preconditions read it, and `nextState` reads it while it fills the other).
import type { Exchange } from '../../../model/types';
import type { Finding } from '../rule';
import { copySessionState, copySessionStateInto, type Mutable, type SessionState } from './sessionState';
import { advanceWith } from './transition';

export class SessionWalk {
  private current: Mutable<SessionState>;
  private spare: Mutable<SessionState>;
  // Made once per walk: the step's "copy" overwrites the spare state.
  private readonly intoSpare = (state: SessionState): Mutable<SessionState> => copySessionStateInto(this.spare, state);

  constructor(start: SessionState) {
    this.current = copySessionState(start);
    this.spare = copySessionState(start);
  }

  /** Starts again from `start` (another session), which the walk does not change. */
  restart(start: SessionState): void {
    copySessionStateInto(this.current, start);
    // The spare too: it would keep the last session's exchange (`cleartextAuth`) alive until the next step.
    copySessionStateInto(this.spare, start);
  }

  /** `advance` on the state now, its findings pushed onto `findings`. */
  advance(exchange: Exchange, findings: Finding[]): void {
    const next = advanceWith(this.current, exchange, findings, this.intoSpare);
    if (next === this.current) return;
    this.spare = this.current;
    this.current = next as Mutable<SessionState>;
  }

  /** The state now: the walk's own, which its next step overwrites (`copySessionState` to keep it). */
  get state(): SessionState {
    return this.current;
  }
}
