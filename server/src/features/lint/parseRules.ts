// The problems `parseTranscript` finds while reading the file's structure, listed as rules so documentation,
// `--list-rules` and settings know them. Parse errors mean the file cannot be read as written: their severity is
// fixed and neither settings nor suppression comments apply to them. Parse warnings behave like any other rule.
import type { ParseRuleId } from '../../model/parseRuleIds';
import type { Severity } from '../../model/types';
import { rule, type RuleSpec } from './rule';
import type { RuleId } from './ruleIds';

export const ParseRules = {
  notATranscript: rule('not-a-transcript', 'error', 'A file that is not text (NUL bytes, or mostly control characters): nothing else is read from it.'),
  unknownLine: rule('unknown-line', 'error', 'A line that is none of `C:`, `S:`, `#` comment, `###` separator, `@` directive, `<` include or blank.'),
  bareCr: rule('bare-cr', 'error', 'A carriage return without a line feed inside a line: the editor breaks the line there, and SMTP forbids a bare CR in text.', { rfc: 5321, section: '2.3.8' }),
  directiveSyntax: rule('directive-syntax', 'error', 'A line starting with `@` that is not `@name = value`.'),
  replyCodeExpected: rule('reply-code-expected', 'error', 'An `S:` line that does not start with a three-character reply code followed by a space, `-` or nothing.', { rfc: 5321, section: '4.2' }),
  replyUnterminated: rule('reply-unterminated', 'error', 'A reply whose last line continues (with `-`, or `S: ...`, which stands for lines inside a reply), so it never ends.', { rfc: 5321, section: '4.2.1' }),
  replyWithoutCommand: rule('reply-without-command', 'error', 'An `S:` reply where no greeting or command awaits one.', { rfc: 5321, section: '4.2' }),
  commandExpected: rule('command-expected', 'error', 'An empty `C:` line where a command is expected (empty lines are message content only after DATA).'),
  dataUnterminated: rule('data-unterminated', 'error', 'Message content after DATA that does not end with a `C: .` line before the reply, nor with `C: <close>` (the client closing the connection inside it).', { rfc: 5321, section: '4.1.1.4' }),
  dataReplyMissing: rule('data-reply-missing', 'warning', 'Message content written right after `C: DATA` without the `S: 354` reply that allows it.', { rfc: 5321, section: '4.1.1.4' }),
  bdatSizeUnreadable: rule('bdat-size-unreadable', 'warning', 'A BDAT command whose argument is not `<octets> [LAST]`, so its chunk cannot be framed.', { rfc: 3030, section: '2' }),
  bdatSizeMismatch: rule('bdat-size-mismatch', 'error', 'A BDAT command whose declared octet count differs from the chunk written below it.', { rfc: 3030, section: '2' }),
  includeOutsideContent: rule('include-outside-content', 'error', 'A `< file` include outside DATA or BDAT content.'),
  lineAfterClose: rule('line-after-close', 'error', 'A line after `S: <closed>`, `S: <reset>`, `S: <silence>` or a `<cut>` reply in the same session.'),
  serverMarkerUnknown: rule('server-marker-unknown', 'error', 'An `S: <...>` line that is neither `<closed>` nor one of the scripted server\'s markers (`<delay>`, `<drip>`, `<cut>`, `<reset>`, `<silence>`).'),
  serverMarkerArgument: rule('server-marker-argument', 'error', 'A server marker without the argument it needs (`<delay 2s>`, `<cut 10>`), with an unreadable one, or with one it does not take.'),
  serverMarkerMisplaced: rule('server-marker-misplaced', 'error', 'A server marker where it cannot act: `<drip>`/`<cut>` not right above a reply, `<delay>` above a `C:` line, a marker inside a multi-line reply or a BDAT chunk.'),
  unterminatedReference: rule('unterminated-reference', 'error', 'A `{{` that is never closed with `}}`.'),
  invalidReference: rule('invalid-reference', 'error', 'A `{{...}}` reference without a name, or a variable (not a `$` built-in) given arguments.'),
} satisfies Record<string, RuleSpec<ParseRuleId>>;

export const PARSE_RULES: readonly RuleSpec<ParseRuleId>[] = Object.values(ParseRules);

const LISTED_IDS = new Set<string>(PARSE_RULES.map((rule) => rule.id));
const PARSE_ERROR_IDS = new Set<string>(PARSE_RULES.filter((rule) => rule.defaultSeverity === 'error').map((rule) => rule.id));

/** A problem from the parser that settings and suppressions cannot touch: any parse error, or a code not listed above. */
export function isFixedParseProblem(code: ParseRuleId, severity: Severity): boolean {
  return severity === 'error' || !LISTED_IDS.has(code);
}

/** A rule id that names a parse error, which cannot be configured. */
export function isParseError(ruleId: RuleId): boolean {
  return PARSE_ERROR_IDS.has(ruleId);
}
