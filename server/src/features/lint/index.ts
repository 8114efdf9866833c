// The linter's public API, for the language server, the CLI, io and the other features: nothing outside
// features/lint imports its files directly (.dependency-cruiser.cjs, lint-through-its-index).
export { lintInSteps, lintTranscript, type LintDiagnostic, type LintOptions } from './lintTranscript';
export { lintText } from './lintText';
export { createLintCache, type LintCache } from './lintCache';
export { allRules, allRuleGroups, isRuleId, ruleIndex } from './ruleCatalog';
export { isParseError, PARSE_RULES } from './parseRules';
export { LINT_CONFIG_FILE_NAME, parseLintConfig, parseRuleFlags, readRuleSettings, type LintConfig, type LintConfigProblem } from './lintConfig';
export { mergeRuleSettings, RULE_SETTING_VALUES, type RuleSetting, type RuleSettings } from './ruleSettings';
export { fixesOf } from './rule';
export { parseProblemFix, withParseFixes } from './parseFixes';
export { fixText, lineEndOf, MAX_FIX_PASSES, safeFixEdits, type FixedText, type SafeFixes } from './fixAll';
export type { Finding, Fix, Fixes, LintContext, NamedFileStatus, RfcReference, RuleGroup, RuleSpec, TextEdit } from './rule';
export { readEhloCapabilities, type EhloCapabilities } from './session/ehloCapabilities';
export type { RuleId } from './ruleIds';
export { initialSessionState, type SessionState } from './session/sessionState';
export { nextState } from './session/nextState';
export { sameValue } from './session/sameValue';
export { transition, type Transition } from './session/transition';
