// Lists the parse keeps in line order (content parts, comments, parse problems): where a line starts in one, found by
// halving rather than by a walk from the top (a 100k-line message has as many parts).

/** The index of the first item of `sorted` on `line` or below it; the list's length when none is. */
export function firstFromLine<T>(sorted: readonly T[], line: number, lineOf: (item: T) => number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (lineOf(sorted[middle]) < line) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The items of `sorted` on lines `[from, end)`. */
export function itemsOnLines<T>(sorted: readonly T[], from: number, end: number, lineOf: (item: T) => number): T[] {
  const items: T[] = [];
  for (let i = firstFromLine(sorted, from, lineOf); i < sorted.length && lineOf(sorted[i]) < end; i++) items.push(sorted[i]);
  return items;
}
