// Reply syntax: what one expected reply may look like on its own, whatever command it answers.
import { isIPv4 } from 'node:net';
import { lookupEnhancedCode } from '../../../knowledge/enhancedCodes';
import { SMTP_SIZE_LIMITS } from '../../../knowledge/limits';
import { range } from '../../../model/ranges';
import { compileReplyRegex, regexLiteral } from '../../../model/replyRegex';
import type { Position, Range, ReplyExpectation, ReplyLine, Transcript } from '../../../model/types';
import { enhancedCodeLookup, replyCodeProblem } from '../codeLookups';
import { rule, type Finding, type RuleGroup } from '../rule';
import { excerpt } from './excerpt';
import { codesAgree } from './negativeTests';
import { mayExceed, wireLineOctets } from './payloadOctets';
import { enhancedCodeRange, replyCodeRange, replyTextRange, wholeLineRange } from '../../../model/lineRanges';

export const ReplySyntaxRules = {
  replyCodeRange: rule('reply-code-range', 'error', 'A reply code is three digits: the first 2-5, the second 0-5 (`x` is the transcript wildcard).', { rfc: 5321, section: '4.2' }),
  replyCodeContinuation: rule('reply-code-continuation', 'error', 'Every line of a multi-line reply carries the same code.', { rfc: 5321, section: '4.2.1' }),
  replyCodeUnknown: rule('reply-code-unknown', 'info', 'A reply code no SMTP specification defines.', { rfc: 5321, section: '4.2.3' }),
  enhancedCodeSyntax: rule('enhanced-code-syntax', 'warning', 'An enhanced status code is `class.subject.detail`: class 2, 4 or 5, subject and detail of 1-3 digits.', { rfc: 3463, section: '2' }),
  enhancedCodeUnknown: rule('enhanced-code-unknown', 'info', 'An enhanced status code the IANA registry does not list.', { rfc: 5248, section: '2' }),
  enhancedCodeClass: rule('enhanced-code-class', 'warning', "An enhanced status code's class equals the first digit of its reply code.", { rfc: 2034, section: '4' }),
  enhancedCodeOn3xx: rule('enhanced-code-on-3xx', 'warning', 'A 3xx reply carries no enhanced status code.', { rfc: 2034, section: '4' }),
  replyLineTooLong: rule('reply-line-too-long', 'warning', 'A reply line is at most 512 octets, code and CRLF included.', { rfc: 5321, section: '4.5.3.1.5' }),
  replyRegexInvalid: rule('reply-regex-invalid', 'error', 'A `/regex/` expectation is one the linear-time RE2 engine accepts (no backreferences or lookaround; flags i, s, m).'),
};

const MAX_REPLY_LINE_OCTETS = SMTP_SIZE_LIMITS.replyLine.octets;
/**
 * A first word that starts like `5.1.1` (class digit, dot, digit) but that the parser did not take as one. Read by
 * character, not by a regex: it is asked of every reply line without an enhanced code (an EHLO reply's every line).
 */
function looksEnhanced(text: string): boolean {
  return isCodeCharacter(text.charCodeAt(0)) && text.charCodeAt(1) === 0x2e && isCodeCharacter(text.charCodeAt(2));
}

/** `[0-9xX]` */
function isCodeCharacter(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x78 || c === 0x58;
}
/** An enhanced status code of any class digit at the start of the text (the parser takes classes 2, 4 and 5 only). */
const ENHANCED_CODE_OF_CLASS_3 = /^\d\.\d{1,3}\.\d{1,3}(?: |$)/;

function checkReplies(transcript: Transcript): Finding[] {
  const findings: Finding[] = [];
  for (const session of transcript.sessions) {
    for (const exchange of session.exchanges) {
      if (exchange.reply) checkReply(exchange.reply, findings);
      // LMTP: the replies for the further recipients of a message's end (RFC 2033 §4.2).
      if (exchange.recipientReplies) for (const further of exchange.recipientReplies) checkReply(further, findings);
    }
  }
  return findings;
}

