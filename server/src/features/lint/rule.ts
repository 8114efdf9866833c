// What a lint rule is: a stable public id, a default severity, a one-line description and the RFC it enforces.
// Checks return findings; `lintTranscript` applies the user's severities and suppressions.
import type { Range, Severity, Transcript } from '../../model/types';

export interface RfcReference {
  rfc: number;
  section?: string;
}

export interface RuleSpec {
  /** Public API: settings, `--rule` and suppression comments name it. Never renamed. */
  id: string;
  defaultSeverity: Severity;
  /** One sentence for documentation and `smtp-transcript lint --list-rules`. */
  description: string;
  rfc?: RfcReference;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A quick fix: applying `edits` to the document makes the finding go away. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  ruleId: string;
  range: Range;
  /** Says what is wrong and what to do. */
  message: string;
  /** Overrides the rule's default for this finding (e.g. a negative test expecting the refusal gets a hint). */
  severity?: Severity;
  fix?: Fix;
}

/** Environment a check may consult (the CLI passes the real environment; the language server may not). */
export interface LintContext {
  env?: Readonly<Record<string, string | undefined>>;
}

export type Check = (transcript: Transcript, context: LintContext) => Finding[];

/** A group of rules and the check that finds them. */
export interface RuleGroup {
  rules: RuleSpec[];
  check: Check;
}
