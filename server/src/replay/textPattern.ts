// The text part of a strict expectation: `*` matches any run of characters, `\*` is a star, `/re/flags` a regex.

export type TextMatch = { matches: true } | { matches: false; problem?: string };

const REGEX_TEXT = /^\/(.*)\/([a-z]*)$/s;

export function matchText(pattern: string, text: string): TextMatch {
  const regex = REGEX_TEXT.exec(pattern);
  if (regex) return matchRegex(regex[1], regex[2], text);
  return { matches: matchGlob(globSegments(pattern), text) };
}

function matchRegex(body: string, flags: string, text: string): TextMatch {
  let expression: RegExp;
  try {
    // `g` and `y` make a RegExp stateful; the whole text is matched once, so they mean nothing here.
    expression = new RegExp(`^(?:${body})$`, flags.replace(/[gy]/g, ''));
  } catch (error) {
    return { matches: false, problem: `invalid regular expression /${body}/${flags}: ${(error as Error).message}` };
  }
  return { matches: expression.test(text) };
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
