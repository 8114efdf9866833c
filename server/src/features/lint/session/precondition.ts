// A precondition looks at the state before an exchange and reports what the exchange breaks, returning early when
// it does not apply.
import { verbOpens, type Opening } from '../../../dialogue/dialogueState';
import type { Verb } from '../../../knowledge/verbSpec';
import type { Exchange, Range } from '../../../model/types';
import type { Finding } from '../rule';
import type { SessionState } from './sessionState';
import { payloadRange, replyRange } from '../../../model/lineRanges';
import { exchangeRange } from '../../../model/exchangeRange';

export type Precondition = (state: SessionState, exchange: Exchange) => Finding | Finding[] | undefined;

/**
 * A precondition and the commands it is about. With `verbs`, it is called for the commands (and BDAT chunks) whose
 * verb `verbs` accepts, and for nothing else; without, for every exchange. Most are about one or two verbs, and the
 * walk over a file's 50,000 exchanges called every one for each. `verbs` only spares calls that would return at once:
 * the check keeps its own guards.
 */
export interface ScopedPrecondition {
  readonly check: Precondition;
  readonly verbs?: (verb: Verb | undefined) => boolean;
}

/** For `ScopedPrecondition.verbs`: the verbs named. */
export function verbIn(...verbs: Verb[]): (verb: Verb | undefined) => boolean {
  return (verb) => verb !== undefined && verbs.includes(verb);
}

/** For `ScopedPrecondition.verbs`: the verbs whose command opens one of `openings` (the verb table's `opens`). */
export function verbOpening(...openings: Opening[]): (verb: Verb | undefined) => boolean {
  return (verb) => {
    const opening = verbOpens(verb);
    return opening !== undefined && openings.includes(opening);
  };
}

/** The preconditions of a list that each exchange needs called, in the list's order; a verb's are picked once. */
export class PreconditionIndex {
  private readonly byVerb = new Map<Verb | undefined, readonly Precondition[]>();
  /** For exchanges other than commands and BDAT chunks. */
  private readonly unscoped: readonly Precondition[];

  constructor(private readonly list: readonly ScopedPrecondition[]) {
    this.unscoped = list.filter((p) => p.verbs === undefined).map((p) => p.check);
  }

  of(exchange: Exchange): readonly Precondition[] {
    if (exchange.kind !== 'command' && exchange.kind !== 'bdat') return this.unscoped;
    const verb = exchange.command.verb;
    let picked = this.byVerb.get(verb);
    if (!picked) {
      picked = this.list.filter((p) => p.verbs === undefined || p.verbs(verb)).map((p) => p.check);
      this.byVerb.set(verb, picked);
    }
    return picked;
  }
}

/** Where a finding about what the client sends goes: the command (without `C: `), the AUTH line, the content. */
export function sentRange(exchange: Exchange): Range {
  switch (exchange.kind) {
    case 'command':
    case 'bdat':
      return payloadRange(exchange.command.line);
    case 'auth-response':
    case 'client-close':
      return payloadRange(exchange.line);
    case 'message':
      return exchangeRange(exchange);
    case 'greeting':
      return exchange.reply ? replyRange(exchange.reply) : exchangeRange(exchange);
  }
}
