// The header section of a message (RFC 5322 §2.2, §3.6): `Name: value` lines (folded lines start with a space or tab)
// up to the first empty line, and the fields every message must carry (Date, From).
import { range } from '../../../model/ranges';
import type { Exchange, Range, Transcript } from '../../../model/types';
import { rule, type Finding, type RuleGroup, type RuleSpec } from '../rule';
import { fieldNameLength } from '../../messageSections';
import { startsWithBlank, startsWithIgnoringCase } from '../textScan';
import { envelopeArgumentsOf } from '../sessionArguments';
import { excerpt } from './excerpt';
import { unlessNegativeTest } from './negativeTests';
import { messagesOf, type MessageContent, type MessageLine } from './sentMessages';
import { wholeLineRange } from '../../../model/lineRanges';
import { stuffedDots } from '../../../dialogue/framing';
import { contentLineEdits } from './chunkedContent';
import { exchangeStartLine } from '../../../model/exchangeRange';

export const HeaderRules = {
  headerSyntax: rule('header-syntax', 'warning', 'Before the first empty line, every message line is a header field `Name: value` or folds the one above.', { rfc: 5322, section: '2.2' }),
  // One rule per field RFC 5322 §3.6 requires (the fields knowledge/headers.ts marks `required`).
  missingDateHeader: missingHeaderRule('Date'),
  missingFromHeader: missingHeaderRule('From'),
};

/** `missing-date-header` for `Date`. */
function missingHeaderRule<const Field extends string>(field: Field): RuleSpec<`missing-${Lowercase<Field>}-header`> {
  const id = `missing-${field.toLowerCase() as Lowercase<Field>}-header` as const;
  return rule(id, 'warning', `The message has no \`${field}:\` header field, which every message must carry.`, { rfc: 5322, section: '3.6' });
}

/** Each required field and the rule that reports its absence. */
const MISSING_HEADER_RULES: ReadonlyMap<string, RuleSpec> = new Map<string, RuleSpec>([
  ['Date', HeaderRules.missingDateHeader],
  ['From', HeaderRules.missingFromHeader],
]);

const REQUIRED_FIELDS = [...MISSING_HEADER_RULES];

/** The bit of the required field whose name `text` starts with (`length` characters of printable ASCII), else 0. */
function requiredFieldBit(text: string, length: number): number {
  for (let i = 0; i < REQUIRED_FIELDS.length; i++) {
    const name = REQUIRED_FIELDS[i][0];
    // Field names are ASCII (ftext), where a letter-by-letter comparison without case is what lower-casing both gives.
    if (name.length === length && startsWithIgnoringCase(text, name)) return 1 << i;
  }
  return 0;
}

// field-name = 1*ftext: printable US-ASCII except the colon (RFC 5322 §3.6.8); `fieldNameLength` reads it.
const FIELD_WITH_SPACE_BEFORE_COLON = /^([\x21-\x39\x3b-\x7e]+)([ \t]+):/;

function checkHeaders(transcript: Transcript): Finding[] {
  const findings: Finding[] = [];
  for (const session of transcript.sessions) {
    for (const message of messagesOf(session)) {
      const found = checkMessage(message);
      for (let i = 0; i < found.length; i++) findings.push(found[i]);
    }
  }
  return findings;
}

function checkMessage(message: MessageContent): Finding[] {
  const findings: Finding[] = [];
  // Which required fields are present, one bit each (in REQUIRED_FIELDS' order): no name string per header line.
  let present = 0;
  let headerEnd: MessageLine | undefined;
  let fieldsSeen = false;
  let unknown = false;
  for (const part of message.parts) {
    // A file included in the header section may hold any fields.
    if (part.kind === 'include') {
      unknown = true;
      break;
    }
    if (part.text === '') {
      headerEnd = part;
      break;
    }
    if (startsWithBlank(part.text) && fieldsSeen) continue;
    // `Name:` (FIELD), scanned: this runs for every header line of every message.
    const nameLength = fieldNameLength(part.text);
    if (nameLength > 0 && part.text.charCodeAt(nameLength) === 0x3a) {
      present |= requiredFieldBit(part.text, nameLength);
      fieldsSeen = true;
      continue;
    }
    // `{{headers}}` may expand to whole fields.
    if (part.hasReferences) {
      unknown = true;
      continue;
    }
    findings.push(headerSyntax(message, part, fieldsSeen));
    // `Subject : x` is still meant as a field (obsolete syntax, RFC 5322 §4.5); anything else starts the body.
    const spaced = FIELD_WITH_SPACE_BEFORE_COLON.exec(part.text);
    if (spaced) {
      present |= requiredFieldBit(spaced[1], spaced[1].length);
      fieldsSeen = true;
      continue;
    }
    headerEnd = part;
    break;
  }
  if (unknown) return findings;
  const missing: Finding[] = [];
  for (let i = 0; i < REQUIRED_FIELDS.length; i++) {
    const [name, spec] = REQUIRED_FIELDS[i];
    if ((present & (1 << i)) === 0) missing.push(missingField(name, spec, message, headerEnd));
  }
  if (missing.length === 0) return findings;
  // A message the server is expected to refuse as a whole (550, 554) is a negative test: at most a hint.
  return [...findings, ...unlessNegativeTest(missing, message.final, [...MISSING_HEADER_RULES.values()], ['550', '554'])];
}

