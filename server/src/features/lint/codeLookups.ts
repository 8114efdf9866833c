// The knowledge tables' answers about a reply code as written, remembered: a file repeats a handful of codes on
// hundreds of thousands of reply lines, and each lookup parses the code again (a regex, a key string, an object).
import { lookupEnhancedCode, parseEnhancedCode, type EnhancedCode, type EnhancedCodeSpec } from '../../knowledge/enhancedCodes';
import { enhancedCodeMisfit, type AnsweredStep } from '../../knowledge/enhancedCodeFit';
import { lookupReplyCode } from '../../knowledge/replyCodes';
import { replyClass } from '../../knowledge/replyClasses';
import { detachedCopy } from './textScan';

/** Bounded: a generated file could write many distinct codes; past this many, lookups are simply not kept. */
const MAX_KEPT = 2000;

function remembered<T>(compute: (text: string) => T): (text: string) => T {
  // Most answers are undefined (nothing wrong): kept as null, so one lookup tells a kept answer from none.
  const kept = new Map<string, T | null>();
  return (text) => {
    const known = kept.get(text);
    if (known !== undefined) return (known === null ? undefined : known) as T;
    if (kept.size >= MAX_KEPT) return compute(text);
    const own = detachedCopy(text);
    const value = compute(own);
    kept.set(own, value === undefined ? null : value);
    return value;
  };
}

/** What is wrong with a reply code: not in `[2-5][0-5]x` (`range`), or defined by no specification (`unknown`). */
export const replyCodeProblem = remembered((code: string): 'range' | 'unknown' | undefined => {
  // A leading wildcard (`xxx`) says nothing about the class: nothing to check.
  if (code[0] !== 'x' && replyClass(code) === undefined) return 'range';
  return !code.includes('x') && lookupReplyCode(code) === undefined ? 'unknown' : undefined;
});

export interface EnhancedCodeLookup {
  parsed: EnhancedCode | undefined;
  /** The registry's entry for the parsed code's subject and detail. */
  registered: EnhancedCodeSpec | undefined;
}

/** `parseEnhancedCode` and the registry entry of an enhanced status code as written (`x` wildcards parse to none). */
export const enhancedCodeLookup = remembered((text: string): EnhancedCodeLookup => {
  const parsed = parseEnhancedCode(text);
  return { parsed, registered: parsed && lookupEnhancedCode(parsed.subject, parsed.detail) };
});

const MISFITS = new Map<AnsweredStep, (text: string) => ReturnType<typeof enhancedCodeMisfit>>();

/** `enhancedCodeMisfit` of an enhanced status code as written, answering `step`. */
export function enhancedCodeMisfitOf(text: string, step: AnsweredStep): ReturnType<typeof enhancedCodeMisfit> {
  let misfit = MISFITS.get(step);
  if (!misfit) {
    misfit = remembered((code: string) => {
      const parsed = enhancedCodeLookup(code).parsed;
      return parsed && enhancedCodeMisfit(parsed.subject, parsed.detail, step);
    });
    MISFITS.set(step, misfit);
  }
  return misfit(text);
}
