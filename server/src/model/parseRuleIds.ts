// The ids of the problems `parseTranscript` reports (`ParseDiagnostic.code`). They are public: lint lists each as a
// rule (features/lint/parseRules.ts), and settings and suppression comments name them.
export const PARSE_RULE_IDS = [
  'not-a-transcript',
  'unknown-line',
  'bare-cr',
  'directive-syntax',
  'reply-code-expected',
  'reply-unterminated',
  'reply-without-command',
  'command-expected',
  'data-unterminated',
  'data-reply-missing',
  'bdat-size-unreadable',
  'bdat-size-mismatch',
  'include-outside-content',
  'line-after-close',
  'server-marker-unknown',
  'server-marker-argument',
  'server-marker-misplaced',
  'unterminated-reference',
  'invalid-reference',
] as const;

export type ParseRuleId = (typeof PARSE_RULE_IDS)[number];
