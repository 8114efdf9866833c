// Message content on the wire: dot-stuffing (RFC 5321 §4.5.2), text line length (§4.5.3.1.6), 8-bit content without
// BODY=8BITMIME or SMTPUTF8 (RFC 6152 §3), a declared SIZE smaller than the message (RFC 1870 §6), and `BDAT *`.
import { CRLF_OCTETS, stuffedDots } from '../../../dialogue/framing';
import { SMTP_SIZE_LIMITS } from '../../../knowledge/limits';
import { range } from '../../../model/ranges';
import type { BdatExchange, CommandExchange, Transcript } from '../../../model/types';
import { rule, type Finding, type RuleGroup } from '../rule';
import { excerpt } from './excerpt';
import { messagesOf, type MessageContent, type MessageLine, type MessagePart } from './sentMessages';
import { NON_ASCII, lineHolds } from './contentLineFacts';
import { unlessNegativeTest } from './negativeTests';
import type { ParameterToken } from '../../../dialogue/pathArgument';
import { parsePathArgument } from '../sessionArguments';
import { argumentStart, payloadEnd, payloadEndPosition, wholeLineRange } from '../../../model/lineRanges';

export const MessageRules = {
  dotNotStuffed: rule('dot-not-stuffed', 'warning', 'A DATA content line starting with `.` is written dot-stuffed (`..`), as it is sent.', { rfc: 5321, section: '4.5.2' }),
  textLineTooLong: rule('text-line-too-long', 'warning', 'A line of message content is at most 1000 octets, CRLF included.', { rfc: 5321, section: '4.5.3.1.6' }),
  undeclared8bitContent: rule('undeclared-8bit-content', 'warning', 'Non-ASCII message content needs `BODY=8BITMIME` (or SMTPUTF8) on the MAIL command.', { rfc: 6152, section: '3' }),
  declaredSizeTooSmall: rule('declared-size-too-small', 'warning', "The MAIL command's `SIZE=` is smaller than the message sent.", { rfc: 1870, section: '6' }),
  bdatComputedSize: rule('bdat-computed-size', 'info', '`BDAT *` has its octet count computed when the transcript is sent.', { rfc: 3030, section: '2' }),
};

const RULES = Object.values(MessageRules);
// The MAIL parameters that change what content may hold, built once rather than for each message.
const BINARY_BODY = /^BODY=BINARYMIME$/i;
const EIGHT_BIT_DECLARED = /^(BODY=(8BITMIME|BINARYMIME)|SMTPUTF8)$/i;

function checkMessages(transcript: Transcript): Finding[] {
  const findings: Finding[] = [];
  for (const session of transcript.sessions) {
    for (const message of messagesOf(session)) {
      const parameters = mailParameters(message.mail);
      addAll(findings, dotStuffing(message));
      addAll(findings, lineLengths(message, parameters));
      // A message the server is expected to refuse as a whole (554, 550 5.6.x, 552) is a negative test.
      const eightBitFound = eightBit(message, parameters);
      if (eightBitFound.length > 0) addAll(findings, unlessNegativeTest(eightBitFound, message.final, RULES, ['550', '554']));
      const sizeFound = declaredSize(message, parameters);
      if (sizeFound.length > 0) addAll(findings, unlessNegativeTest(sizeFound, message.final, RULES, ['552', '554']));
    }
    for (const exchange of session.exchanges) {
      if (exchange.kind === 'bdat' && exchange.declaredSize === '*') findings.push(computedSize(exchange));
    }
  }
  return findings;
}

// Loops, not spreads: every message of a file is checked on each lint, and most add nothing.
function addAll(findings: Finding[], found: readonly Finding[]): void {
  for (let i = 0; i < found.length; i++) findings.push(found[i]);
}

interface MailParameters {
  mail: CommandExchange;
  tokens: ParameterToken[];
  /** A parameter is a `{{...}}` reference: any of them may be there. */
  unknown: boolean;
}

function mailParameters(mail: CommandExchange | undefined): MailParameters | undefined {
  if (!mail) return undefined;
  const tokens = parsePathArgument(mail.command).parameters;
  return { mail, tokens, unknown: tokens.some((t) => t.text.includes('{{')) };
}

const hasParameter = (parameters: MailParameters | undefined, pattern: RegExp): boolean =>
  parameters?.tokens.some((t) => pattern.test(t.text)) ?? false;

// Loops by index rather than flatMap or for-of: these look at every content line of the file, and nearly all are fine
// (for-of over a message's parts kept an iterator result per line in V8's optimized code: megabytes per lint).
function dotStuffing(message: MessageContent): Finding[] {
  const findings: Finding[] = [];
  if (message.via !== 'DATA') return findings;
  for (let i = 0; i < message.parts.length; i++) {
    const part = message.parts[i];
    if (part.kind !== 'line' || !part.text.startsWith('.') || stuffedDots(part.lines[0].text) === 1) continue;
    const start = part.lines[0];
    const at = range(start.line, start.character, start.character + 1);
    findings.push({
      ruleId: MessageRules.dotNotStuffed.id,
      range: at,
      message: `The server removes the first dot of a content line that starts with \`.\`, so it receives \`${excerpt(part.text.slice(1))}\`: write the wire form dot-stuffed, \`C: .${excerpt(part.text)}\` (RFC 5321 §4.5.2).`,
      fix: { title: 'Stuff the dot', edits: [{ range: range(start.line, start.character, start.character), newText: '.' }], safe: true },
    });
  }
  return findings;
}

