// Line-local syntax rules: what each reply, command, AUTH line and message can be checked for on its own.
// Protocol-state rules (what may follow what) live beside this folder.
import { checkedBySession, type RuleGroup } from '../rule';
import { authHeaderRules } from './authHeaderRules';
import { authRules } from './authRules';
import { commandRules } from './commandRules';
import { contentCharacterRules } from './contentCharacterRules';
import { encodingRules } from './encodingRules';
import { headerRules } from './headerRules';
import { includeRules } from './includeRules';
import { messageRules } from './messageRules';
import { mimeRules } from './mimeRules';
import { parameterRules } from './parameterRules';
import { pathRules } from './pathRules';
import { replySyntaxRules } from './replySyntax';

// All but the AUTH rules (which also judge secrets across the file) look at one session at a time; the file rules
// look at the disk, which changes without the transcript changing, so they run on every lint.
export const syntaxRuleGroups: RuleGroup[] = [
  ...[replySyntaxRules, commandRules, pathRules, parameterRules, headerRules, messageRules, contentCharacterRules, authHeaderRules, mimeRules].map(checkedBySession),
  authRules,
  includeRules,
  encodingRules,
];
