// Characters message content may not carry as declared: raw UTF-8 in header fields needs SMTPUTF8, not just
// BODY=8BITMIME (RFC 6532 §3, RFC 6531 §3.4); NUL is no text octet, even in 8-bit content (RFC 2045 §2.8, RFC 6152
// §2), only in BODY=BINARYMIME sent with BDAT (RFC 3030 §3).
import { range } from '../../../model/ranges';
import type { CommandExchange, Transcript } from '../../../model/types';
import { rule, type Finding, type RuleGroup } from '../rule';
import { messagesOf, type MessageContent, type MessageLine } from './sentMessages';
import { NON_ASCII, NUL, lineHolds } from './contentLineFacts';
import { unlessNegativeTest } from './negativeTests';
import { parsePathArgument } from '../sessionArguments';
import { payloadEndPosition, wholeLineRange } from '../../../model/lineRanges';

export const ContentCharacterRules = {
  headerNeedsSmtputf8: rule('header-needs-smtputf8', 'warning', 'A header field with raw UTF-8 (non-ASCII) text in a transaction whose MAIL declares `BODY=8BITMIME` but not `SMTPUTF8`.', { rfc: 6532, section: '3' }),
  nulInContent: rule('nul-in-content', 'warning', 'A NUL character in a line of message content, which only `BODY=BINARYMIME` (sent with BDAT) may carry.', { rfc: 2045, section: '2.8' }),
};

const RULES = Object.values(ContentCharacterRules);

function checkContentCharacters(transcript: Transcript): Finding[] {
  const findings: Finding[] = [];
  for (const session of transcript.sessions) {
    for (const message of messagesOf(session)) {
      const parameters = mailParameters(message.mail);
      if (!parameters) continue;
      // A message the server is expected to refuse as a whole is a negative test.
      const found = utf8Header(message, parameters);
      const nulFound = nul(message, parameters);
      if (found.length === 0 && nulFound.length === 0) continue;
      for (const finding of nulFound) found.push(finding);
      for (const finding of unlessNegativeTest(found, message.final, RULES, ['550', '554'])) findings.push(finding);
    }
  }
  return findings;
}

/** The MAIL's parameters, upper case; undefined when there is no MAIL or a `{{...}}` parameter may be anything. */
function mailParameters(mail: CommandExchange | undefined): Set<string> | undefined {
  if (!mail) return undefined;
  const tokens = parsePathArgument(mail.command).parameters.map((t) => t.text.toUpperCase());
  return tokens.some((t) => t.includes('{{')) ? undefined : new Set(tokens);
}

/** The first line of the header section (the lines before the first empty one or include) with non-ASCII text. */
function nonAsciiHeaderLine(message: MessageContent): MessageLine | undefined {
  for (let i = 0; i < message.parts.length; i++) {
    const part = message.parts[i];
    if (part.kind !== 'line' || part.text === '') break;
    if (lineHolds(part, NON_ASCII)) return part;
  }
  return undefined;
}

// Without any 8-bit declaration, undeclared-8bit-content already reports the first non-ASCII line.
function utf8Header(message: MessageContent, parameters: Set<string>): Finding[] {
  if (parameters.has('SMTPUTF8') || !(parameters.has('BODY=8BITMIME') || parameters.has('BODY=BINARYMIME'))) return [];
  const line = nonAsciiHeaderLine(message);
  if (!line) return [];
  const mailLine = message.mail!.command.line;
  const end = payloadEndPosition(mailLine);
  return [{
    ruleId: ContentCharacterRules.headerNeedsSmtputf8.id,
    range: wholeLineRange(line.lines[0]),
    message: `This header field holds raw UTF-8, which BODY=8BITMIME does not allow in header fields: the MAIL on line ${mailLine.line + 1} must carry \`SMTPUTF8\` (RFC 6532 §3, RFC 6531 §3.4). Add it, or encode the field (RFC 2047 encoded-words).`,
    fix: { title: 'Add SMTPUTF8 to MAIL FROM', edits: [{ range: { start: end, end }, newText: ' SMTPUTF8' }] },
  }];
}

function nul(message: MessageContent, parameters: Set<string>): Finding[] {
  if (message.via === 'BDAT' && parameters.has('BODY=BINARYMIME')) return [];
  // By index: for-of over a long message's parts kept an iterator result per line.
  for (let i = 0; i < message.parts.length; i++) {
    const part = message.parts[i];
    // The line's text holds a NUL where one of its file lines does (a stuffed dot is no NUL).
    if (part.kind !== 'line' || !lineHolds(part, NUL)) continue;
    for (const line of part.lines) {
      const at = line.text.indexOf('\0');
      if (at < 0) continue;
      const start = line.character + at;
      return [{
        ruleId: ContentCharacterRules.nulInContent.id,
        range: range(line.line, start, start + 1),
        message: 'A NUL character is not text: SMTP content may not carry it, even with BODY=8BITMIME (RFC 2045 §2.8, RFC 6152 §2, RFC 5321 §4.5.2); only BODY=BINARYMIME sent with BDAT may (RFC 3030 §3). Encode the data (base64), or send it as BINARYMIME.',
      }];
    }
  }
  return [];
}

export const contentCharacterRules: RuleGroup = { rules: RULES, check: checkContentCharacters };
