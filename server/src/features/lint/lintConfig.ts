// `.smtplintrc.json` beside the transcripts: `{"rules": {"rule-id": "off" | "hint" | "info" | "warning" | "error"}}`.
// Pure: the caller reads the file; problems come back as messages to show, and only valid entries are kept.
import { isJsonObject } from '../../model/jsonObject';
import { closestMatch } from '../../knowledge/didYouMean';
import { isRuleId, ruleIndex } from './ruleCatalog';
import type { RuleId } from './ruleIds';
import { isParseError } from './parseRules';
import { isRuleSetting, RULE_SETTING_VALUES, type RuleSetting, type RuleSettings } from './ruleSettings';

export const LINT_CONFIG_FILE_NAME = '.smtplintrc.json';

export interface LintConfigProblem {
  message: string;
  /** The rule id the problem is about, when there is one. */
  ruleId?: string;
}

export interface LintConfig {
  rules: RuleSettings;
  problems: LintConfigProblem[];
}


export function parseLintConfig(jsonText: string): LintConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(jsonText);
  } catch (error) {
    return { rules: {}, problems: [{ message: `${LINT_CONFIG_FILE_NAME} is not valid JSON: ${(error as Error).message}` }] };
  }
  if (!isJsonObject(parsed)) return { rules: {}, problems: [{ message: `${LINT_CONFIG_FILE_NAME} must hold a JSON object: {"rules": {...}}.` }] };
  const problems: LintConfigProblem[] = Object.keys(parsed)
    .filter((key) => key !== 'rules')
    .map((key) => ({ message: `Unknown key "${key}" in ${LINT_CONFIG_FILE_NAME}: only "rules" is read.` }));
  if (parsed.rules === undefined) return { rules: {}, problems };
  if (!isJsonObject(parsed.rules)) {
    return { rules: {}, problems: [...problems, { message: '"rules" must be an object mapping rule ids to severities.' }] };
  }
  const { rules, problems: ruleProblems } = readRuleSettings(parsed.rules);
  return { rules, problems: [...problems, ...ruleProblems] };
}

/**
 * Checks rule id -> setting pairs from any source (the rc file, the editor setting, `--rule` flags): unknown ids,
 * settings other than off/hint/info/warning/error, and parse errors (which cannot be configured) are reported and
 * dropped.
 */
export function readRuleSettings(entries: Readonly<Record<string, unknown>>): LintConfig {
  const rules: Partial<Record<RuleId, RuleSetting>> = {};
  const problems: LintConfigProblem[] = [];
  for (const [ruleId, value] of Object.entries(entries)) {
    if (!isRuleId(ruleId)) {
      const suggestion = closestRuleId(ruleId, [...ruleIndex().keys()]);
      const meant = suggestion ? ` Did you mean "${suggestion}"?` : '';
      problems.push({ ruleId, message: `Unknown rule id "${ruleId}".${meant} \`smtp-transcript lint --list-rules\` lists every rule id.` });
    } else if (!isRuleSetting(value)) {
      problems.push({ ruleId, message: `Rule "${ruleId}": ${JSON.stringify(value)} is not one of ${RULE_SETTING_VALUES.join(', ')}.` });
    } else if (isParseError(ruleId)) {
      problems.push({ ruleId, message: `Rule "${ruleId}" is a parse error: the file cannot be read as written, so it cannot be configured.` });
    } else {
      rules[ruleId] = value;
    }
  }
  return { rules, problems };
}

/** The rule id a misspelt one most likely means (a typo of up to two characters). */
function closestRuleId(written: string, ids: readonly string[]): string | undefined {
  return written.length <= 40 ? closestMatch(written, ids) : undefined;
}

/** `--rule id=severity` flags of the CLI, each checked like an rc file entry. */
export function parseRuleFlags(flags: readonly string[]): LintConfig {
  const pairs: [string, string][] = [];
  const problems: LintConfigProblem[] = [];
  for (const flag of flags) {
    const equals = flag.indexOf('=');
    if (equals <= 0) problems.push({ message: `--rule expects id=severity (e.g. --rule mail-before-helo=off), not "${flag}".` });
    else pairs.push([flag.slice(0, equals).trim(), flag.slice(equals + 1).trim()]);
  }
  // Own entries, as an rc file's: `entries['__proto__'] = ...` would have set the object's prototype, no entry, so
  // `--rule __proto__=off` was dropped without the unknown-id problem. A later flag for the same id wins.
  const read = readRuleSettings(Object.fromEntries(pairs));
  return { rules: read.rules, problems: [...problems, ...read.problems] };
}
