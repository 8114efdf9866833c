// A transcript exchange as the event the dialogue core's session state takes, read along the reply the transcript
// expects.
import type { SessionEvent } from '../../../dialogue/sessionState';
import type { Exchange } from '../../../model/types';
import { carriesSmtputf8 } from '../protocol/addressChecks';
import { readEhloCapabilities } from './ehloCapabilities';
import { expectedOutcome } from './expectedOutcome';
import { payloadEndPosition } from '../../../model/lineRanges';
import { exchangeStartLine } from '../../../model/exchangeRange';
import { listsExtensions } from '../../../knowledge/verbs';

export function sessionEvent(exchange: Exchange): SessionEvent {
  const startLine = exchangeStartLine(exchange);
  const group = exchange.pipelineGroup;
  switch (exchange.kind) {
    case 'greeting':
    case 'client-close':
      return { kind: exchange.kind, startLine, group };
    case 'auth-response':
      return { kind: 'auth-response', startLine, group, outcome: expectedOutcome(exchange) };
    case 'message':
      return { kind: 'message', startLine, group, outcome: expectedOutcome(exchange), endLine: exchange.terminator ? exchange.terminator.line : startLine };
    case 'bdat':
      return { kind: 'bdat', startLine, group, last: exchange.last, outcome: expectedOutcome(exchange), code: exchange.reply?.code, commandLine: exchange.command.line.line };
    case 'command': {
      const { command, reply } = exchange;
      const verb = command.verb;
      return {
        kind: 'command',
        startLine,
        group,
        verb,
        argument: command.argument,
        outcome: expectedOutcome(exchange),
        code: reply?.code,
        commandLine: command.line.line,
        // Fields present (maybe undefined) rather than spread in: one shape for every command event, built fast.
        mailEnd: verb === 'MAIL' ? payloadEndPosition(command.line) : undefined,
        smtputf8: verb === 'MAIL' ? carriesSmtputf8(exchange) : undefined,
        capabilities: listsExtensions(verb) && reply ? readEhloCapabilities(reply) : undefined,
      };
    }
  }
}
