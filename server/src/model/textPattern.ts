// The text part of a strict expectation: `*` matches any run of characters, `\*` is a star, `/re/flags` a regex.
import { compileReplyRegex, regexLiteral, type CompiledRegex, type RegexLiteral } from './replyRegex';

export type TextMatch = { matches: true } | { matches: false; problem?: string };

export function matchText(pattern: string, text: string): TextMatch {
  // Plain text (no star, not a regex) matches itself only: the common expectation, decided without parsing.
  if (pattern.charCodeAt(0) !== SLASH && !pattern.includes('*')) return outcome(pattern === text);
  const literal = regexLiteral(pattern);
  if (literal) {
    const regex = compiledRegex(pattern, literal);
    return regex.ok ? outcome(regex.matchesWhole(text)) : { matches: false, problem: regex.problem };
  }
  return outcome(matchGlob(segmentsOf(pattern), text));
}

const MATCHES: TextMatch = Object.freeze({ matches: true });
const DIFFERS: TextMatch = Object.freeze({ matches: false });
const outcome = (matches: boolean): TextMatch => (matches ? MATCHES : DIFFERS);

const SLASH = 0x2f;
// A replay compares the same expectation line against many replies (load mode, a file of many messages): each
// pattern is compiled once. Bounded, since the patterns come from files.
const MAX_COMPILED = 256;
const compiled = new Map<string, CompiledRegex>();

function compiledRegex(pattern: string, literal: RegexLiteral): CompiledRegex {
  let regex = compiled.get(pattern);
  if (!regex) {
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(pattern, (regex = compileReplyRegex(literal)));
  }
  return regex;
}

const splitGlobs = new Map<string, string[]>();

function segmentsOf(pattern: string): string[] {
  let segments = splitGlobs.get(pattern);
  if (!segments) {
    if (splitGlobs.size >= MAX_COMPILED) splitGlobs.clear();
    splitGlobs.set(pattern, (segments = globSegments(pattern)));
  }
  return segments;
}

/** Literal pieces between unescaped stars: `queued as *` -> [`queued as `, ``]. */
function globSegments(pattern: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\' && pattern[i + 1] === '*') {
      current += '*';
      i++;
    } else if (pattern[i] === '*') {
      segments.push(current);
      current = '';
    } else current += pattern[i];
  }
  segments.push(current);
  return segments;
}

// Anchored prefix and suffix, leftmost search for the middle pieces: linear, no regex backtracking on long lines.
function matchGlob(segments: string[], text: string): boolean {
  if (segments.length === 1) return segments[0] === text;
  const first = segments[0];
  const last = segments[segments.length - 1];
  if (first.length + last.length > text.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const middle = segments[i];
    const found = text.indexOf(middle, at);
    if (found < 0 || found + middle.length > end) return false;
    at = found + middle.length;
  }
  return true;
}
