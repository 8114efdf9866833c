// A long session cut where nothing crosses: before a MAIL command that starts below every line of the exchanges
// before it (no reply still to come from a pipelined group, no message or BDAT chunk run still open: RFC 5321 §3.3, a
// MAIL starts a new transaction). A feature can keep its work per stretch, as the parser keeps a long session's
// exchanges above and below an edit, or do it only for the stretch a position is in.
import type { Directive, Exchange, Session } from '../model/types';

export interface SessionStretch {
  /** 0 for the first stretch, which also holds the session's head (its `###` line). */
  readonly index: number;
  /** The stretch's lines start here and end where the next one's start (the last: with the session's). */
  readonly firstLine: number;
  /** Empty only in a session without exchanges. */
  readonly exchanges: readonly Exchange[];
  /** The session's directives on the stretch's lines. */
  readonly directives: readonly Directive[];
}

const stretchesOf = new WeakMap<Session, readonly SessionStretch[]>();

/** The session's stretches in order, at least one; their lines are disjoint and increasing. Kept with the session. */
export function sessionStretches(session: Session): readonly SessionStretch[] {
  let stretches = stretchesOf.get(session);
  if (!stretches) stretchesOf.set(session, (stretches = cutSession(session)));
  return stretches;
}

function cutSession(session: Session): SessionStretch[] {
  let current: SessionStretch = { index: 0, firstLine: session.range.start.line, exchanges: [], directives: [] };
  const stretches = [current];
  let lastLine = -1;
  for (const exchange of session.exchanges) {
    const start = exchange.range.start.line;
    if (current.exchanges.length > 0 && start > lastLine && exchange.kind === 'command' && exchange.command.verb === 'MAIL') {
      current = { index: stretches.length, firstLine: start, exchanges: [], directives: [] };
      stretches.push(current);
    }
    (current.exchanges as Exchange[]).push(exchange);
    lastLine = Math.max(lastLine, exchange.range.end.line);
  }
  for (const directive of session.directives) (stretches[stretchAt(stretches, directive.range.start.line)].directives as Directive[]).push(directive);
  return stretches;
}

/** The index of the stretch whose lines hold `line` (the first for lines above it). */
export function stretchAt(stretches: readonly SessionStretch[], line: number): number {
  let low = 0;
  let high = stretches.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (stretches[middle].firstLine <= line) low = middle;
    else high = middle - 1;
  }
  return low;
}
