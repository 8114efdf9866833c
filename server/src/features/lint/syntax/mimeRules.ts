// MIME structure of message content (RFC 2045, RFC 2046, RFC 2047): multipart boundaries declared, used and closed,
// bodies that match their Content-Transfer-Encoding, encoded-words in header fields, and MIME includes with a type.
// Lines holding `{{...}}` and the content of includes are known only at replay and are not judged.
import { MAX_ENCODED_LINE } from '../../../mime/transferEncodings';
import type { Transcript } from '../../../model/types';
import { rule, type Finding, type RuleGroup, type RuleSpec } from '../rule';
import { excerpt } from './excerpt';
import { messagesOf, type MessageLine, type MessagePart } from './sentMessages';
import { header, parseContentType, readEntity, splitMultipart, wholeSpan, type MimeEntity, type PartSpan } from './mimeStructure';
import { wholeLineRange } from '../../../model/lineRanges';
import { BARE_EQUALS, NON_ASCII, NOT_BASE64, lineHolds } from './contentLineFacts';

export const MimeRules = {
  mimeBoundary: rule('mime-boundary', 'warning', 'A multipart Content-Type declares a valid boundary, and the body uses it (`--boundary`) and closes it (`--boundary--`).', { rfc: 2046, section: '5.1.1' }),
  mimeTransferEncoding: rule('mime-transfer-encoding', 'warning', 'A body matches its Content-Transfer-Encoding: base64 and quoted-printable lines of at most 76 characters with valid characters, no 8-bit text under 7bit, a known encoding.', { rfc: 2045, section: '6' }),
  encodedWordSyntax: rule('encoded-word-syntax', 'warning', 'An encoded-word in a header field is `=?charset?B|Q?text?=`, at most 75 characters, with text valid for its encoding.', { rfc: 2047, section: '2' }),
  mimeIncludeType: rule('mime-include-type', 'warning', 'A `< part` or `< attach` include names the media type of the file (`< attach application/pdf ./report.pdf`).', { rfc: 2045, section: '5' }),
};

const ENCODINGS = ['7bit', '8bit', 'binary', 'quoted-printable', 'base64'];
// RFC 2046 §5.1.1: bchars, 1 to 70 of them, not ending in a space.
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;
// RFC 2046 §5.1.1: nested multiparts are allowed, but a message this deep is a mistake (and would cost time).
const MAX_DEPTH = 20;

function check(transcript: Transcript): Finding[] {
  const findings: Finding[] = [];
  for (const session of transcript.sessions) {
    for (const message of messagesOf(session)) {
      checkIncludes(message.parts, findings);
      const top = readEntity(wholeSpan(message.parts));
      checkEntity(top, findings, 0, header(top, 'mime-version') !== undefined);
    }
  }
  return findings;
}

// Loops by index: for-of over a long message's parts kept an iterator result per line.
function checkIncludes(parts: MessagePart[], findings: Finding[]): void {
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.kind !== 'include') continue;
    const mime = part.include.mime;
    if (!mime || (mime.mode !== 'part' && mime.mode !== 'attach') || mime.contentType) continue;
    findings.push({
      ruleId: MimeRules.mimeIncludeType.id,
      range: mime.modeRange,
      message: `\`< ${mime.mode}\` needs the file's media type before the path (\`< ${mime.mode} application/pdf ./report.pdf\`, \`< ${mime.mode} text/html ./body.html\`); without it the part is sent as application/octet-stream.`,
    });
  }
}

/** `isMime`: a body part, or a message with MIME-Version (RFC 2045 §4); a plain RFC 5322 message is left alone. */
function checkEntity(entity: MimeEntity, findings: Finding[], depth: number, isMime: boolean): void {
  if (!entity.headersKnown || depth > MAX_DEPTH) return;
  for (const field of entity.headers) if (!field.hasReferences) checkEncodedWords(field.value, field.lines[0], findings);
  const typeField = header(entity, 'content-type');
  const encodingField = header(entity, 'content-transfer-encoding');
  if (typeField?.hasReferences || encodingField?.hasReferences) return;
  const contentType = typeField ? parseContentType(typeField.value) : undefined;
  const encoding = encodingField?.value.replace(/\([^)]*\)/g, '').trim().toLowerCase() ?? '7bit';
  if (encodingField && !ENCODINGS.includes(encoding) && !encoding.startsWith('x-')) {
    findings.push(finding(MimeRules.mimeTransferEncoding, encodingField.lines[0], `\`Content-Transfer-Encoding: ${excerpt(encodingField.value)}\` is not an encoding: ${ENCODINGS.map((e) => `\`${e}\``).join(', ')} (RFC 2045 §6.1)`));
    return;
  }
  if (contentType?.type.startsWith('multipart/')) {
    if (encodingField && !['7bit', '8bit', 'binary'].includes(encoding)) {
      findings.push(finding(MimeRules.mimeTransferEncoding, encodingField.lines[0], `a multipart entity is never encoded: its Content-Transfer-Encoding is 7bit, 8bit or binary, not \`${encoding}\` (RFC 2045 §6.4)`));
    }
    checkMultipart(entity, typeField!.lines[0], contentType.params.get('boundary'), findings, depth);
    return;
  }
  if (isMime || encodingField) checkBody(entity.body, encoding, encodingField?.lines[0], findings);
}

