// Per-rule severity settings: what `.smtplintrc.json`, the `smtp.lint.rules` editor setting and `--rule id=severity`
// all produce, and how a finding's severity follows from them.
import type { Severity } from '../../model/types';
import type { RuleSpec } from './rule';
import type { RuleId } from './ruleIds';

export type RuleSetting = Severity | 'off';

/** Rule id -> setting. Rules not named keep their default severity. */
export type RuleSettings = Readonly<Partial<Record<RuleId, RuleSetting>>>;

export const RULE_SETTING_VALUES: readonly RuleSetting[] = ['off', 'hint', 'info', 'warning', 'error'];

const RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

export function isRuleSetting(value: unknown): value is RuleSetting {
  return typeof value === 'string' && (RULE_SETTING_VALUES as readonly string[]).includes(value);
}

/**
 * Combines settings layers; a later layer wins for the rules it names. Pass them weakest first:
 * `mergeRuleSettings(rcFile, editorSetting, cliFlags)`.
 */
export function mergeRuleSettings(...layers: (RuleSettings | undefined)[]): RuleSettings {
  const merged: Partial<Record<RuleId, RuleSetting>> = {};
  for (const layer of layers) Object.assign(merged, layer ?? {});
  return merged;
}

/**
 * The severity a finding is reported with, or undefined when its rule is off. A setting replaces the rule's default;
 * a finding that carries its own, milder severity (a negative test downgraded to a hint) never gets louder than it.
 */
export function effectiveSeverity(spec: Pick<RuleSpec, 'defaultSeverity'>, own: Severity | undefined, setting: RuleSetting | undefined): Severity | undefined {
  if (setting === 'off') return undefined;
  const configured = setting ?? spec.defaultSeverity;
  if (own === undefined) return configured;
  return RANK[own] < RANK[configured] ? own : configured;
}