// Every check pushes into `findings`: a transcript holds hundreds of thousands of reply lines, almost all fine.
function checkReply(reply: ReplyExpectation, findings: Finding[]): void {
  for (let i = 0; i < reply.lines.length; i++) {
    const line = reply.lines[i];
    if (line.code === undefined) continue;
    checkCode(line.code, line, findings);
    checkContinuation(reply, line, findings);
    checkEnhancedCode(line.code, line, findings);
    checkRegex(line, findings);
    if (!mayExceed(line.payload, MAX_REPLY_LINE_OCTETS)) continue;
    const octets = wireLineOctets(line.payload);
    if (octets > MAX_REPLY_LINE_OCTETS) {
      findings.push({
        ruleId: ReplySyntaxRules.replyLineTooLong.id,
        range: wholeLineRange(line),
        message: `This reply line takes ${octets} octets with its CRLF; SMTP allows 512 (RFC 5321 §4.5.3.1.5): split it into continuation lines (\`${line.code}-...\`).`,
      });
    }
  }
}

function checkCode(code: string, line: ReplyLine, findings: Finding[]): void {
  const problem = replyCodeProblem(code);
  if (problem === 'range') {
    findings.push({
      ruleId: ReplySyntaxRules.replyCodeRange.id,
      range: replyCodeRange(line),
      message: `\`${code}\` is not an SMTP reply code: the first digit is 2-5 and the second 0-5 (\`[2-5][0-5][0-9]\`, RFC 5321 §4.2). Use a code such as 250, 354, 451 or 550.`,
    });
  } else if (problem === 'unknown') {
    findings.push({
      ruleId: ReplySyntaxRules.replyCodeUnknown.id,
      range: replyCodeRange(line),
      message: `No SMTP specification defines reply code ${code}; a client acts on its first digit only (RFC 5321 §4.2.1). Check the code, or write \`${code.slice(0, 2)}x\` to accept any code of its group.`,
    });
  }
}

// Replay compiles the same text with the same function; a `{{variable}}` inside is known only then.
function checkRegex(line: ReplyLine, findings: Finding[]): void {
  if (!line.text.startsWith('/') || line.payload.variables.length > 0) return;
  const literal = regexLiteral(line.text);
  const compiled = literal && compileReplyRegex(literal);
  if (!compiled || compiled.ok) return;
  findings.push({
    ruleId: ReplySyntaxRules.replyRegexInvalid.id,
    range: replyTextRange(line),
    message: `${compiled.problem}: replay would fail this line whatever the server says. Rewrite it for RE2 (docs/transcript-format.md, "Regular expressions").`,
  });
}

function checkContinuation(reply: ReplyExpectation, line: ReplyLine, findings: Finding[]): void {
  const final = reply.code;
  if (final === undefined || codesAgree(line.code!, final)) return;
  findings.push({
    ruleId: ReplySyntaxRules.replyCodeContinuation.id,
    range: replyCodeRange(line),
    message: `This line of a multi-line reply has code ${line.code}, but the reply's final line has ${final}: every line of a reply carries the same code (RFC 5321 §4.2.1). Did you mean to end the reply above with a space instead of \`-\`?`,
    fix: { title: `Use the reply's code ${final}`, edits: [{ range: replyCodeRange(line), newText: final }] },
  });
}

