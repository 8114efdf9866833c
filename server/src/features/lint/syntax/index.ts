// Line-local syntax rules: what each reply, command, AUTH line and message can be checked for on its own.
// Protocol-state rules (what may follow what) live beside this folder.
import type { RuleGroup } from '../rule';
import { replySyntaxRules } from './replySyntax';

export const syntaxRuleGroups: RuleGroup[] = [replySyntaxRules];
