// The ranges the parser keeps in the model (a `###` line's, a directive's, a comment's...), made here and not with
// ranges.ts's `range` or lineRanges.ts, which the features call for ranges they use once and drop. V8 decides per
// allocation site (each object literal in the source) whether the objects it makes start in the old generation, by how
// many of them live on: made at a site the features share, the model's ranges, many thousands in a large file, would
// start young and be copied by the young generation's collector. So the site here makes what lives on.
import type { Range } from './types';

export function keptRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}
