// A long session cut where nothing crosses: before a MAIL command that starts below every line of the exchanges
// before it (no reply still to come from a pipelined group, no message or BDAT chunk run still open: RFC 5321 §3.3, a
// MAIL starts a new transaction), once the stretch so far has a few dozen lines. A feature can keep its work per
// stretch, as the parser keeps a long session's exchanges above and below an edit, or do it only for the stretch a
// position is in.
import { checkpointsOf } from '../model/sessionCheckpoints';
import type { Directive, Exchange, Session } from '../model/types';
import { exchangeEnd, exchangeStartLine } from '../model/exchangeRange';

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

// Stretches of at least this many lines (when the parser noted no checkpoints): a cut costs an object, and the work
// an edit redoes is a stretch or two.
const MIN_STRETCH_LINES = 64;

function cutSession(session: Session): SessionStretch[] {
  const exchanges = session.exchanges;
  const starts = checkpointStarts(session) ?? scannedStarts(session);
  const stretches: SessionStretch[] = starts.map((from, index) => ({
    index,
    firstLine: index === 0 ? session.range.start.line : exchangeStartLine(exchanges[from]),
    exchanges: exchanges.slice(from, starts[index + 1] ?? exchanges.length),
    directives: [],
  }));
  for (const directive of session.directives) (stretches[stretchAt(stretches, directive.range.start.line)].directives as Directive[]).push(directive);
  return stretches;
}

/**
 * Where each stretch starts (an exchange index), from the parser's checkpoints in a long session (quiet `C: MAIL`
 * lines, see model/sessionCheckpoints.ts: nothing pending there, so nothing crosses); undefined if it has none.
 */
function checkpointStarts(session: Session): number[] | undefined {
  const checkpoints = checkpointsOf(session);
  if (!checkpoints) return undefined;
  const exchanges = session.exchanges;
  const starts = [0];
  for (const checkpoint of checkpoints) {
    const at = checkpoint.exchanges;
    const exchange = exchanges[at];
    const isMail = exchange?.kind === 'command' && exchange.command.verb === 'MAIL' && exchangeStartLine(exchange) === checkpoint.line;
    if (!isMail || at <= starts[starts.length - 1]) return undefined;
    starts.push(at);
  }
  return starts;
}

/** Where each stretch starts, found in one pass over the exchanges that allocates nothing per exchange. */
function scannedStarts(session: Session): number[] {
  const exchanges = session.exchanges;
  const starts = [0];
  let firstLine = session.range.start.line;
  let lastLine = -1;
  for (let i = 0; i < exchanges.length; i++) {
    const exchange = exchanges[i];
    const start = exchangeStartLine(exchange);
    if (i > 0 && start > lastLine && start - firstLine >= MIN_STRETCH_LINES && exchange.kind === 'command' && exchange.command.verb === 'MAIL') {
      starts.push(i);
      firstLine = start;
    }
    const end = exchangeEnd(exchange).line;
    if (end > lastLine) lastLine = end;
  }
  return starts;
}

/** The same exchanges (or directives), the same objects in the same order: a stretch a new parse kept as it was. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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
