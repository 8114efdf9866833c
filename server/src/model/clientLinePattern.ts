// A `C:` line read as an expectation of what a client sends (the scripted server's side of a transcript): exact
// text by default, the verb in any case (RFC 5321 §2.4), `*` for any run of characters, `/regex/` for the argument,
// and `{{$capture name}}` for any run that later lines may use as `{{name}}`. Matching is linear time (RE2).
import { RE2JS } from 're2js';
import { regexLiteral } from './replyRegex';
import { matchText } from './textPattern';
import { BUILTINS } from './builtins';
import type { Directive } from './types';

/** Where `{{$capture name}}` stood, kept through variable substitution (NUL never survives in a transcript line). */
const SLOT = (index: number): string => `\u0000${index}\u0000`;
const SLOT_PATTERN = /\u0000(\d+)\u0000/g;
const CAPTURE = /\{\{\s*\$capture\s+([A-Za-z_][\w.-]*)\s*\}\}/g;

export interface CapturingLine {
  /** The line with each capture replaced by a slot, ready for variable substitution. */
  text: string;
  /** The variable each slot fills, in order. */
  names: string[];
}

/** `{{$date}}`, `{{$message-id}}`, `{{$uuid}}`, `{{$boundary 1}}`: values each client makes anew. */
const FRESH_VALUE = new RegExp(`\\{\\{\\s*\\$(${Object.keys(BUILTINS).filter((name) => BUILTINS[name].madeByClient).join('|')})(?:\\s+[^{}]*)?\\}\\}`, 'g');

/** A content line that is `{{$any-lines}}` alone: the mock accepts any run of content lines there. */
export function isAnyLines(text: string): boolean {
  return /^\{\{\s*\$any-lines\s*\}\}$/.test(text.trim());
}

/**
 * Takes the `{{$capture name}}` references out of a `C:` line before its variables are substituted. A value the client
 * makes itself (`Date: {{$date}}`, `--{{$boundary 1}}`, as an import or a recording writes them) matches any text.
 */
export function takeCaptures(text: string): CapturingLine {
  const known = takenCaptures.get(text);
  if (known) return known;
  const names: string[] = [];
  const replaced = text.replace(CAPTURE, (_whole, name: string) => SLOT(names.push(name) - 1)).replace(FRESH_VALUE, '*');
  const taken: CapturingLine = { text: replaced, names };
  if (takenCaptures.size >= MAX_COMPILED) takenCaptures.delete(takenCaptures.keys().next().value as string);
  takenCaptures.set(text, taken);
  return taken;
}

/** By line text: the mock reads the same script lines on every connection. Bounded as `compiledPatterns`; read-only. */
const takenCaptures = new Map<string, CapturingLine>();

export type ClientLineMatch = { matches: true; captured: Map<string, string> } | { matches: false; problem?: string };

/**
 * Compares what a client sent with the expected line (variables already substituted, capture slots kept).
 * `command`: the first word is a verb and compared without regard to case.
 */
export function matchClientLine(expected: CapturingLine, actual: string, command: boolean): ClientLineMatch {
  const [expectedVerb, expectedRest] = command ? splitVerb(expected.text) : ['', expected.text];
  const [actualVerb, actualRest] = command ? splitVerb(actual) : ['', actual];
  if (expectedVerb.toUpperCase() !== actualVerb.toUpperCase()) return { matches: false };
  // `EHLO` and `EHLO ` differ on the wire: the separating space is part of what must match.
  if (command && expected.text.includes(' ') !== actual.includes(' ')) return { matches: false };
  if (expected.names.length === 0) {
    // No capture: plain text, `*` pieces or a `/regex/`, as a reply's text is matched.
    const match = matchText(expectedRest, actualRest);
    return match.matches ? { matches: true, captured: new Map() } : match;
  }
  return matchPattern(expectedRest, expected.names, actualRest);
}

function splitVerb(text: string): [string, string] {
  const space = text.indexOf(' ');
  return space < 0 ? [text, ''] : [text.slice(0, space), text.slice(space + 1)];
}

/**
 * A command argument (or part of one) the mock reads as a pattern: a `*`, or `/regex/` as the whole argument. Lint
 * does not judge its syntax: what it stands for is what the client will send.
 */
export function isPatternArgument(text: string): boolean {
  return hasWildcard(text) || regexLiteral(text) !== undefined;
}

/** A `*` to match, or a `\*` to read as a star: either way the text is a pattern, not literal. */
function hasWildcard(text: string): boolean {
  return text.includes('*');
}

/** Literal pieces quoted, `*` as `.*?`, each capture slot as a group: one anchored RE2 match. */
function matchPattern(expected: string, names: string[], actual: string): ClientLineMatch {
  let pattern = '';
  let literal = '';
  const flush = (): void => {
    if (literal) pattern += RE2JS.quote(literal);
    literal = '';
  };
  const groupFor: number[] = [];
  for (let i = 0; i < expected.length; i++) {
    const char = expected[i];
    if (char === '\\' && expected[i + 1] === '*') {
      literal += '*';
      i++;
    } else if (char === '*') {
      flush();
      pattern += '(?:.*?)';
    } else if (char === '\u0000') {
      const end = expected.indexOf('\u0000', i + 1);
      flush();
      groupFor.push(Number(expected.slice(i + 1, end)));
      pattern += '(.*?)';
      i = end;
    } else literal += char;
  }
  flush();
  const matcher = compiled(pattern).matcher(actual);
  if (!matcher.matches()) return { matches: false };
  const captured = new Map<string, string>();
  groupFor.forEach((slot, k) => captured.set(names[slot], matcher.group(k + 1) ?? ''));
  return { matches: true, captured };
}

/** Compiled patterns by source: a script's lines repeat on every connection; bounded, oldest dropped first. */
const compiledPatterns = new Map<string, RE2JS>();
const MAX_COMPILED = 512;

function compiled(pattern: string): RE2JS {
  let regex = compiledPatterns.get(pattern);
  if (!regex) {
    regex = RE2JS.compile(pattern, RE2JS.DOTALL);
    if (compiledPatterns.size >= MAX_COMPILED) compiledPatterns.delete(compiledPatterns.keys().next().value as string);
    compiledPatterns.set(pattern, regex);
  }
  return regex;
}

/** The expected line as a person reads it: each slot shown as the capture it stands for. */
export function shownExpectation(expected: CapturingLine): string {
  return expected.text.replace(SLOT_PATTERN, (_whole, index: string) => `{{$capture ${expected.names[Number(index)]}}}`);
}

/**
 * A captured value as a definition for the lines below the capture: its `{{` stays literal, so a client cannot make
 * the server substitute a reference (`{{$env HOME}}`) it sent.
 */
export function capturedDefinition(name: string, value: string, line: number): Directive {
  const at = { line, character: 0 };
  const range = { start: at, end: at };
  return { name, nameRange: range, range, value: { text: value.replace(/\{\{/g, '\\{{'), line, character: 0, variables: [] } };
}
