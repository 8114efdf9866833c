// A list with a stretch replaced, as an edit replaces lines (or a message's content parts): a new array, the old one
// left as it was for whoever still holds the previous parse.

/** `items` with `[start, end)` replaced by `inserted`: one copy, where two slices and a concat would make three. */
export function replacedItems<T>(items: readonly T[], start: number, end: number, inserted: readonly T[]): T[] {
  // A long paste is joined in: too many arguments for a spread.
  if (inserted.length > 4096) return items.slice(0, start).concat(inserted, items.slice(end));
  return items.toSpliced(start, end - start, ...inserted);
}
