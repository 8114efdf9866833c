// Command lines on their own: known verbs in upper case, arguments where the verb takes them (and none where it takes
// none), the HELO/EHLO domain, and the command line limit.
import { SMTP_SIZE_LIMITS } from '../../../knowledge/limits';
import { suggestVerb, VERB_SPECS } from '../../../knowledge/verbs';
import { isAuthDialogueExchange } from '../../../model/dialogueEvents';
import { range } from '../../../model/ranges';
import type { CommandExchange, Transcript } from '../../../model/types';
import { rule, type Finding, type RuleGroup } from '../rule';
import { checkDomain, checkDomainOrLiteral } from './addressSyntax';
import { excerpt } from './excerpt';
import { unlessNegativeTest } from './negativeTests';
import { parsePathArgument } from '../sessionArguments';
import { isPatternArgument } from '../../../model/clientLinePattern';
import { addressFinding } from './pathRules';
import { mayExceed, wireLineOctets } from './payloadOctets';
import { argumentRange, argumentStart, payloadEnd, verbEnd, verbRange, wholeLineRange } from '../../../model/lineRanges';

export const CommandRules = {
  unknownVerb: rule('unknown-verb', 'warning', 'A command verb no SMTP specification defines (`X` verbs are local extensions and accepted).', { rfc: 5321, section: '4.1.1' }),
  lowercaseVerb: rule('lowercase-verb', 'hint', 'Verbs are case-insensitive, but written in upper case by convention.', { rfc: 5321, section: '2.4' }),
  heloInsteadOfEhlo: rule('helo-instead-of-ehlo', 'hint', 'HELO opens a session without extensions; clients should send EHLO.', { rfc: 5321, section: '4.1.1.1' }),
  heloArgument: rule('helo-argument', 'warning', "HELO and EHLO name the client: one domain or address literal.", { rfc: 5321, section: '4.1.1.1' }),
  missingArgument: rule('missing-argument', 'warning', 'A command that needs an argument (VRFY, EXPN, AUTH, ETRN, ...) is sent without one.', { rfc: 5321, section: '4.1.1' }),
  unexpectedArgument: rule('unexpected-argument', 'warning', 'DATA, RSET, QUIT, STARTTLS and TURN take no argument.', { rfc: 5321, section: '4.1.1' }),
  etrnArgument: rule('etrn-argument', 'warning', 'ETRN takes one node name: a domain, `@domain` (the domain and its subdomains) or `#queue`.', { rfc: 1985, section: '5' }),
  commandWhitespace: rule('command-whitespace', 'warning', 'A command line that starts with a space or tab after `C: `, or separates the verb from its argument with a tab.', { rfc: 5321, section: '4.1.1' }),
  commandLineTooLong: rule('command-line-too-long', 'warning', 'A command line is at most 512 octets, CRLF included (ESMTP parameters may extend it).', { rfc: 5321, section: '4.5.3.1.4' }),
};

const WHITE_SPACE = /\s/;

// Verbs whose arguments other rules check in detail (paths, BDAT sizes framed by the parser).
const ARGUMENTS_CHECKED_ELSEWHERE = new Set(['MAIL', 'RCPT', 'BDAT', 'HELO', 'EHLO']);

function checkCommands(transcript: Transcript): Finding[] {
  const findings: Finding[] = [];
  for (const session of transcript.sessions) {
    // After AUTH (or an answer to its 334), lines that are no command may be further answers: credentials.
    let afterAuth = false;
    for (const exchange of session.exchanges) {
      if (exchange.kind === 'command') {
        const found = checkCommand(exchange, afterAuth);
        if (found.length > 0) for (const added of unlessNegativeTest(found, exchange, commandRules.rules)) findings.push(added);
      }
      afterAuth = isAuthLine(exchange) || (afterAuth && exchange.kind === 'command' && exchange.command.verb === undefined);
    }
  }
  return findings;
}

const isAuthLine = isAuthDialogueExchange;

