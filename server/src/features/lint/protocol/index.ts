// The protocol rule groups: the session state machine (sequencing, extensions, credentials), replies that fit what
// they answer, and pipelined groups.
import { checkedBySession, type RuleGroup } from '../rule';
import { checkSessions } from '../session/checkSessions';
import { AddressRules } from './addressChecks';
import { CredentialRules } from './credentialChecks';
import { checkEhloReplies, EhloReplyRules } from './ehloReplyChecks';
import { checkEnhancedCodeFits, EnhancedCodeRules } from './enhancedCodeChecks';
import { ExtensionRules } from './extensionChecks';
import { checkPipelineGroups, PipeliningRules } from './pipeliningChecks';
import { checkGreeting, checkRepliesPresent, checkSessionReplies, ReplyRules } from './replyChecks';
import { SequencingRules } from './sequencingChecks';
import { TransactionRules } from './transactionChecks';

const replyRules: RuleGroup = {
  rules: [...Object.values(ReplyRules), ...Object.values(EnhancedCodeRules), ...Object.values(EhloReplyRules)],
  check: (transcript) =>
    transcript.sessions.flatMap((session) => [
      ...checkGreeting(session),
      ...checkRepliesPresent(session),
      ...checkSessionReplies(session),
      ...checkEnhancedCodeFits(session),
      ...checkEhloReplies(session),
    ]),
};

const sessionStateRules: RuleGroup = {
  rules: [
    ...Object.values(SequencingRules),
    ...Object.values(ExtensionRules),
    ...Object.values(CredentialRules),
    ...Object.values(AddressRules),
    ...Object.values(TransactionRules),
  ],
  check: (transcript) => checkSessions(transcript),
};

const pipeliningRules: RuleGroup = {
  rules: Object.values(PipeliningRules),
  check: (transcript) => transcript.sessions.flatMap(checkPipelineGroups),
};

// Each looks at one session at a time: incremental lint keeps their findings per session.
export const protocolRuleGroups: RuleGroup[] = [replyRules, sessionStateRules, pipeliningRules].map(checkedBySession);