function lineLengths(message: MessageContent, parameters: MailParameters | undefined): Finding[] {
  // Binary content has no lines (RFC 3030 §3).
  if (hasParameter(parameters, BINARY_BODY)) return [];
  const limit = SMTP_SIZE_LIMITS.textLine.octets;
  const findings: Finding[] = [];
  for (let i = 0; i < message.parts.length; i++) {
    const part = message.parts[i];
    if (part.kind !== 'line') continue;
    const octets = part.octets + CRLF_OCTETS;
    if (octets <= limit) continue;
    findings.push({
      ruleId: MessageRules.textLineTooLong.id,
      range: wholeLineRange(part.lines[0]),
      message: `This content line takes ${octets} octets with its CRLF; SMTP allows ${limit} (RFC 5321 §4.5.3.1.6). Wrap it, or use a transfer encoding such as quoted-printable or base64 (RFC 2045 §6).`,
    });
  }
  return findings;
}

function eightBit(message: MessageContent, parameters: MailParameters | undefined): Finding[] {
  if (!parameters || parameters.unknown) return [];
  if (hasParameter(parameters, EIGHT_BIT_DECLARED)) return [];
  const line = firstNonAscii(message.parts);
  if (!line) return [];
  const mailLine = parameters.mail.command.line;
  // Raw UTF-8 in a header field needs SMTPUTF8 (RFC 6532 §3), which also covers the body: one fix, not two.
  if (inHeaderSection(message, line)) {
    const end = payloadEndPosition(mailLine);
    return [{
      ruleId: MessageRules.undeclared8bitContent.id,
      range: wholeLineRange(line.lines[0]),
      message: `This header field holds raw UTF-8, but the MAIL command on line ${mailLine.line + 1} declares neither \`SMTPUTF8\` nor \`BODY=8BITMIME\`: UTF-8 header fields need \`SMTPUTF8\` (RFC 6532 §3, RFC 6531 §3.4). Add it, or encode the field (RFC 2047 encoded-words).`,
      fix: { title: 'Add SMTPUTF8 to MAIL FROM', edits: [{ range: { start: end, end }, newText: ' SMTPUTF8' }] },
    }];
  }
  const body = parameters.tokens.find((t) => /^BODY=/i.test(t.text));
  const column = argumentStart(parameters.mail.command);
  const edit = body
    ? { range: range(mailLine.line, column + body.start, column + body.end), newText: 'BODY=8BITMIME' }
    : { range: range(mailLine.line, payloadEnd(mailLine), payloadEnd(mailLine)), newText: ' BODY=8BITMIME' };
  return [{
    ruleId: MessageRules.undeclared8bitContent.id,
    range: wholeLineRange(line.lines[0]),
    message: `This content line holds non-ASCII characters, but the MAIL command on line ${mailLine.line + 1} declares neither \`BODY=8BITMIME\` nor \`SMTPUTF8\`: SMTP content is 7-bit unless declared (RFC 6152 §3, RFC 5321 §2.4). Add \`BODY=8BITMIME\`, or encode the content (quoted-printable, base64).`,
    fix: { title: 'Declare BODY=8BITMIME on MAIL', edits: [edit] },
  }];
}

function firstNonAscii(parts: MessagePart[]): MessageLine | undefined {
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.kind === 'line' && lineHolds(part, NON_ASCII)) return part;
  }
  return undefined;
}

/** The line stands before the message's first empty line. */
function inHeaderSection(message: MessageContent, line: MessageLine): boolean {
  for (let i = 0; i < message.parts.length; i++) {
    const part = message.parts[i];
    if (part === line) return true;
    if (part.kind === 'line' && part.text === '') return false;
  }
  return false;
}

function declaredSize(message: MessageContent, parameters: MailParameters | undefined): Finding[] {
  const token = parameters?.tokens.find((t) => /^SIZE=\d+$/i.test(t.text));
  if (!parameters || !token) return [];
  const declared = Number(token.text.slice('SIZE='.length));
  if (message.minimumOctets <= declared) return [];
  const mailLine = parameters.mail.command.line.line;
  const column = argumentStart(parameters.mail.command);
  const where = range(mailLine, column + token.start, column + token.end);
  const finding: Finding = {
    ruleId: MessageRules.declaredSizeTooSmall.id,
    range: where,
    message: `SIZE=${declared} declares fewer octets than the message holds (${message.exactSize ? '' : 'at least '}${message.minimumOctets}, counting each line's CRLF, RFC 1870 §6); a server may refuse the message with 552. Declare the real size${message.exactSize ? '' : ' or more'}.`,
  };
  if (message.exactSize) {
    finding.fix = { title: `Declare SIZE=${message.minimumOctets}`, edits: [{ range: where, newText: `SIZE=${message.minimumOctets}` }] };
  }
  return [finding];
}

function computedSize(exchange: BdatExchange): Finding {
  const start = argumentStart(exchange.command);
  return {
    ruleId: MessageRules.bdatComputedSize.id,
    range: range(exchange.command.line.line, start, start + 1),
    message: "`BDAT *` is a transcript shorthand: the chunk's octet count is computed when the transcript is sent and runs to the next `S:` line (RFC 3030 §2 puts the real count on the wire).",
  };
}

export const messageRules: RuleGroup = { rules: RULES, check: checkMessages };
