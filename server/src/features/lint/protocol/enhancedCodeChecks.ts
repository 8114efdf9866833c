// An enhanced status code must be about what it answers (RFC 3463 §3): a destination-address code answers RCPT, a
// sender-address code MAIL, an authentication code AUTH. The table is knowledge/enhancedCodeFit.ts.
import type { AnsweredStep } from '../../../knowledge/enhancedCodeFit';
import type { Exchange, Session } from '../../../model/types';
import { enhancedCodeMisfitOf } from '../codeLookups';
import { rule, type Finding } from '../rule';
import { enhancedCodeRange } from '../../../model/lineRanges';

export const EnhancedCodeRules = {
  enhancedCodeForCommand: rule('enhanced-code-for-command', 'warning', 'An enhanced status code about something else than what it answers: a destination-address code (X.1.1-X.1.6) answering MAIL, a sender-address code (X.1.7, X.1.8) answering EHLO or AUTH, an authentication code (X.7.8, ...) outside AUTH.', { rfc: 3463, section: '3' }),
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
    for (const line of exchange.reply.lines) {
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
