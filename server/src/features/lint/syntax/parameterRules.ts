// MAIL/RCPT ESMTP parameters (RFC 5321 §4.1.2 `esmtp-param`): `KEYWORD[=value]`, each known parameter's value checked
// by the knowledge table's validator, parameters given to the wrong command, and unknown ones (gently).
import { lookupMailParameter, type ParameterCommand } from '../../../knowledge/mailParameters';
import { range } from '../../../model/ranges';
import type { Transcript } from '../../../model/types';
import { rule, type Finding, type RuleGroup } from '../rule';
import type { RuleId } from '../ruleIds';
import { commandExchanges } from './commandExchanges';
import { excerpt } from './excerpt';
import { unlessNegativeTest } from './negativeTests';
import { parsePathArgument } from '../sessionArguments';
import { detachedCopy } from '../textScan';
import { argumentStart } from '../../../model/lineRanges';
import { isPatternArgument } from '../../../model/clientLinePattern';

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
    const found: Finding[] = [];
    for (const token of parsePathArgument(exchange.command).parameters) {
      const problem = checkParameter(exchange.command.verb as ParameterCommand, token.text);
      if (!problem) continue;
      const column = argumentStart(exchange.command);
      found.push({ ruleId: problem.ruleId, range: range(exchange.command.line.line, column + token.start, column + token.end), message: problem.message });
    }
    if (found.length > 0) for (const added of unlessNegativeTest(found, exchange, parameterRules.rules)) findings.push(added);
  }
  return findings;
}

interface ParameterProblem {
  ruleId: RuleId;
  message: string;
}

// What is wrong with a parameter depends on its command and text alone, and files repeat the same few
// (`SIZE=512`, `BODY=8BITMIME`): each is judged once. Bounded, for a generated file of many distinct values.
// Kept as null when nothing is wrong: one lookup tells a judged parameter from a new one.
const JUDGED = { MAIL: new Map<string, ParameterProblem | null>(), RCPT: new Map<string, ParameterProblem | null>() };
const MAX_JUDGED = 2000;

function checkParameter(command: ParameterCommand, text: string): ParameterProblem | undefined {
  // A `*` or `/regex/` is the mock's pattern (`C: MAIL FROM:<*> *`, any parameters), as in a path or a HELO name:
  // what it stands for is the client's to send.
  if (text.includes('{{') || isPatternArgument(text)) return undefined;
  const judged = JUDGED[command];
  const known = judged.get(text);
  if (known !== undefined) return known ?? undefined;
  if (judged.size >= MAX_JUDGED) return judgeParameter(command, text);
  const own = detachedCopy(text);
  const problem = judgeParameter(command, own);
  judged.set(own, problem ?? null);
  return problem;
}

function judgeParameter(command: ParameterCommand, text: string): ParameterProblem | undefined {
  const match = PARAMETER.exec(text);
  if (!match) {
    return {
      ruleId: ParameterRules.parameterSyntax.id,
      message: `\`${excerpt(text)}\` is not an ESMTP parameter: write \`KEYWORD\` or \`KEYWORD=value\` (letters, digits and \`-\` in the keyword; no \`=\` or space in the value), separated by single spaces (RFC 5321 §4.1.2).`,
    };
  }
  const [, name, value] = match;
  const shownName = excerpt(name.toUpperCase());
  const spec = lookupMailParameter(command, name);
  if (spec) {
    const problem = spec.validate(value);
    if (problem === undefined) return undefined;
    return { ruleId: ParameterRules.parameterValue.id, message: `${excerpt(problem, 200)} Syntax: \`${spec.syntax}\`.` };
  }
  const other: ParameterCommand = command === 'MAIL' ? 'RCPT' : 'MAIL';
  if (lookupMailParameter(other, name)) {
    return {
      ruleId: ParameterRules.parameterWrongCommand.id,
      message: `${shownName} is a parameter of ${other}, not of ${command}: move it to the ${other === 'MAIL' ? 'MAIL FROM' : 'RCPT TO'} command.`,
    };
  }
  if (/^X-/i.test(name)) return undefined;
  return {
    ruleId: ParameterRules.parameterUnknown.id,
    message: `No registered SMTP extension defines the ${command} parameter ${shownName}; servers that don't know it refuse the command with 555 (RFC 5321 §4.1.1.11). Check the spelling.`,
  };
}

export const parameterRules: RuleGroup = {
  rules: Object.values(ParameterRules),
  check: checkParameters,
};
