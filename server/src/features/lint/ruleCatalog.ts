// Every rule the linter knows, in the order documentation lists them.
import type { RuleGroup, RuleSpec } from './rule';
import type { RuleId } from './ruleIds';
import { PARSE_RULES } from './parseRules';
import { SuppressionRules } from './suppressions';
import { protocolRuleGroups } from './protocol';
import { settingRules } from './variables/settingRules';
import { variableRules } from './variables/variableRules';
import { expansionRules } from './variables/expansionRules';
import { syntaxRuleGroups } from './syntax';

// The tables are fixed once loaded: built on first use, then the same objects every time (the lint cache relies on it).
let groups: readonly RuleGroup[] | undefined;
let index: ReadonlyMap<RuleId, RuleSpec> | undefined;

/** The groups whose checks run on every transcript: protocol state, variables, settings, and the line-local syntax rules. */
export function allRuleGroups(): readonly RuleGroup[] {
  groups ??= [...protocolRuleGroups, variableRules, expansionRules, settingRules, ...syntaxRuleGroups];
  return groups;
}

/** Parse problems, suppression comments and every group's rules. Ids are unique. */
export function allRules(): RuleSpec[] {
  return [...PARSE_RULES, ...Object.values(SuppressionRules), ...allRuleGroups().flatMap((group) => group.rules)];
}

export function ruleIndex(): ReadonlyMap<RuleId, RuleSpec> {
  index ??= new Map(allRules().map((rule) => [rule.id, rule]));
  return index;
}

/** For ids users write (settings, `--rule`, suppression comments): true when a rule has this id. */
export function isRuleId(text: string): text is RuleId {
  const known: ReadonlyMap<string, RuleSpec> = ruleIndex();
  return known.has(text);
}
