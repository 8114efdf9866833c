// A command line: `VERB argument` (RFC 5321 §4.1.1), the verb and its argument with their ranges.
import { lookupVerb } from '../knowledge/verbs';
import type { ClientLine, Command, ParseDiagnostic } from './types';

const isBlank = (code: number): boolean => code === 0x20 || code === 0x09;

/**
 * `VERB argument`. Spaces or tabs before the verb, and a tab after it, do not hide the verb: the lint rule
 * `command-whitespace` reports them (RFC 5321 §4.1.1: one SP), and every other check still sees the command meant.
 */
export function parseCommand(line: ClientLine, problems: ParseDiagnostic[]): Command {
  const text = line.payload.text;
  const { start: payloadStart, end } = line.payload.range;
  let verbStart = 0;
  while (verbStart < text.length && isBlank(text.charCodeAt(verbStart))) verbStart++;
  let verbEnd = verbStart;
  while (verbEnd < text.length && !isBlank(text.charCodeAt(verbEnd))) verbEnd++;
  const verbText = text.slice(verbStart, verbEnd);
  const argumentStart = Math.min(text.length, verbEnd + 1);
  const start = verbStart === 0 || verbStart === text.length ? payloadStart : { line: line.line, character: payloadStart.character + verbStart };
  if (verbText === '') {
    problems.push({
      range: line.range,
      severity: 'error',
      code: 'command-expected',
      message: 'Expected a command (`EHLO`, `MAIL FROM:<...>`, ...): an empty `C:` line is message content only after `DATA`.',
    });
  }
  // The verb starts where the payload does and the argument ends with it: the ranges share those positions.
  const verbRangeEnd = verbEnd === text.length ? end : { line: line.line, character: payloadStart.character + verbEnd };
  const argumentRangeStart = argumentStart === verbEnd ? verbRangeEnd : argumentStart === text.length ? end : { line: line.line, character: payloadStart.character + argumentStart };
  const verb = lookupVerb(verbText)?.verb;
  return {
    line,
    verb,
    // The table's own string when spelled as in it: a command per line need not keep a copy of its verb each.
    verbText: verb === verbText ? verb : verbText,
    verbRange: { start, end: verbRangeEnd },
    argument: text.slice(argumentStart),
    argumentRange: { start: argumentRangeStart, end },
  };
}
