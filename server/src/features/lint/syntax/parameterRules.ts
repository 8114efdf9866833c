// MAIL/RCPT ESMTP parameters (RFC 5321 §4.1.2 `esmtp-param`): `KEYWORD[=value]`, each known parameter's value checked
// by the knowledge table's validator, parameters given to the wrong command, and unknown ones (gently).
import { lookupMailParameter, type ParameterCommand } from '../../../knowledge/mailParameters';
import { range } from '../../../model/ranges';
import type { CommandExchange, Transcript } from '../../../model/types';
import type { Finding, RuleGroup, RuleSpec } from '../rule';
import { commandExchanges } from './commandExchanges';
import { excerpt } from './excerpt';
import { unlessNegativeTest } from './negativeTests';
import { parsePathArgument, type ParameterToken } from './pathArgument';

export const PARAMETER_SYNTAX: RuleSpec = {
  id: 'parameter-syntax',
  defaultSeverity: 'warning',
  description: 'A MAIL/RCPT parameter is `KEYWORD` or `KEYWORD=value` (no spaces, no `=` in the value).',
  rfc: { rfc: 5321, section: '4.1.2' },
};
export const PARAMETER_VALUE: RuleSpec = {
  id: 'parameter-value',
  defaultSeverity: 'warning',
  description: "A known parameter's value follows its extension's syntax (SIZE a number, RET=FULL|HDRS, NOTIFY=NEVER alone, ...).",
  rfc: { rfc: 5321, section: '4.1.1.11' },
};
export const PARAMETER_WRONG_COMMAND: RuleSpec = {
  id: 'parameter-wrong-command',
  defaultSeverity: 'warning',
  description: 'A parameter defined for RCPT given to MAIL, or the reverse.',
  rfc: { rfc: 5321, section: '4.1.1.11' },
};
export const PARAMETER_UNKNOWN: RuleSpec = {
  id: 'parameter-unknown',
  defaultSeverity: 'info',
  description: 'A MAIL/RCPT parameter no registered extension defines (`X-` parameters are local and accepted).',
  rfc: { rfc: 5321, section: '4.1.1.11' },
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
      ruleId: PARAMETER_SYNTAX.id,
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
    return [{ ruleId: PARAMETER_VALUE.id, range: where, message: `${excerpt(problem, 200)} Syntax: \`${spec.syntax}\`.` }];
  }
  const other: ParameterCommand = command === 'MAIL' ? 'RCPT' : 'MAIL';
  if (lookupMailParameter(other, name)) {
    return [{
      ruleId: PARAMETER_WRONG_COMMAND.id,
      range: where,
      message: `${shownName} is a parameter of ${other}, not of ${command}: move it to the ${other === 'MAIL' ? 'MAIL FROM' : 'RCPT TO'} command.`,
    }];
  }
  if (/^X-/i.test(name)) return [];
  return [{
    ruleId: PARAMETER_UNKNOWN.id,
    range: where,
    message: `No registered SMTP extension defines the ${command} parameter ${shownName}; servers that don't know it refuse the command with 555 (RFC 5321 §4.1.1.11). Check the spelling.`,
  }];
}

export const parameterRules: RuleGroup = {
  rules: [PARAMETER_SYNTAX, PARAMETER_VALUE, PARAMETER_WRONG_COMMAND, PARAMETER_UNKNOWN],
  check: checkParameters,
};