function checkMultipart(entity: MimeEntity, typeLine: MessageLine, boundary: string | undefined, findings: Finding[], depth: number): void {
  if (boundary === undefined) {
    findings.push(finding(MimeRules.mimeBoundary, typeLine, 'a multipart Content-Type needs a `boundary` parameter (`boundary="b1"`), the line that separates its parts (RFC 2046 §5.1.1)'));
    return;
  }
  if (!BOUNDARY.test(boundary)) {
    findings.push(finding(MimeRules.mimeBoundary, typeLine, `\`boundary="${excerpt(boundary)}"\` is not a boundary: 1 to 70 letters, digits and \`'()+_,-./:=?\` or spaces, not ending in a space (RFC 2046 §5.1.1)`));
    return;
  }
  // A body built from references or includes may hold the boundary lines where lint cannot see them.
  const opaque = holdsUnknown(entity.body);
  const split = splitMultipart(entity.body, boundary);
  if (split.delimiters.length === 0 && !opaque) {
    findings.push(finding(MimeRules.mimeBoundary, typeLine, `no line \`--${excerpt(boundary)}\` starts a part: the body must open each part with the boundary (RFC 2046 §5.1.1)`));
    return;
  }
  if (!split.close && !opaque) {
    findings.push(finding(MimeRules.mimeBoundary, split.delimiters[split.delimiters.length - 1] ?? typeLine, `the boundary is never closed: end the last part with \`--${excerpt(boundary)}--\` (RFC 2046 §5.1.1)`));
  }
  for (const part of split.parts) checkEntity(readEntity(part), findings, depth + 1, true);
}

/** An include or a `{{...}}` reference among the span's parts: what it holds is known only at replay. */
function holdsUnknown({ parts, start, end }: PartSpan): boolean {
  for (let i = start; i < end; i++) {
    const part = parts[i];
    if (part.kind === 'include' || part.hasReferences) return true;
  }
  return false;
}

function checkBody({ parts, start, end }: PartSpan, encoding: string, encodingLine: MessageLine | undefined, findings: Finding[]): void {
  for (let i = start; i < end; i++) {
    const part = parts[i];
    if (part.kind !== 'line' || part.hasReferences) continue;
    const problem = lineProblem(part, encoding, encodingLine !== undefined);
    if (problem) {
      findings.push(finding(MimeRules.mimeTransferEncoding, part, problem));
      // One finding per body: the rest of it is usually wrong the same way.
      return;
    }
  }
}

// What a line holds is asked of contentLineFacts.ts, which keeps the answer with the line.
function lineProblem(line: MessageLine, encoding: string, declared: boolean): string | undefined {
  const text = line.text;
  if (encoding === 'base64') {
    if (text.length > MAX_ENCODED_LINE) return `a base64 line of ${text.length} characters: at most ${MAX_ENCODED_LINE} (RFC 2045 §6.8); \`< base64 PATH\` encodes a file in lines of 76`;
    if (lineHolds(line, NOT_BASE64)) return `\`${excerpt(text)}\` is not base64, yet the body declares \`Content-Transfer-Encoding: base64\` (RFC 2045 §6.8)`;
    return undefined;
  }
  if (encoding === 'quoted-printable') {
    if (text.length > MAX_ENCODED_LINE) return `a quoted-printable line of ${text.length} characters: at most ${MAX_ENCODED_LINE}, with \`=\` soft breaks (RFC 2045 §6.7)`;
    if (lineHolds(line, BARE_EQUALS)) return `\`${excerpt(text)}\`: in quoted-printable \`=\` starts \`=XX\` or a soft break at the end of a line; write \`=3D\` for \`=\` (RFC 2045 §6.7)`;
    if (lineHolds(line, NON_ASCII)) return 'quoted-printable text holds 8-bit characters: encode them as `=XX` (RFC 2045 §6.7)';
    return undefined;
  }
  if (encoding === '7bit' && lineHolds(line, NON_ASCII)) {
    const why = declared ? 'declares `Content-Transfer-Encoding: 7bit`' : 'has no Content-Transfer-Encoding, so 7bit is assumed';
    return `the body holds 8-bit text but ${why}: declare \`8bit\` (with \`BODY=8BITMIME\` on MAIL) or send it quoted-printable, e.g. \`< quoted-printable PATH\` (RFC 2045 §6.2)`;
  }
  return undefined;
}

// RFC 2047 §2: encoded-word = "=?" charset "?" encoding "?" encoded-text "?=".
const ENCODED_WORD = /^=\?([^?\s()<>@,;:"/[\]]+)\?([BbQq])\?([^?\s]*)\?=/;
const MAX_ENCODED_WORD = 75;

function checkEncodedWords(value: string, line: MessageLine, findings: Finding[]): void {
  for (let at = value.indexOf('=?'); at >= 0; at = value.indexOf('=?', at + 2)) {
    const rest = value.slice(at);
    const match = ENCODED_WORD.exec(rest);
    let problem: string | undefined;
    if (!match) problem = `\`${excerpt(rest.split(/\s/)[0])}\` starts an encoded-word but is not \`=?charset?B?text?=\` or \`=?charset?Q?text?=\` (RFC 2047 §2)`;
    else if (match[0].length > MAX_ENCODED_WORD) problem = `an encoded-word of ${match[0].length} characters: at most ${MAX_ENCODED_WORD}; split the text into several words (RFC 2047 §2)`;
    else if (/^b$/i.test(match[2]) && !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(match[3])) problem = `\`${excerpt(match[0])}\`: the B encoding holds padded base64 (RFC 2047 §4.1)`;
    if (problem) {
      findings.push(finding(MimeRules.encodedWordSyntax, line, problem));
      return;
    }
    at += match![0].length - 2;
  }
}

function finding(spec: RuleSpec, line: MessageLine, message: string): Finding {
  return { ruleId: spec.id, range: wholeLineRange(line.lines[0]), message };
}

export const mimeRules: RuleGroup = {
  rules: Object.values(MimeRules),
  check,
};
