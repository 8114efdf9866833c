// An enhanced status code must be about what it answers (RFC 3463 §3): a destination-address code answers RCPT, a
// sender-address code MAIL, an authentication code AUTH. The table is knowledge/enhancedCodeFit.ts.
import type { AnsweredStep } from '../../../knowledge/enhancedCodeFit';
import type { Exchange, Session } from '../../../model/types';
import { enhancedCodeMisfitOf } from '../codeLookups';
import { rule, type Finding } from '../rule';
import { enhancedCodeRange } from '../../../model/lineRanges';
import { everyReply } from '../../../model/exchangeReplies';

export const EnhancedCodeRules = {
  enhancedCodeForCommand: rule('enhanced-code-for-command', 'warning', 'An enhanced status code about something other than what it answers: a destination-address code (X.1.1-X.1.6, X.1.10) outside RCPT, VRFY, EXPN and the message (DATA, BDAT and the end of the content), a sender-address code (X.1.7, X.1.8) outside MAIL, RCPT (servers that delay sender checks refuse there, as Postfix does by default) and the message, too many recipients (X.5.3) outside RCPT and the message, an authentication code (X.7.8, X.7.9, X.7.11, X.7.12, X.5.6) outside AUTH.', { rfc: 3463, section: '3' }),
};

function stepOf(exchange: Exchange): AnsweredStep | undefined {
  switch (exchange.kind) {
    case 'command':
    case 'bdat':
      return exchange.command.verb;
    case 'message':
    case 'auth-response':
      return exchange.kind;
    default:
      return undefined;
  }
}

function label(step: AnsweredStep): string {
  return step === 'message' ? 'the end of the message' : step === 'auth-response' ? 'an AUTH response' : step;
}

export function checkEnhancedCodeFits(session: Session): Finding[] {
  const findings: Finding[] = [];
  for (const exchange of session.exchanges) {
    const step = stepOf(exchange);
    if (!step || !exchange.reply) continue;
    // LMTP: the further recipients' replies answer the same end of the message (RFC 2033 §4.2).
    for (const line of exchange.recipientReplies ? everyReply(exchange).flatMap((reply) => reply.lines) : exchange.reply.lines) {
      const misfit = line.enhancedCode !== undefined ? enhancedCodeMisfitOf(line.enhancedCode, step) : undefined;
      if (!misfit) continue;
      const answers = [...new Set(misfit.answers.map(label))].join(', ');
      findings.push({
        ruleId: EnhancedCodeRules.enhancedCodeForCommand.id,
        range: enhancedCodeRange(line)!,
        message: `\`${line.enhancedCode}\` is about ${misfit.about}, which ${label(step)} does not deal with: a server answers ${answers} with it. Expect the code the server sends for ${label(step)} (RFC 3463 §3).`,
      });
      break;
    }
  }
  return findings;
}
