// A line's references resolve with the definitions above that line, and so do the references in the values they lead
// to (model/variables.ts resolves the whole line in its scope): `@c = {{a}}` used above `@a = x` is refused by replay,
// though `a` is defined in the file and `variable-undefined` takes the value's own reference as defined.
import { MAX_EXPANSION_DEPTH } from '../../../model/expansionLimits';
import { allReferences } from '../../../model/variableReferences';
import type { Directive } from '../../../model/types';

type Scope = ReadonlyMap<string, Directive>;

// Per scope (model/variables.ts shares one map per place a directive starts): each value's answer, so a value used
// on many lines, or reached many ways (`{{v}}{{v}}` chains), is walked once. null: nothing missing.
const missingByScope = new WeakMap<Scope, Map<Directive, string | null>>();

/**
 * The first name that `directive`'s value leads to (through other values) and `scope` does not define, or undefined.
 * A cycle or a chain past MAX_EXPANSION_DEPTH is walked no further: `variable-cycle` and `variable-too-deep` say so,
 * and an answer cut there may miss a name below (the file has an error at that use already).
 */
export function missingInScope(directive: Directive, scope: Scope): string | undefined {
  let memo = missingByScope.get(scope);
  if (!memo) missingByScope.set(scope, (memo = new Map()));
  return walk(directive, scope, memo, []) ?? undefined;
}

function walk(directive: Directive, scope: Scope, memo: Map<Directive, string | null>, path: Directive[]): string | null {
  const known = memo.get(directive);
  if (known !== undefined) return known;
  if (path.length >= MAX_EXPANSION_DEPTH || path.includes(directive)) return null;
  path.push(directive);
  let missing: string | null = null;
  for (const ref of allReferences(directive.value.variables)) {
    if (ref.name.startsWith('$')) continue;
    const next = scope.get(ref.name);
    missing = next ? walk(next, scope, memo, path) : ref.name;
    if (missing !== null) break;
  }
  path.pop();
  memo.set(directive, missing);
  return missing;
}
