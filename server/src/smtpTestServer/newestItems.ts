// What a server left running lists of what it received: the newest items only, and a count of all. The local test
// server stores every message (and recorded session) as a file; the list in memory is for picking a recent one, and
// kept whole it would grow by a few hundred bytes for every message of a load test (Mailpit and smtp4dev cap theirs
// too, deleting the rest; here the files stay where the user asked them to go).

/** How many received messages, and recorded sessions, a server lists: more than a quick pick is read for. */
export const LISTED_NEWEST = 1000;

/** The newest `limit` items added, oldest first, and how many were added in all. */
export class NewestItems<T> {
  readonly items: T[] = [];
  private added = 0;

  constructor(private readonly limit = LISTED_NEWEST) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`a list keeps at least one item, not ${limit}`);
  }

  add(item: T): void {
    this.added++;
    this.items.push(item);
    // At most one over: a move of `limit` references, nothing next to what adding a stored message costs.
    if (this.items.length > this.limit) this.items.shift();
  }

  /** Every item ever added, those no longer listed included. */
  get total(): number {
    return this.added;
  }
}
