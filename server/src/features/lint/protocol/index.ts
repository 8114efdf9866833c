// The protocol rule groups: the session state machine (sequencing, extensions, credentials), replies that fit what
// they answer, and pipelined groups.
import { checkedBySession, type RuleGroup } from '../rule';
import { checkSessions } from '../session/checkSessions';
import { EXTENSION_RULES } from './extensionRules';
import { checkPipelineGroups, PIPELINING_RULES } from './pipeliningChecks';
import { checkGreeting, checkRepliesPresent, checkSessionReplies } from './replyChecks';
import { REPLY_RULES } from './replyRules';
import { SEQUENCING_RULES } from './sequencingRules';

const replyRules: RuleGroup = {
  rules: REPLY_RULES,
  check: (transcript) =>
    transcript.sessions.flatMap((session) => [
      ...checkGreeting(session),
      ...checkRepliesPresent(session),
      ...checkSessionReplies(session),
    ]),
};

const sessionStateRules: RuleGroup = {
  rules: [...SEQUENCING_RULES, ...EXTENSION_RULES],
  check: (transcript) => checkSessions(transcript),
};

const pipeliningRules: RuleGroup = {
  rules: PIPELINING_RULES,
  check: (transcript) => transcript.sessions.flatMap(checkPipelineGroups),
};

// Each looks at one session at a time: incremental lint keeps their findings per session.
export const protocolRuleGroups: RuleGroup[] = [replyRules, sessionStateRules, pipeliningRules].map(checkedBySession);
