// MAIL FROM / RCPT TO paths (RFC 5321 §4.1.2): `FROM:`/`TO:`, no space after the colon, angle brackets, the mailbox
// grammar, the null path only as a reverse-path, deprecated source routes, and the size limits of §4.5.3.1.
import { SMTP_SIZE_LIMITS } from '../../../knowledge/limits';
import type { Verb } from '../../../knowledge/verbSpec';
import { range } from '../../../model/ranges';
import type { CommandExchange, Range, Transcript } from '../../../model/types';
import { isFixList, rule, type Finding, type RuleGroup } from '../rule';
import { checkMailbox, type AddressProblem } from './addressSyntax';
import { commandExchanges } from './commandExchanges';
import { excerpt } from './excerpt';
import { mayExceedOctets } from './payloadOctets';
import { unlessNegativeTest } from './negativeTests';
import type { PathArgument, WrittenPath } from '../../../dialogue/pathArgument';
import { parsePathArgument } from '../sessionArguments';
import { isPatternArgument } from '../../../model/clientLinePattern';
import { regexLiteral } from '../../../model/replyRegex';
import { argumentStart, wholeLineRange } from '../../../model/lineRanges';

export const PathRules = {
  pathPrefix: rule('path-prefix', 'warning', 'MAIL is followed by `FROM:`, RCPT by `TO:`.', { rfc: 5321, section: '4.1.1.2' }),
  pathSpaceAfterColon: rule('path-space-after-colon', 'warning', 'No space between `FROM:`/`TO:` and the path.', { rfc: 5321, section: '3.3' }),
  pathAngleBrackets: rule('path-angle-brackets', 'warning', 'A path is written in angle brackets: `<user@example.com>`.', { rfc: 5321, section: '4.1.2' }),
  pathSyntax: rule('path-syntax', 'warning', 'A path holds a mailbox `local-part@domain` of valid syntax.', { rfc: 5321, section: '4.1.2' }),
  nullPathInRcpt: rule('null-path-in-rcpt', 'warning', 'The null path `<>` is a reverse-path only: RCPT needs a recipient.', { rfc: 5321, section: '4.1.1.3' }),
  sourceRoute: rule('source-route', 'info', 'Source routes (`<@relay:user@example.com>`) are deprecated.', { rfc: 5321, section: '4.1.1.3' }),
  addressLiteralSyntax: rule('address-literal-syntax', 'warning', 'An address literal is `[IPv4]` or `[IPv6:address]`.', { rfc: 5321, section: '4.1.3' }),
  localPartTooLong: rule('local-part-too-long', 'warning', 'A local part is at most 64 octets.', { rfc: 5321, section: '4.5.3.1.1' }),
  domainTooLong: rule('domain-too-long', 'warning', 'A domain is at most 255 octets.', { rfc: 5321, section: '4.5.3.1.2' }),
  pathTooLong: rule('path-too-long', 'warning', 'A path is at most 256 octets, brackets included.', { rfc: 5321, section: '4.5.3.1.3' }),
};

const MAX_PATH_OCTETS = SMTP_SIZE_LIMITS.path.octets;

function checkPaths(transcript: Transcript): Finding[] {
  const findings: Finding[] = [];
  for (const exchange of commandExchanges(transcript, ['MAIL', 'RCPT'])) {
    const found = checkPathCommand(exchange);
    if (found.length > 0) for (const added of unlessNegativeTest(found, exchange, pathRules.rules).map((f) => routeFixFor(f, exchange))) findings.push(added);
  }
  return findings;
}

/**
 * A server may refuse a source-routed path (RFC 5321 Appendix C): where the transcript expects a refusal, the route
 * may be what the test is about, and removing it could make the server accept. The fix stays, for the user to choose.
 */
function routeFixFor(finding: Finding, exchange: CommandExchange): Finding {
  const code = exchange.reply?.code;
  if (finding.ruleId !== PathRules.sourceRoute.id || !finding.fix || isFixList(finding.fix) || code === undefined || code[0] === '2') return finding;
  return { ...finding, fix: { title: finding.fix.title, edits: finding.fix.edits } };
}

