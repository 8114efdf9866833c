// The linter's public API, for the language server and the CLI.
export { lintTranscript, type LintDiagnostic, type LintOptions } from './lintTranscript';
export { createLintCache, type LintCache } from './lintCache';
export { allRules, allRuleGroups, isRuleId } from './ruleCatalog';
export { LINT_CONFIG_FILE_NAME, parseLintConfig, parseRuleFlags, readRuleSettings, type LintConfig, type LintConfigProblem } from './lintConfig';
export { mergeRuleSettings, RULE_SETTING_VALUES, type RuleSetting, type RuleSettings } from './ruleSettings';
export type { Finding, Fix, LintContext, RfcReference, RuleGroup, RuleSpec, TextEdit } from './rule';
export type { RuleId } from './ruleIds';
export { initialSessionState, type SessionState } from './session/sessionState';
export { nextState } from './session/nextState';
export { transition, type Transition } from './session/transition';
