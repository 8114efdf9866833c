// Which exchanges go out in one write.
import { verbOpens } from '../dialogue/dialogueState';
import { isDataCommand, isStarttlsCommand } from '../model/dialogueEvents';
import type { Exchange } from '../model/types';
import { listsExtensions } from '../knowledge/verbs';

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

/** Where in a group the first exchange of each kind whose reply changes the session stands (-1: none). */
export interface GroupLandmarks {
  data: number;
  ehlo: number;
  helo: number;
  starttls: number;
  end: number;
}

/**
 * One pass over the group's commands, made each time its replies are in: a group holds one command or a few, and a
 * cache keyed by the group (a WeakMap entry per group, thousands in a long session) cost several times the pass.
 */
export function groupLandmarks(group: readonly Exchange[]): Readonly<GroupLandmarks> {
  return group.length === 0 ? NO_LANDMARKS : findLandmarks(group);
}

const NO_LANDMARKS: Readonly<GroupLandmarks> = { data: -1, ehlo: -1, helo: -1, starttls: -1, end: -1 };

function findLandmarks(group: readonly Exchange[]): GroupLandmarks {
  const found: GroupLandmarks = { data: -1, ehlo: -1, helo: -1, starttls: -1, end: -1 };
  for (let k = 0; k < group.length; k++) {
    const exchange = group[k];
    if (exchange.kind !== 'command') continue;
    const verb = exchange.command.verb;
    if (found.data < 0 && isDataCommand(exchange)) found.data = k;
    if (found.ehlo < 0 && listsExtensions(verb)) found.ehlo = k;
    if (found.helo < 0 && verb === 'HELO') found.helo = k;
    if (found.starttls < 0 && isStarttlsCommand(exchange)) found.starttls = k;
    if (found.end < 0 && verbOpens(verb) === 'end') found.end = k;
  }
  return found;
}
