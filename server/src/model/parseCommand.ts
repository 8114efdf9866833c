// A command line: `VERB argument` (RFC 5321 §4.1.1), the verb and its argument.
import { commandVerbSpan } from '../dialogue/framing';
import { lookupVerb } from '../knowledge/verbs';
import type { Verb } from '../knowledge/verbSpec';
import { MAX_SHARED_LENGTH, sharedSlice } from './sharedText';
import type { ClientLine, Command, ParseDiagnostic } from './types';
import { wholeLineRange } from './lineRanges';

// Verbs repeat on every command line: each spelling is looked up in the table once (bounded: any text can stand there).
const MAX_VERB_SPELLINGS = 1024;
/** `null`: a spelling no table knows. */
const verbs = new Map<string, Verb | null>();

function verbOf(text: string): Verb | undefined {
  const known = verbs.get(text);
  if (known !== undefined) return known ?? undefined;
  const verb = lookupVerb(text)?.verb;
  if (text.length <= MAX_SHARED_LENGTH && verbs.size < MAX_VERB_SPELLINGS) verbs.set(text, verb ?? null);
  return verb;
}

/**
 * `VERB argument`. Spaces or tabs before the verb, and a tab after it, do not hide the verb: the lint rule
 * `command-whitespace` reports them (RFC 5321 §4.1.1: one SP), and every other check still sees the command meant.
 */
export function parseCommand(line: ClientLine, problems: ParseDiagnostic[]): Command {
  const text = line.text;
  const { start: verbStart, end: verbEnd } = commandVerbSpan(text);
  const verbText = sharedSlice(text, verbStart, verbEnd);
  const argumentStart = Math.min(text.length, verbEnd + 1);
  if (verbText === '') {
    problems.push({
      range: wholeLineRange(line),
      severity: 'error',
      code: 'command-expected',
      message: 'Expected a command (`EHLO`, `MAIL FROM:<...>`, ...): an empty `C:` line is message content only after `DATA`.',
    });
  }
  // The verb's and the argument's ranges follow from these (lineRanges.ts): a command line makes no range of its own.
  return { line, verb: verbOf(verbText), verbText, verbStart: line.character + (verbText === '' ? 0 : verbStart), argument: text.slice(argumentStart) };
}