function checkPathCommand(exchange: CommandExchange): Finding[] {
  const { command } = exchange;
  const line = command.line.line;
  const column = argumentStart(command);
  const at = (start: number, end: number) => range(line, column + start, column + end);
  // `MAIL /FROM:<.*@example\.com>/`: the mock's pattern for the whole argument, not an argument.
  if (regexLiteral(command.argument)) return [];
  const parsed = parsePathArgument(command);
  if (parsed.prefixEnd === undefined) return [prefixFinding(command.verb, command.argument, at)];

  const findings: Finding[] = [];
  if (parsed.spacesAfterColon > 0) {
    const spaces = at(parsed.prefixEnd, parsed.prefixEnd + parsed.spacesAfterColon);
    findings.push({
      ruleId: PathRules.pathSpaceAfterColon.id,
      range: spaces,
      message: `Remove the space after \`${parsed.keyword}:\`: RFC 5321 §3.3 allows no space on either side of the colon, and strict servers refuse \`${command.verb} ${parsed.keyword}: <...>\` with 501.`,
      fix: { title: `Remove the space after ${parsed.keyword}:`, edits: [{ range: spaces, newText: '' }], safe: true },
    });
  }
  const path = parsed.path;
  if (!path) {
    findings.push({
      ruleId: PathRules.pathSyntax.id,
      range: wholeLineRange(command.line),
      message: `${command.verb} needs a path after \`${parsed.keyword}:\`: \`${command.verb} ${parsed.keyword}:<user@example.com>\`${command.verb === 'MAIL' ? ' (or `<>` for the null sender)' : ''} (RFC 5321 §4.1.2).`,
    });
    return findings;
  }
  checkWrittenPath(command.verb, parsed, path, at, findings);
  if (parsed.junkAfterPath) {
    findings.push({
      ruleId: PathRules.pathSyntax.id,
      range: at(parsed.junkAfterPath.start, parsed.junkAfterPath.end),
      message: 'Expected a space between the path and its parameters (RFC 5321 §4.1.2: `<path> SP KEYWORD=value`).',
    });
  }
  return findings;
}

type At = (start: number, end: number) => Range;

