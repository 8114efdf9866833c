// Which exchanges go out in one write.
import type { Exchange } from '../model/types';

// The parsed transcript does not change while it replays: a session replayed many times (load mode) is grouped once.
const groupsOf = new WeakMap<readonly Exchange[], readonly (readonly Exchange[])[]>();

/** `groupExchanges`, once per list of exchanges; the groups are shared, so read-only. */
export function exchangeGroups(exchanges: Exchange[]): readonly (readonly Exchange[])[] {
  let groups = groupsOf.get(exchanges);
  if (!groups) groupsOf.set(exchanges, (groups = groupExchanges(exchanges)));
  return groups;
}

/** Consecutive exchanges written together (RFC 2920); `C: <close>` always stands alone. */
export function groupExchanges(exchanges: Exchange[]): Exchange[][] {
  const groups: Exchange[][] = [];
  for (const exchange of exchanges) {
    const last = groups[groups.length - 1];
    const joins = last && last[0].pipelineGroup === exchange.pipelineGroup && exchange.kind !== 'client-close' && last[0].kind !== 'client-close';
    if (joins) last.push(exchange);
    else groups.push([exchange]);
  }
  return groups;
}
