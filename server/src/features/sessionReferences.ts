// The `{{name}}` references each session writes, by name (nested ones too), kept per session across edits and moved
// along with a session that only moved. A variable's occurrences (highlighted on every cursor move, references,
// rename) read only the sessions that name it: walking every payload of a 97k-line file took 61 ms, and after a line
// typed above its sessions 90-145 ms, since each moved session was parsed again to be read (model/movedSession.ts).
import { forEachPayload } from '../model/exchangePayloads';
import { shiftedVariable } from '../model/shiftedParse';
import type { Payload, Session, VariableReference } from '../model/types';
import { allReferences } from '../model/variableReferences';
import { keptPerSession } from './keptPerSession';

export type ReferencesByName = ReadonlyMap<string, readonly VariableReference[]>;

// Most sessions name no variable: they share one empty map.
const NONE: ReferencesByName = new Map();

/** The session's references by name, each list in file order (its directives' values, then its exchanges'). */
export const sessionReferences = keptPerSession(
  (session: Session): ReferencesByName => {
    let byName: Map<string, VariableReference[]> | undefined;
    const add = (payload: Payload) => {
      if (payload.variables.length === 0) return;
      for (const reference of allReferences(payload.variables)) {
        byName ??= new Map();
        const list = byName.get(reference.name);
        if (list) list.push(reference);
        else byName.set(reference.name, [reference]);
      }
    };
    for (const directive of session.directives) add(directive.value);
    for (const exchange of session.exchanges) forEachPayload(exchange, add);
    return byName ?? NONE;
  },
  (byName, by) => (byName.size === 0 ? byName : new Map([...byName].map(([name, list]) => [name, list.map((reference) => shiftedVariable(reference, by))]))),
);
