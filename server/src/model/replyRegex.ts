// `/regex/flags` in an expectation's text, compiled by RE2 (npm re2js): matching takes time linear in the text,
// because the server chooses that text and a backtracking engine can take exponential time on `/(a+)+$/`.
// The one compile function: lint (`reply-regex-invalid`) and replay both call it, so they accept the same patterns.
import { RE2JS } from 're2js';

export interface RegexLiteral {
  body: string;
  flags: string;
}

export type CompiledRegex = { ok: true; matchesWhole(text: string): boolean } | { ok: false; problem: string };

const REGEX_TEXT = /^\/(.*)\/([a-z]*)$/s;

/** `/re/flags` -> its body and flags; undefined when the text is not written as a regex. */
export function regexLiteral(text: string): RegexLiteral | undefined {
  const found = REGEX_TEXT.exec(text);
  return found ? { body: found[1], flags: found[2] } : undefined;
}

// JavaScript flag letters the format doc allows, and what each becomes in RE2. `g`, `y` and `d` only change how a
// JavaScript RegExp reports or resumes a search, and `u` is how RE2 always reads text: none changes a whole match.
const FLAG_BITS: Readonly<Record<string, number>> = {
  i: RE2JS.CASE_INSENSITIVE,
  s: RE2JS.DOTALL,
  m: RE2JS.MULTILINE,
  g: 0,
  y: 0,
  d: 0,
  u: 0,
};

export function compileReplyRegex({ body, flags }: RegexLiteral): CompiledRegex {
  let bits = 0;
  for (const flag of flags) {
    const bit = FLAG_BITS[flag];
    if (bit === undefined) {
      const why = flag === 'v' ? '(set notation) has no RE2 equivalent' : 'is not a regular expression flag';
      return { ok: false, problem: `invalid regular expression /${body}/${flags}: the flag \`${flag}\` ${why}; use i, s or m` };
    }
    bits |= bit;
  }
  try {
    const compiled = RE2JS.compile(body, bits);
    // `matches` anchors at both ends of the text, whatever `^`, `$` and `m` say inside the pattern.
    return { ok: true, matchesWhole: (text) => compiled.matches(text) };
  } catch (error) {
    return { ok: false, problem: `invalid regular expression /${body}/${flags}: ${engineReason(error)}` };
  }
}

/** RE2's reason without its `error parsing regexp:` preamble, and a word on why lookaround and backreferences fail. */
function engineReason(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/^error parsing regexp: /, '');
  if (/`\(\?[=!<]|`\\[1-9k]/.test(message)) {
    return `${message} (the linear-time RE2 engine has no backreferences or lookaround)`;
  }
  return message;
}
