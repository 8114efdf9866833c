// The protocol rule groups: the session state machine (sequencing, extensions, credentials), replies that fit what
// they answer, and pipelined groups.
import { checkedBySession, type Finding, type RuleGroup } from '../rule';
import { checkSessions } from '../session/checkSessions';
import { AddressRules } from './addressChecks';
import { CredentialRules } from './credentialChecks';
import { checkEhloReplies, EhloReplyRules } from './ehloReplyChecks';
import { checkEnhancedCodeFits, EnhancedCodeRules } from './enhancedCodeChecks';
import { ExtensionRules } from './extensionChecks';
import { checkPipelineGroups, PipeliningRules } from './pipeliningChecks';
import { checkGreeting, checkRepliesPresent, checkSessionReplies, ReplyRules } from './replyChecks';
import { SequencingRules } from './sequencingChecks';
import { starttlsCredentialRules } from './starttlsCredentialChecks';
import { TransactionRules } from './transactionChecks';
import { LmtpRules } from './lmtpChecks';

// In this order: each session's findings come out as the checks list them.
const SESSION_REPLY_CHECKS = [checkGreeting, checkRepliesPresent, checkSessionReplies, checkEnhancedCodeFits, checkEhloReplies];

const replyRules: RuleGroup = {
  rules: [...Object.values(ReplyRules), ...Object.values(EnhancedCodeRules), ...Object.values(EhloReplyRules)],
  check: (transcript) => {
    const findings: Finding[] = [];
    for (const session of transcript.sessions) {
      for (const check of SESSION_REPLY_CHECKS) {
        const found = check(session);
        for (let i = 0; i < found.length; i++) findings.push(found[i]);
      }
    }
    return findings;
  },
};

const sessionStateRules: RuleGroup = {
  rules: [
    ...Object.values(SequencingRules),
    ...Object.values(ExtensionRules),
    ...Object.values(CredentialRules),
    ...Object.values(AddressRules),
    ...Object.values(TransactionRules),
    ...Object.values(LmtpRules),
  ],
  check: (transcript) => checkSessions(transcript),
};

const pipeliningRules: RuleGroup = {
  rules: Object.values(PipeliningRules),
  check: (transcript) => (transcript.sessions.length === 1 ? checkPipelineGroups(transcript.sessions[0]) : transcript.sessions.flatMap(checkPipelineGroups)),
};

// Each looks at one session at a time: incremental lint keeps their findings per session.
export const protocolRuleGroups: RuleGroup[] = [...[replyRules, sessionStateRules, pipeliningRules].map(checkedBySession), starttlsCredentialRules];
/** The session state machine's group: a long session's lint walks it from checkpoint to checkpoint (segmentedLint.ts). */
export const sessionStateRuleGroup = protocolRuleGroups[1];
