// Where two versions of a document differ: the longest common prefix and suffix. Found by halving, comparing slices:
// string equality is a native memory comparison, so this reads the text once at native speed instead of a character
// at a time in a loop.

export interface EditedRegion {
  /** Characters at the start both texts share. */
  prefix: number;
  /** Characters at the end both texts share, not overlapping the prefix in either text. */
  suffix: number;
}

export function editedRegion(before: string, after: string): EditedRegion {
  const prefix = commonPrefixLength(before, after);
  const suffix = commonSuffixLength(before, after, Math.min(before.length, after.length) - prefix);
  return { prefix, suffix };
}

function commonPrefixLength(a: string, b: string): number {
  // Invariant: the first `low` characters agree, and no more than `high` do.
  let low = 0;
  let high = Math.min(a.length, b.length);
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (a.slice(low, mid) === b.slice(low, mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

function commonSuffixLength(a: string, b: string, max: number): number {
  let low = 0;
  let high = max;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (a.slice(a.length - mid, a.length - low) === b.slice(b.length - mid, b.length - low)) low = mid;
    else high = mid - 1;
  }
  return low;
}
