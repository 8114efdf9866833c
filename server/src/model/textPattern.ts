// The text part of a strict expectation: `*` matches any run of characters, `\*` is a star, `/re/flags` a regex.
import { compileReplyRegex, regexLiteral } from './replyRegex';

export type TextMatch = { matches: true } | { matches: false; problem?: string };

export function matchText(pattern: string, text: string): TextMatch {
  const literal = regexLiteral(pattern);
  if (literal) {
    const regex = compileReplyRegex(literal);
    return regex.ok ? { matches: regex.matchesWhole(text) } : { matches: false, problem: regex.problem };
  }
  return { matches: matchGlob(globSegments(pattern), text) };
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
  for (const middle of segments.slice(1, -1)) {
    const found = text.indexOf(middle, at);
    if (found < 0 || found + middle.length > end) return false;
    at = found + middle.length;
  }
  return true;
}
