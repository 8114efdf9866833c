// "Did you mean ...?" for misspelt verbs, keywords and header names.

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two adjacent characters each
 * cost 1, so the typical typo `EHOL` is one edit from `EHLO`. (A plain Levenshtein distance would count the swap as
 * two and tie with `HELO`.)
 */
export function editDistance(a: string, b: string): number {
  // Three rows of the table at a time (the one above the one above is for a swap), reused from call to call: a file
  // of thousands of misspelt verbs asks for a distance to every verb for each.
  const columns = b.length + 1;
  if (scratch.length < 3 * columns) scratch = new Int32Array(3 * columns * 2);
  let twoUp = 0;
  let up = columns;
  let row = 2 * columns;
  for (let j = 0; j < columns; j++) scratch[up + j] = j;
  for (let i = 1; i <= a.length; i++) {
    scratch[row] = i;
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(scratch[up + j] + 1, scratch[row + j - 1] + 1, scratch[up + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, scratch[twoUp + j - 2] + 1);
      scratch[row + j] = best;
    }
    const free = twoUp;
    twoUp = up;
    up = row;
    row = free;
  }
  return scratch[up + b.length];
}
let scratch = new Int32Array(96);

/**
 * The candidate closest to `word` (case-insensitive), when it is close enough to be a likely typo: at most two edits,
 * and fewer edits than the word has characters. Ties go to the earlier candidate, so callers list preferred ones first.
 */
export function closestMatch<T extends string>(word: string, candidates: readonly T[]): T | undefined {
  const upper = word.toUpperCase();
  // The same word is often misspelt the same way many times in one file (a pasted block, a generated one).
  let known = answers.get(candidates);
  if (!known) answers.set(candidates, (known = new Map()));
  if (known.has(upper)) return known.get(upper) as T | undefined;
  const answer = closestOf(upper, candidates);
  if (known.size >= MAX_ANSWERS) known.clear();
  known.set(upper, answer);
  return answer;
}

// Answers by candidate list (callers pass fixed tables) and word; bounded, a file can hold any number of words.
const answers = new WeakMap<readonly string[], Map<string, string | undefined>>();
const MAX_ANSWERS = 1000;

function closestOf<T extends string>(upper: string, candidates: readonly T[]): T | undefined {
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