// RFC 5321 §4.1.2: A-d-l, the obsolete `@relay:` before the mailbox.
const SOURCE_ROUTE = /^@[^:]*:/;
// A bare path is read up to a blank: brackets around it hold the whole address only when it holds no bracket itself
// (`=<a@b>`) and closes every quoted string it opens (`"john doe"@example.com` is cut at its blank).
const WHOLE_BARE_PATH = /^(?:[^"\\<>]|\\.|"(?:[^"\\]|\\.)*")+$/;

/** Adds to `findings` what is wrong with the path as written (no array of its own: this runs for every MAIL and RCPT). */
function checkWrittenPath(verb: Verb | undefined, parsed: PathArgument, path: WrittenPath, at: At, findings: Finding[]): void {
  // A `{{...}}` reference may hold the brackets or the whole address: only its value at replay can tell. A `*` is the
  // mock's pattern (`MAIL FROM:<*>`, `RCPT TO:<*@example.com>`): what it stands for is the client's to send.
  if (path.text.includes('{{') || isPatternArgument(path.text)) return;
  if (!path.closed) {
    findings.push({
      ruleId: PathRules.pathSyntax.id,
      range: at(path.start, path.end),
      message: 'The path opens `<` but never closes it: end it with `>` (RFC 5321 §4.1.2).',
    });
    return;
  }
  if (!path.bracketed) {
    const finding: Finding = {
      ruleId: PathRules.pathAngleBrackets.id,
      range: at(path.start, path.end),
      message: `Write the path in angle brackets: \`${parsed.keyword}:<${excerpt(path.text)}>\` (RFC 5321 §4.1.2). Many servers refuse a bare address with 501.`,
    };
    if (WHOLE_BARE_PATH.test(path.text)) finding.fix = { title: 'Add angle brackets', edits: [{ range: at(path.start, path.end), newText: `<${path.text}>` }], safe: true };
    findings.push(finding);
  }
  if (path.inner === '') {
    if (verb === 'RCPT') {
      findings.push({
        ruleId: PathRules.nullPathInRcpt.id,
        range: at(path.start, path.end),
        message: 'The null path `<>` names no recipient: it is only a reverse-path (`MAIL FROM:<>`, RFC 5321 §4.1.1.3). Write the recipient\'s address.',
      });
    }
    return;
  }
  let mailboxStart = path.innerStart;
  const route = path.inner.startsWith('@') ? SOURCE_ROUTE.exec(path.inner) : null;
  if (route) {
    const routeRange = at(path.innerStart, path.innerStart + route[0].length);
    mailboxStart += route[0].length;
    findings.push({
      ruleId: PathRules.sourceRoute.id,
      range: routeRange,
      message: 'Source routes are deprecated: servers ignore them and clients should not send them (RFC 5321 §4.1.1.3, Appendix C). Give only the mailbox.',
      fix: { title: 'Remove the source route', edits: [{ range: routeRange, newText: '' }], safe: true },
    });
  }
  const mailbox = path.inner.slice(mailboxStart - path.innerStart);
  // `RCPT TO:<Postmaster>` needs no domain (RFC 5321 §4.1.1.3).
  if (!(verb === 'RCPT' && mailbox.length === 10 && /^postmaster$/i.test(mailbox))) {
    const problems = checkMailbox(mailbox);
    for (let i = 0; i < problems.length; i++) findings.push(addressFinding(problems[i], mailboxStart, at));
  }
  // Brackets a bare path would need count too; most paths are too short to be measured at all.
  const brackets = path.bracketed ? 0 : 2;
  const octets = mayExceedOctets(path.text, MAX_PATH_OCTETS - brackets) ? Buffer.byteLength(path.text, 'utf8') + brackets : 0;
  if (octets > MAX_PATH_OCTETS) {
    findings.push({
      ruleId: PathRules.pathTooLong.id,
      range: at(path.start, path.end),
      message: `The path takes ${octets} octets with its brackets; servers need accept only 256 (RFC 5321 §4.5.3.1.3). Shorten the address.`,
    });
  }
}

export function addressFinding(problem: AddressProblem, offset: number, at: At): Finding {
  const where = at(offset + problem.start, offset + problem.end);
  const finding: Finding = { ruleId: problem.rule, range: where, message: problem.message };
  if (problem.replacement !== undefined) {
    finding.fix = { title: `Write ${problem.replacement}`, edits: [{ range: where, newText: problem.replacement }] };
  }
  return finding;
}

function prefixFinding(verb: Verb | undefined, argument: string, at: At): Finding {
  const keyword = verb === 'MAIL' ? 'FROM' : 'TO';
  const message = `${verb} takes \`${keyword}:\` and then the path: \`${verb} ${keyword}:<user@example.com>\` (RFC 5321 §${verb === 'MAIL' ? '4.1.1.2' : '4.1.1.3'}).`;
  const whole = at(0, argument.length);
  // The keyword, then its colon, a blank or the path's `<`: `FROM=<a>` and `FROMAGE:<a>` name no keyword to fix.
  const misspelled = new RegExp(`^${keyword}(?:\\s*:\\s*|\\s+|(?=<))(?=\\S)`, 'i').exec(argument);
  if (misspelled) {
    const edit = { range: at(0, misspelled[0].length), newText: `${argument.slice(0, keyword.length)}:` };
    return { ruleId: PathRules.pathPrefix.id, range: whole, message, fix: { title: `Write ${keyword}:`, edits: [edit], safe: true } };
  }
  if (argument.startsWith('<')) {
    const edit = { range: at(0, 0), newText: `${keyword}:` };
    return { ruleId: PathRules.pathPrefix.id, range: whole, message, fix: { title: `Insert ${keyword}:`, edits: [edit], safe: true } };
  }
  return { ruleId: PathRules.pathPrefix.id, range: argument === '' ? at(0, 0) : whole, message };
}

export const pathRules: RuleGroup = {
  rules: Object.values(PathRules),
  check: checkPaths,
};