function checkEnhancedCode(code: string, line: ReplyLine, findings: Finding[]): void {
  if (code[0] === '3') return enhancedCodeOn3xx(line, findings);
  if (line.enhancedCode === undefined) return malformedEnhancedCode(line, findings);
  const enhancedClass = line.enhancedCode[0];
  if (!line.enhancedCode.includes('x')) {
    const { parsed, registered } = enhancedCodeLookup(line.enhancedCode);
    if (!parsed) return void findings.push(malformed(line.enhancedCode, enhancedCodeRange(line)!));
    if (!registered || registered.deprecated) findings.push(unknownEnhancedCode(line, parsed.subject, parsed.detail));
  }
  if (enhancedClass !== 'x' && code[0] !== 'x' && enhancedClass !== code[0]) {
    findings.push({
      ruleId: ReplySyntaxRules.enhancedCodeClass.id,
      range: enhancedCodeRange(line)!,
      message: `The enhanced status code ${line.enhancedCode} has class ${enhancedClass} but the reply code is ${code}: a ${code[0]}xx reply carries a ${code[0]}.X.X code (RFC 2034 §4). Correct whichever of the two is wrong.`,
    });
  }
}

function unknownEnhancedCode(line: ReplyLine, subject: number, detail: number): Finding {
  const deprecated = lookupEnhancedCode(subject, detail)?.deprecated;
  return {
    ruleId: ReplySyntaxRules.enhancedCodeUnknown.id,
    range: enhancedCodeRange(line)!,
    message: deprecated
      ? `The registry deprecates X.${subject}.${detail}: ${deprecated}`
      : `The IANA registry lists no enhanced status code X.${subject}.${detail} (RFC 5248); clients fall back to the meaning of X.${subject}.0 (RFC 3463 §2). Check the code, or write \`${line.enhancedCode![0]}.${subject}.x\` to accept any detail.`,
  };
}

function enhancedCodeOn3xx(line: ReplyLine, findings: Finding[]): void {
  let enhanced = enhancedCodeRange(line);
  let end: Position;
  if (enhanced) {
    // Delete the code and the space after it, so the text that follows moves up to the reply code.
    end = replyTextRange(line).start;
  } else {
    // The parser takes classes 2, 4 and 5 only: `354 3.0.0 Go` leaves `3.0.0` in the text.
    if (!ENHANCED_CODE_OF_CLASS_3.test(line.text)) return;
    const token = firstWord(line);
    enhanced = token.range;
    end = wordEndWithSpace(line, token.range);
  }
  findings.push({
    ruleId: ReplySyntaxRules.enhancedCodeOn3xx.id,
    range: enhanced,
    message: 'A 3xx reply carries no enhanced status code: they belong to 2xx, 4xx and 5xx replies (RFC 2034 §4). Remove it.',
    fix: { title: 'Remove the enhanced status code', edits: [{ range: { start: enhanced.start, end }, newText: '' }] },
  });
}

function malformedEnhancedCode(line: ReplyLine, findings: Finding[]): void {
  if (!looksEnhanced(line.text)) return;
  const token = firstWord(line);
  if (!isIPv4(token.text)) findings.push(malformed(token.text, token.range));
}

function malformed(text: string, at: Range): Finding {
  return {
    ruleId: ReplySyntaxRules.enhancedCodeSyntax.id,
    range: at,
    message: `\`${excerpt(text)}\` is not a well-formed enhanced status code: write \`class.subject.detail\` with class 2, 4 or 5 and subject and detail of 1-3 digits without leading zeros, followed by a space (\`5.1.1\`, RFC 3463 §2).`,
  };
}

/** The first space-delimited word of the reply text (after the code and its separator). */
function firstWord(line: ReplyLine): { text: string; range: Range } {
  const space = line.text.indexOf(' ');
  const text = space < 0 ? line.text : line.text.slice(0, space);
  const start = replyTextRange(line).start.character;
  return { text, range: range(line.line, start, start + text.length) };
}

function wordEndWithSpace(line: ReplyLine, word: Range): Position {
  const offset = word.end.character - replyTextRange(line).start.character;
  const spaces = line.text[offset] === ' ' ? 1 : 0;
  return { line: line.line, character: word.end.character + spaces };
}

export const replySyntaxRules: RuleGroup = {
  rules: Object.values(ReplySyntaxRules),
  check: checkReplies,
};
