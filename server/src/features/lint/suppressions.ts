// `# smtp-lint-disable-next-line rule-id [rule-id...]`: silences the named rules (all rules when none is named) on
// the next line that is not itself a comment, so several suppression comments can stack.
import type { Transcript } from '../../model/types';
import { isParseError } from './parseRules';
import { rule, type Finding } from './rule';
import type { RuleId } from './ruleIds';

export const SuppressionRules = {
  suppressionUnknownRule: rule('suppression-unknown-rule', 'warning', 'A `# smtp-lint-disable-next-line` comment names a rule id that does not exist, or a parse error (which no comment silences), so it silences nothing.'),
};

/** Line -> the rule ids suppressed on it; an empty set means every rule. */
export type Suppressions = ReadonlyMap<number, ReadonlySet<string>>;

export function collectSuppressions(transcript: Transcript): Suppressions {
  const targets = nextLinesAfterComments(transcript);
  const suppressions = new Map<number, Set<string>>();
  for (const comment of transcript.comments) {
    if (!comment.disableNextLine) continue;
    const target = targets.get(comment.line)!;
    const ids = suppressions.get(target);
    if (ids === undefined) suppressions.set(target, new Set(comment.disableNextLine));
    else if (ids.size > 0) {
      // An earlier comment with no ids already silences everything on the line.
      if (comment.disableNextLine.length === 0) ids.clear();
      else for (const id of comment.disableNextLine) ids.add(id);
    }
  }
  return suppressions;
}

/**
 * For each comment's line, the first line below it that is not a comment: found from the bottom up, so a run of
 * thousands of comments is walked once, not once per comment.
 */
function nextLinesAfterComments(transcript: Transcript): Map<number, number> {
  const lines = transcript.comments.map((comment) => comment.line).sort((a, b) => b - a);
  const next = new Map<number, number>();
  for (const line of lines) next.set(line, next.get(line + 1) ?? line + 1);
  return next;
}

export function isSuppressed(suppressions: Suppressions, line: number, ruleId: RuleId): boolean {
  const ids = suppressions.get(line);
  return ids !== undefined && (ids.size === 0 || ids.has(ruleId));
}

/**
 * Findings for ids in suppression comments that silence nothing: no rule has them (a typo), or they name a parse
 * error, which the file must fix (docs/lint-rules.md).
 */
export function checkSuppressionIds(transcript: Transcript, isRuleId: (id: string) => boolean): Finding[] {
  const findings: Finding[] = [];
  for (const comment of transcript.comments) {
    for (const id of comment.disableNextLine ?? []) {
      const known = isRuleId(id);
      if (known && !isParseError(id as RuleId)) continue;
      const at = comment.text.indexOf(id, comment.text.indexOf('smtp-lint-disable-next-line') + 27);
      findings.push({
        ruleId: SuppressionRules.suppressionUnknownRule.id,
        range: {
          start: { line: comment.line, character: at },
          end: { line: comment.line, character: at + id.length },
        },
        message: known
          ? `\`${id}\` is a parse error: the line cannot be read as written, and no comment silences that. Fix the line instead.`
          : `No lint rule has the id \`${id}\`, so this comment silences nothing: use an id from docs/lint-rules.md.`,
      });
    }
  }
  return findings;
}
