// "Did you mean ...?" for misspelt verbs, keywords and header names.

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two adjacent characters each
 * cost 1, so the typical typo `EHOL` is one edit from `EHLO`. (A plain Levenshtein distance would count the swap as
 * two and tie with `HELO`.)
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const distance: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: columns }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(distance[i - 1][j] + 1, distance[i][j - 1] + 1, distance[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, distance[i - 2][j - 2] + 1);
      distance[i][j] = best;
    }
  }
  return distance[a.length][b.length];
}

/**
 * The candidate closest to `word` (case-insensitive), when it is close enough to be a likely typo: at most two edits,
 * and fewer edits than the word has characters. Ties go to the earlier candidate, so callers list preferred ones first.
 */
export function closestMatch<T extends string>(word: string, candidates: readonly T[]): T | undefined {
  const upper = word.toUpperCase();
  const limit = Math.min(2, upper.length - 1);
  let best: T | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    // Lengths further apart than the limit cannot be within it; skipping them keeps a huge "word" linear.
    if (Math.abs(candidate.length - upper.length) > limit) continue;
    const distance = editDistance(upper, candidate.toUpperCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
