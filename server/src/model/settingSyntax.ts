// Shapes shared by the setting-value checks (settingValues.ts, dkimSettingValues.ts): the problem record, one-of-a-few
// modes, host names. Pure.
import { closestMatch } from '../knowledge/didYouMean';

export interface SettingProblem {
  /** `invalid`: replay refuses the value; `unknown-keyword`: an `@requires` keyword no extension defines. */
  kind: 'invalid' | 'unknown-keyword';
  /** A whole sentence naming the directive: "`@port = 25x25` is not a TCP port (1-65535)". */
  message: string;
  /** The part of the value the problem is about, as offsets in the value. */
  start: number;
  end: number;
  /** What `value[start, end)` should be, when the intent is plain. */
  replacement?: string;
}

// A host name (RFC 1123 labels; `_` tolerated as local names use it) with an optional final dot.
export const HOST_NAME = /^(?=.{1,253}\.?$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;

/** One of `modes`, in any case (`@tls = STARTTLS` is fine). */
export function readMode<T extends string>(text: string, modes: readonly T[]): T | undefined {
  return modes.find((mode) => mode === text.toLowerCase());
}

export function oneOf(value: string, modes: readonly string[], aliases: Readonly<Record<string, string>>, invalid: (expected: string, replacement?: string) => SettingProblem[]): SettingProblem[] {
  if (readMode(value, modes)) return [];
  const expected = modes.map((mode) => `\`${mode}\``).join(modes.length > 2 ? ', ' : ' or ').replace(/, ([^,]*)$/, ' or $1');
  return invalid(expected, aliases[value.toLowerCase()] ?? closestMatch(value, modes));
}