function headerSyntax(message: MessageContent, part: MessageLine, fieldsSeen: boolean): Finding {
  const line = part.lines[0];
  const spaced = FIELD_WITH_SPACE_BEFORE_COLON.exec(part.text);
  if (spaced) {
    const finding: Finding = {
      ruleId: HeaderRules.headerSyntax.id,
      range: wholeLineRange(line),
      message: `Remove the space before the colon: a header field name ends right at its colon (\`${excerpt(spaced[1])}:\`, RFC 5322 §2.2, §3.6.8).`,
    };
    // The part's text is the line's without a DATA line's stuffed dot (`..X-Dot : y` holds the field `.X-Dot`).
    const start = (message.via === 'DATA' ? stuffedDots(line.text) : 0) + spaced[1].length;
    const end = start + spaced[2].length;
    // A field name a BDAT chunk boundary splits (`Subj` | ` : x`) has its blanks on another line: no fix.
    const edits = end <= line.text.length ? contentLineEdits(message, line.line, { range: range(line.line, line.character + start, line.character + end), newText: '' }, start - end) : undefined;
    if (edits) finding.fix = { title: 'Remove the space before the colon', edits, safe: true };
    return finding;
  }
  const folded = startsWithBlank(part.text);
  return {
    ruleId: HeaderRules.headerSyntax.id,
    range: wholeLineRange(line),
    message: folded
      ? 'A line starting with a space or tab continues the header field above it, but no field comes before it (RFC 5322 §2.2.3): remove the leading whitespace, or add the field.'
      : `\`${excerpt(part.text)}\` is not a header field \`Name: value\`. The header section comes first and ends with an empty line \`C:\`; the body follows (RFC 5322 §2.1).${fieldsSeen ? ' If the body starts here, insert an empty `C:` line above this one.' : ''}`,
  };
}

function missingField(name: string, spec: RuleSpec, message: MessageContent, headerEnd: MessageLine | undefined): Finding {
  const first = message.parts.find((part): part is MessageLine => part.kind === 'line');
  const field = name === 'Date' ? 'Date: {{$date}}' : `From: ${senderOf(message) ?? '...'}`;
  const finding: Finding = {
    ruleId: spec.id,
    range: first ? wholeLineRange(first.lines[0]) : emptyMessageRange(message),
    message: `The message has no \`${name}:\` header field, which every message must carry (RFC 5322 §3.6)${name === 'Date' ? '; many servers add one, but a test should not rely on it' : ''}: add \`C: ${field}\` to the header section.`,
  };
  // Adding a line changes a BDAT chunk's octet count, so only DATA messages get the fix.
  const insertAt = headerEnd?.lines[0].line ?? (message.final.kind === 'message' ? message.final.terminator?.line : undefined);
  if (message.via === 'DATA' && insertAt !== undefined) {
    finding.fix = {
      title: name === 'Date' ? 'Add a Date header computed at send time' : `Add \`${field}\``,
      edits: [{ range: range(insertAt, 0, 0), newText: `C: ${field}\n` }],
    };
  }
  return finding;
}

/** The MAIL FROM address in angle brackets, the natural author of a test message; undefined for `<>` or none. */
function senderOf(message: MessageContent): string | undefined {
  const address = message.mail && envelopeArgumentsOf(message.mail.command).address;
  return address ? `<${address}>` : undefined;
}

/** An empty message: its `C: .` line, or the start of its exchange when even that is missing. */
function emptyMessageRange(message: MessageContent): Range {
  const final: Exchange = message.final;
  if (final.kind === 'message' && final.terminator) return wholeLineRange(final.terminator);
  return range(exchangeStartLine(final), 0, 0);
}

export const headerRules: RuleGroup = {
  rules: Object.values(HeaderRules),
  check: checkHeaders,
};
