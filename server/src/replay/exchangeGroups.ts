// Which exchanges go out in one write.
import type { Exchange } from '../model/types';

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
