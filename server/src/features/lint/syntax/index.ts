// Line-local syntax rules: what each reply, command, AUTH line and message can be checked for on its own.
// Protocol-state rules (what may follow what) live beside this folder.
import type { RuleGroup } from '../rule';
import { authRules } from './authRules';
import { commandRules } from './commandRules';
import { headerRules } from './headerRules';
import { messageRules } from './messageRules';
import { parameterRules } from './parameterRules';
import { pathRules } from './pathRules';
import { replySyntaxRules } from './replySyntax';

export const syntaxRuleGroups: RuleGroup[] = [replySyntaxRules, commandRules, pathRules, parameterRules, headerRules, messageRules, authRules];
