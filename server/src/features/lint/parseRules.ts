// The problems `parseTranscript` finds while reading the file's structure, listed as rules so documentation,
// `--list-rules` and settings know them. Parse errors mean the file cannot be read as written: their severity is
// fixed and neither settings nor suppression comments apply to them. Parse warnings behave like any other rule.
import type { Severity } from '../../model/types';
import type { RuleSpec } from './rule';

export const PARSE_RULES: RuleSpec[] = [
  {
    id: 'not-a-transcript',
    defaultSeverity: 'error',
    description: 'A file that is not text (NUL bytes, or mostly control characters): nothing else is read from it.',
  },
  {
    id: 'unknown-line',
    defaultSeverity: 'error',
    description: 'A line that is none of `C:`, `S:`, `#` comment, `###` separator, `@` directive, `<` include or blank.',
  },
  {
    id: 'directive-syntax',
    defaultSeverity: 'error',
    description: 'A line starting with `@` that is not `@name = value`.',
  },
  {
    id: 'reply-code-expected',
    defaultSeverity: 'error',
    description: 'An `S:` line that does not start with a three-character reply code followed by a space, `-` or nothing.',
    rfc: { rfc: 5321, section: '4.2' },
  },
  {
    id: 'reply-unterminated',
    defaultSeverity: 'error',
    description: 'A reply whose last line continues with `-`, so it never ends.',
    rfc: { rfc: 5321, section: '4.2.1' },
  },
  {
    id: 'reply-without-command',
    defaultSeverity: 'error',
    description: 'An `S:` reply where no greeting or command awaits one.',
    rfc: { rfc: 5321, section: '4.2' },
  },
  {
    id: 'command-expected',
    defaultSeverity: 'error',
    description: 'An empty `C:` line where a command is expected (empty lines are message content only after DATA).',
  },
  {
    id: 'data-unterminated',
    defaultSeverity: 'error',
    description: 'Message content after DATA that does not end with a `C: .` line before the reply.',
    rfc: { rfc: 5321, section: '4.1.1.4' },
  },
  {
    id: 'data-reply-missing',
    defaultSeverity: 'warning',
    description: 'Message content written right after `C: DATA` without the `S: 354` reply that allows it.',
    rfc: { rfc: 5321, section: '4.1.1.4' },
  },
  {
    id: 'bdat-size-unreadable',
    defaultSeverity: 'warning',
    description: 'A BDAT command whose argument is not `<octets> [LAST]`, so its chunk cannot be framed.',
    rfc: { rfc: 3030, section: '2' },
  },
  {
    id: 'bdat-size-mismatch',
    defaultSeverity: 'error',
    description: 'A BDAT command whose declared octet count differs from the chunk written below it.',
    rfc: { rfc: 3030, section: '2' },
  },
  {
    id: 'include-outside-content',
    defaultSeverity: 'error',
    description: 'A `< file` include outside DATA or BDAT content.',
  },
  {
    id: 'line-after-close',
    defaultSeverity: 'error',
    description: 'A line after `S: <closed>` in the same session.',
  },
  {
    id: 'unterminated-reference',
    defaultSeverity: 'error',
    description: 'A `{{` that is never closed with `}}`.',
  },
  {
    id: 'invalid-reference',
    defaultSeverity: 'error',
    description: 'A `{{...}}` reference without a name, or a variable (not a `$` built-in) given arguments.',
  },
];

const PARSE_RULE_IDS = new Set(PARSE_RULES.map((rule) => rule.id));
const PARSE_ERROR_IDS = new Set(PARSE_RULES.filter((rule) => rule.defaultSeverity === 'error').map((rule) => rule.id));

/** A problem from the parser that settings and suppressions cannot touch: any parse error, or a code not listed above. */
export function isFixedParseProblem(code: string, severity: Severity): boolean {
  return severity === 'error' || !PARSE_RULE_IDS.has(code);
}

/** A rule id that names a parse error, which cannot be configured. */
export function isParseError(ruleId: string): boolean {
  return PARSE_ERROR_IDS.has(ruleId);
}
