// A chunk's parse moved up or down by lines added or removed above it: the same parse with every line number shifted,
// instead of parsing its text again. A line break typed near the top of a large file moves every session below it;
// copying their parses is several times cheaper than re-reading their lines.
import type { ChunkParse } from './parseChunk';

/**
 * `parse` with every `line` (positions, and the `line` of lines, markers, includes and separators) moved by `shift`;
 * undefined when a parse problem's message names a line, which only a parse of the moved text words right. Objects the
 * parse shares (the position two ranges both use) stay shared in the copy.
 */
export function movedChunk(parse: ChunkParse, shift: number): ChunkParse | undefined {
  if (parse.diagnostics.some((d) => NAMES_A_LINE.test(d.message))) return undefined;
  const copies = new Map<object, unknown>();
  const copy = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    const known = copies.get(value);
    if (known !== undefined) return known;
    if (Array.isArray(value)) {
      const array: unknown[] = new Array(value.length);
      copies.set(value, array);
      for (let i = 0; i < value.length; i++) array[i] = copy(value[i]);
      return array;
    }
    const object: Record<string, unknown> = {};
    copies.set(value, object);
    for (const key in value) {
      const field = (value as Record<string, unknown>)[key];
      object[key] = key === 'line' && typeof field === 'number' ? field + shift : copy(field);
    }
    return object;
  };
  return copy(parse) as ChunkParse;
}

const NAMES_A_LINE = /\bline \d/;
