// How far `{{...}}` substitution may grow, so that no transcript can make replay (or lint) build an unbounded
// string: 41 lines of `@vN = {{vN-1}}{{vN-1}}` would otherwise ask for a 2^41-character value.

/**
 * The most characters one resolved line, directive value or built-in argument may hold: 1 MiB. The longest line
 * SMTP allows is a 998-octet message line (RFC 5322 §2.1.1; commands 512, RFC 5321 §4.5.3.1.4), so this is a
 * thousand times any legal line: room for deliberately oversized negative tests, yet small enough to hold in memory.
 */
export const MAX_EXPANDED_CHARACTERS = 1024 * 1024;

/**
 * The most steps one resolution may take (4 Mi): a step is a character of written text or built-in output, or a
 * reference followed. It bounds time where the size cap cannot: references to empty values cost no characters.
 */
export const MAX_EXPANSION_WORK = 4 * MAX_EXPANDED_CHARACTERS;

/** Variables nested in variables, at most (the call stack stays small; real files nest a few levels). */
export const MAX_EXPANSION_DEPTH = 64;

export const describeCap = (characters: number): string => `${characters / (1024 * 1024)} MiB (${withThousands(characters)} characters)`;

/**
 * `1048576` -> `1,048,576`, as toLocaleString('en-US') writes it, without it: a lint rule's description calls this
 * while the language server loads, and the first toLocaleString starts ICU, about a seventh of the server's start.
 */
export function withThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
