// RFC 2920 §3.1: commands whose outcome changes what the client may send next (EHLO, DATA, VRFY, EXPN, TURN, QUIT,
// NOOP, and by their own RFCs AUTH and STARTTLS) can only be the last command of a pipelined group.
import { mustEndPipelinedGroup } from '../../../knowledge/pipelining';
import { specLabel } from '../../../knowledge/rfc';
import { lookupVerb } from '../../../knowledge/verbs';
import type { Command, Exchange, Session } from '../../../model/types';
import { rule, type Finding } from '../rule';
import { payloadRange } from '../../../model/lineRanges';
import { exchangeStartLine } from '../../../model/exchangeRange';

export const PipeliningRules = {
  pipeliningGroupEnd: rule('pipelining-group-end', 'warning', 'A command that must end a pipelined group (EHLO, DATA, VRFY, EXPN, TURN, QUIT, NOOP, AUTH, STARTTLS, ...) followed by more lines before any reply.', { rfc: 2920, section: '3.1' }),
};

function mustEndGroup(exchange: Exchange): exchange is Exchange & { command: Command } {
  return exchange.kind === 'command' && mustEndPipelinedGroup(exchange.command.verb, exchange.command.argument);
}

export function checkPipelineGroups(session: Session): Finding[] {
  const findings: Finding[] = [];
  // Each exchange the client sends, with the next one it sends (an index walk: no filtered copy, no entry per exchange).
  const exchanges = session.exchanges;
  let next: Exchange | undefined;
  for (let at = exchanges.length - 1; at >= 0; at--) {
    const exchange = exchanges[at];
    if (exchange.kind === 'greeting' || exchange.kind === 'client-close') continue;
    const after = next;
    next = exchange;
    if (!after || after.pipelineGroup !== exchange.pipelineGroup || !mustEndGroup(exchange)) continue;
    // Without a reply the likelier story is a forgotten `S:` line: reply-missing says so, in the same place.
    if (!exchange.reply) continue;
    const verb = exchange.command.verb;
    findings.push({
      ruleId: PipeliningRules.pipeliningGroupEnd.id,
      range: payloadRange(exchange.command.line),
      message: `${verb} must be the last command of a pipelined group (${specLabel(lookupVerb(exchange.command.verbText)!.pipeliningRfc)}): write its \`S:\` reply before line ${exchangeStartLine(after) + 1}.`,
    });
  }
  // Found from the last exchange back: in the order of the file.
  return findings.reverse();
}
