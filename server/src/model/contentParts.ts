// A message's or chunk's content holds its `C:` lines themselves and its includes, no wrapper object for either: a
// large message is most of a transcript's lines. An include is told apart by its path, which a `C:` line has none of
// (a `kind` field on each `C:` line would give it a shape other than every other payload's, types.ts).
import type { ContentPart, Include } from './types';

export function isInclude(part: ContentPart): part is Include {
  return 'path' in part;
}
