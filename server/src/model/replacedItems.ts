// A list with a stretch replaced, as an edit replaces lines (or a message's content parts).

/**
 * `items` with `[start, end)` replaced by `inserted`: a new array, the old one left as it was for whoever still holds
 * the previous parse. One copy, where two slices and a concat would make three.
 */
export function replacedItems<T>(items: readonly T[], start: number, end: number, inserted: readonly T[]): T[] {
  // A long paste is joined in: too many arguments for a spread.
  if (inserted.length > MAX_SPREAD) return items.slice(0, start).concat(inserted, items.slice(end));
  return items.toSpliced(start, end - start, ...inserted);
}

/** `replacedItems` for a list no one else holds: changed in place (and returned), except for a long paste. */
export function replacedInPlace<T>(items: T[], start: number, end: number, inserted: readonly T[]): T[] {
  if (inserted.length > MAX_SPREAD) return replacedItems(items, start, end, inserted);
  // eslint-disable-next-line no-restricted-syntax -- at most MAX_SPREAD items
  items.splice(start, end - start, ...inserted);
  return items;
}

const MAX_SPREAD = 4096;