function checkCommand(exchange: CommandExchange, afterAuth: boolean): Finding[] {
  const { command } = exchange;
  // An empty `C:` line is reported by the parser; a verb from a `{{...}}` reference is known only at replay.
  if (command.verbText === '' || command.verbText.includes('{{')) return [];
  const findings = whitespace(exchange);
  addAll(findings, lineLength(exchange));
  const spec = command.verb && VERB_SPECS[command.verb];
  if (!spec) {
    addAll(findings, unknownVerb(exchange, afterAuth));
    return findings;
  }
  const verb = spec.verb;
  if (command.verbText !== verb) {
    findings.push({
      ruleId: CommandRules.lowercaseVerb.id,
      range: verbRange(command),
      message: `Write the verb in upper case: \`${verb}\` (verbs are case-insensitive, RFC 5321 §2.4, but upper case is the convention servers and readers expect).`,
      fix: { title: `Write ${verb}`, edits: [{ range: verbRange(command), newText: verb }], safe: true },
    });
  }
  if (verb === 'HELO') {
    findings.push({
      ruleId: CommandRules.heloInsteadOfEhlo.id,
      range: verbRange(command),
      message: 'HELO opens a session without service extensions (no STARTTLS, AUTH, SIZE, PIPELINING, ...): send EHLO unless the test is about HELO (RFC 5321 §4.1.1.1, Appendix F.3).',
      fix: { title: 'Send EHLO', edits: [{ range: verbRange(command), newText: command.verbText === 'helo' ? 'ehlo' : 'EHLO' }] },
    });
  }
  const argument = command.argument.trim();
  if (verb === 'HELO' || verb === 'EHLO') addAll(findings, heloArgument(exchange));
  else if (verb === 'ETRN' && argument !== '') addAll(findings, etrnArgument(exchange));
  else if (spec.argumentPresence === 'forbidden' && argument !== '') {
    const extra = range(command.line.line, verbEnd(command), payloadEnd(command.line));
    findings.push({
      ruleId: CommandRules.unexpectedArgument.id,
      range: argumentRange(command),
      message: `${verb} takes no argument (\`${spec.syntax}\`); servers refuse \`${verb} ${excerpt(argument)}\` with 501. Remove it.`,
      fix: { title: 'Remove the argument', edits: [{ range: extra, newText: '' }] },
    });
  } else if (spec.argumentPresence === 'required' && argument === '' && !ARGUMENTS_CHECKED_ELSEWHERE.has(verb)) {
    findings.push({
      ruleId: CommandRules.missingArgument.id,
      range: wholeLineRange(command.line),
      message: `${verb} needs an argument: \`${spec.syntax}\`.`,
    });
  }
  return findings;
}

// A loop, not a spread: every command of a file is checked on each lint, and most add nothing.
function addAll(findings: Finding[], found: readonly Finding[]): void {
  for (let i = 0; i < found.length; i++) findings.push(found[i]);
}

function unknownVerb(exchange: CommandExchange, afterAuth: boolean): Finding[] {
  const { command } = exchange;
  // RFC 5321 §4.1.5: verbs starting with X are local extensions.
  if (/^X/i.test(command.verbText)) return [];
  if (afterAuth) {
    // Most likely an AUTH answer whose 334 is not written: credentials, so the line is not quoted.
    return [{
      ruleId: CommandRules.unknownVerb.id,
      range: verbRange(command),
      message: 'This line follows AUTH but no `S: 334 ...` challenge stands between, so it is read as a command, and no SMTP command is called that. If it answers the server\'s challenge, write the 334 reply above it (RFC 4954 §4).',
    }];
  }
  // A did-you-mean only makes sense for a word of a verb's length (and stays cheap on a pathological line).
  const suggestion = command.verbText.length <= 12 ? suggestVerb(command.verbText.toUpperCase()) : undefined;
  const finding: Finding = {
    ruleId: CommandRules.unknownVerb.id,
    range: verbRange(command),
    message: `\`${excerpt(command.verbText)}\` is not an SMTP command${suggestion ? `: did you mean \`${suggestion}\`?` : '.'} Servers answer unknown commands with 500 (RFC 5321 §4.2.4); a local extension starts with X.`,
  };
  if (suggestion) finding.fix = { title: `Change to ${suggestion}`, edits: [{ range: verbRange(command), newText: suggestion }] };
  return [finding];
}

/** RFC 5321 §4.1.1: `VERB SP argument`. What else is written is sent as it stands. */
function whitespace(exchange: CommandExchange): Finding[] {
  const { command } = exchange;
  const payload = command.line;
  const findings: Finding[] = [];
  const line = command.line.line;
  const leading = command.verbStart - payload.character;
  if (leading > 0) {
    const extra = range(line, payload.character, command.verbStart);
    const what = payload.text[0] === '\t' ? 'a tab' : 'a space';
    findings.push({
      ruleId: CommandRules.commandWhitespace.id,
      range: extra,
      message: `The command starts with ${what}: write exactly one space after \`C:\`. Everything after it is sent, and servers that read \` ${command.verbText.toUpperCase()}\` as an unknown command answer 500 (RFC 5321 §4.1.1).`,
      fix: { title: 'Remove the space before the verb', edits: [{ range: extra, newText: '' }], safe: true },
    });
  }
  const afterVerb = verbEnd(command);
  if (payload.text[afterVerb - payload.character] === '\t') {
    const tab = range(line, afterVerb, afterVerb + 1);
    findings.push({
      ruleId: CommandRules.commandWhitespace.id,
      range: tab,
      message: `Separate the verb from its argument with a space, not a tab: \`${command.verbText.toUpperCase()} argument\` (RFC 5321 §4.1.1); servers that split on spaces read \`${command.verbText.toUpperCase()}<TAB>...\` as an unknown command.`,
      fix: { title: 'Replace the tab with a space', edits: [{ range: tab, newText: ' ' }], safe: true },
    });
  }
  return findings;
}

