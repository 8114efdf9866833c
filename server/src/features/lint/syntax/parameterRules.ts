// MAIL/RCPT ESMTP parameters (RFC 5321 §4.1.2 `esmtp-param`): `KEYWORD[=value]`, each known parameter's value checked
// by the knowledge table's validator, parameters given to the wrong command, and unknown ones (gently).
import { lookupMailParameter, type ParameterCommand } from '../../../knowledge/mailParameters';
import { range } from '../../../model/ranges';
import type { CommandExchange, Transcript } from '../../../model/types';
import { rule, type Finding, type RuleGroup } from '../rule';
import { commandExchanges } from './commandExchanges';
import { excerpt } from './excerpt';
import { unlessNegativeTest } from './negativeTests';
import { parsePathArgument, type ParameterToken } from './pathArgument';

export const ParameterRules = {
  parameterSyntax: rule('parameter-syntax', 'warning', 'A MAIL/RCPT parameter is `KEYWORD` or `KEYWORD=value` (no spaces, no `=` in the value).', { rfc: 5321, section: '4.1.2' }),
  parameterValue: rule('parameter-value', 'warning', "A known parameter's value follows its extension's syntax (SIZE a number, RET=FULL|HDRS, NOTIFY=NEVER alone, ...).", { rfc: 5321, section: '4.1.1.11' }),
  parameterWrongCommand: rule('parameter-wrong-command', 'warning', 'A parameter defined for RCPT given to MAIL, or the reverse.', { rfc: 5321, section: '4.1.1.11' }),
  parameterUnknown: rule('parameter-unknown', 'info', 'A MAIL/RCPT parameter no registered extension defines (`X-` parameters are local and accepted).', { rfc: 5321, section: '4.1.1.11' }),
};

// esmtp-keyword, then esmtp-value: printable US-ASCII except `=` (RFC 5321 §4.1.2), UTF-8 allowed (RFC 6531 §3.3).
const PARAMETER = /^([A-Za-z0-9][A-Za-z0-9-]*)(?:=([\x21-\x3c\x3e-\x7e\u0080-\uffff]+))?$/;

function checkParameters(transcript: Transcript): Finding[] {
  const findings: Finding[] = [];
  for (const exchange of commandExchanges(transcript, ['MAIL', 'RCPT'])) {
    const found = parsePathArgument(exchange.command).parameters.flatMap((token) => checkParameter(exchange, token));
    if (found.length > 0) findings.push(...unlessNegativeTest(found, exchange, parameterRules.rules));
  }
  return findings;
}

function checkParameter(exchange: CommandExchange, token: ParameterToken): Finding[] {
  if (token.text.includes('{{')) return [];
  const command = exchange.command.verb as ParameterCommand;
  const column = exchange.command.argumentRange.start.character;
  const where = range(exchange.command.line.line, column + token.start, column + token.end);
  const match = PARAMETER.exec(token.text);
  if (!match) {
    return [{
      ruleId: ParameterRules.parameterSyntax.id,
      range: where,
      message: `\`${excerpt(token.text)}\` is not an ESMTP parameter: write \`KEYWORD\` or \`KEYWORD=value\` (letters, digits and \`-\` in the keyword; no \`=\` or space in the value), separated by single spaces (RFC 5321 §4.1.2).`,
    }];
  }
  const [, name, value] = match;
  const shownName = excerpt(name.toUpperCase());
  const spec = lookupMailParameter(command, name);
  if (spec) {
    const problem = spec.validate(value);
    if (problem === undefined) return [];
    return [{ ruleId: ParameterRules.parameterValue.id, range: where, message: `${excerpt(problem, 200)} Syntax: \`${spec.syntax}\`.` }];
  }
  const other: ParameterCommand = command === 'MAIL' ? 'RCPT' : 'MAIL';
  if (lookupMailParameter(other, name)) {
    return [{
      ruleId: ParameterRules.parameterWrongCommand.id,
      range: where,
      message: `${shownName} is a parameter of ${other}, not of ${command}: move it to the ${other === 'MAIL' ? 'MAIL FROM' : 'RCPT TO'} command.`,
    }];
  }
  if (/^X-/i.test(name)) return [];
  return [{
    ruleId: ParameterRules.parameterUnknown.id,
    range: where,
    message: `No registered SMTP extension defines the ${command} parameter ${shownName}; servers that don't know it refuse the command with 555 (RFC 5321 §4.1.1.11). Check the spelling.`,
  }];
}

export const parameterRules: RuleGroup = {
  rules: Object.values(ParameterRules),
  check: checkParameters,
};