function heloArgument(exchange: CommandExchange): Finding[] {
  const { command } = exchange;
  const argument = command.argument;
  if (argument.includes('{{') || isPatternArgument(argument)) return [];
  if (argument.trim() === '') {
    return [{
      ruleId: CommandRules.heloArgument.id,
      range: wholeLineRange(command.line),
      message: `${command.verb} names the client: \`${command.verb} client.example.com\`, or an address literal such as \`[192.0.2.1]\` (RFC 5321 §4.1.1.1).`,
    }];
  }
  if (WHITE_SPACE.test(argument)) {
    return [{
      ruleId: CommandRules.heloArgument.id,
      range: argumentRange(command),
      message: `${command.verb} takes one domain or address literal and nothing after it (RFC 5321 §4.1.1.1): \`${command.verb} ${excerpt(argument.trim().split(/\s+/)[0])}\`.`,
    }];
  }
  const column = argumentStart(command);
  const at = (start: number, end: number) => range(command.line.line, column + start, column + end);
  return checkDomainOrLiteral(argument).map((problem) => {
    const finding = addressFinding(problem, 0, at);
    return problem.rule === 'path-syntax' ? { ...finding, ruleId: CommandRules.heloArgument.id } : finding;
  });
}

// RFC 1985 §5: `"ETRN" SP [option-character] node-name`, option-character "@" (subdomains too) or "#" (a queue name
// of the server's choosing, not a domain).
function etrnArgument(exchange: CommandExchange): Finding[] {
  const { command } = exchange;
  const argument = command.argument.trim();
  if (argument.includes('{{')) return [];
  const name = argument.replace(/^[@#]/, '');
  const problem = WHITE_SPACE.test(argument)
    ? 'one node name and nothing after it'
    : name === ''
      ? 'a node name after the option character'
      : argument.startsWith('#') || checkDomain(name).length === 0
        ? undefined
        : 'a domain as the node name';
  if (!problem) return [];
  return [{
    ruleId: CommandRules.etrnArgument.id,
    range: argumentRange(command),
    message: `ETRN takes ${problem} (RFC 1985 §5): \`ETRN example.org\`, \`ETRN @example.org\` for its subdomains too, or \`ETRN #queue\`; servers refuse others with 501.`,
  }];
}

function lineLength(exchange: CommandExchange): Finding[] {
  const { command } = exchange;
  const limit = SMTP_SIZE_LIMITS.commandLine.octets;
  if (!mayExceed(command.line, limit)) return [];
  // Each ESMTP parameter's extension may raise the limit (RFC 5321 §4.5.3.1.4), so MAIL/RCPT are measured without them.
  const parameters = command.verb === 'MAIL' || command.verb === 'RCPT' ? parsePathArgument(command).parameters : [];
  const measuredEnd = parameters.length > 0 ? argumentStart(command) + parameters[0].start : undefined;
  const octets = wireLineOctets(command.line, measuredEnd);
  if (octets <= limit) return [];
  return [{
    ruleId: CommandRules.commandLineTooLong.id,
    range: wholeLineRange(command.line),
    message: `This command line takes ${octets} octets with its CRLF; servers need accept only ${limit} (RFC 5321 §4.5.3.1.4) and may refuse it with 500. Shorten it.`,
  }];
}

export const commandRules: RuleGroup = {
  rules: Object.values(CommandRules),
  check: checkCommands,
};
